package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

/** AES Key Wrap with Padding (RFC 5649), as the JDK implements it since 17. */
final class AesKeyWrap {
    private static final String TRANSFORMATION = "AES/KWP/NoPadding";

    private AesKeyWrap() {
    }

    static byte[] wrap(SecretKey wrappingKey, byte[] keyBytes) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, wrappingKey);
            return cipher.doFinal(keyBytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    static byte[] unwrap(SecretKey wrappingKey, byte[] wrapped) {
        Cipher cipher;
        try {
            cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, wrappingKey);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("invalid wrapping key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap unavailable: " + e.getClass().getSimpleName(), e);
        }
        try {
            return cipher.doFinal(wrapped);
        } catch (GeneralSecurityException e) {
            throw new DomainException.Integrity("wrapped key failed its integrity check");
        }
    }
}
