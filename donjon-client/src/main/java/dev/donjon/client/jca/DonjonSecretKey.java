package dev.donjon.client.jca;

import dev.donjon.kmip.client.KmipClient;

import javax.crypto.SecretKey;

/** A symmetric key held by Donjon (AES for Cipher, HMAC for Mac); its material never reaches the client. */
public record DonjonSecretKey(String uniqueIdentifier, String algorithm, KmipClient kmip)
        implements SecretKey, DonjonKeyHandle {
    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    /** No encoding: the key does not leave the server. */
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
        return "DonjonSecretKey[" + algorithm + ", " + uniqueIdentifier + "]";
    }
}
