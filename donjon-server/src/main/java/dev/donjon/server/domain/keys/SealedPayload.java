package dev.donjon.server.domain.keys;

import java.util.Arrays;

/**
 * A payload encrypted under a project KEK. Opaque to everything but the {@link PayloadProtector}.
 *
 * @param kekVersion the project KEK version that sealed it
 * @param ciphertext nonce, ciphertext and tag, as the protector lays them out
 */
public record SealedPayload(int kekVersion, byte[] ciphertext) {
    public SealedPayload {
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedPayload that && kekVersion == that.kekVersion
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * kekVersion + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedPayload[kekVersion=" + kekVersion + ", " + ciphertext.length + " bytes]";
    }
}
