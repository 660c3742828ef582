package dev.donjon.client.jca;

import dev.donjon.kmip.client.KmipClient;

/**
 * A key that stays on the Donjon server: the JCA key objects the Donjon key store returns for symmetric and private
 * keys carry only the object's KMIP Unique Identifier and the connection to use it through; {@code getEncoded()}
 * answers {@code null}. The provider's Cipher, Signature and Mac send the operation to the server.
 */
public interface DonjonKeyHandle {
    String uniqueIdentifier();

    KmipClient kmip();
}
