package dev.donjon.client.jca;

import dev.donjon.kmip.client.KmipClient;

import java.security.PrivateKey;

/** A private key held by Donjon, for Signature; its material never reaches the client. */
public record DonjonPrivateKey(String uniqueIdentifier, String algorithm, KmipClient kmip)
        implements PrivateKey, DonjonKeyHandle {
    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return null;
    }

    @Override
    public byte[] getEncoded() {
        return null;
    }

    @Override
    public String toString() {
        return "DonjonPrivateKey[" + algorithm + ", " + uniqueIdentifier + "]";
    }
}
