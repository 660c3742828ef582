package dev.donjon.server.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The key derivation functions of KMIP's Derive Key (1.4 §4.6, 2.1 §6.1.15), each producing exactly the bytes asked
 * for or failing when the function cannot give that many (the specification's "the specified length exceeds the
 * output of the derivation method"). HMAC names are JCA Mac names (HmacSHA256), hash names JCA digests (SHA-256).
 */
public final class KeyDerivation {
    private KeyDerivation() {
    }

    /** PBKDF2 (RFC 8018 §5.2) with the HMAC {@code hmac}; the password is bytes, as KMIP Secret Data is. */
    public static byte[] pbkdf2(String hmac, byte[] password, byte[] salt, int iterations, int bytes) {
        if (iterations < 1) {
            throw new Primitives.Failure(Primitives.Failure.Kind.BAD_PARAMETERS, "PBKDF2 needs an Iteration Count");
        }
        Mac mac = mac(hmac, password);
        int length = mac.getMacLength();
        byte[] out = new byte[bytes];
        for (int block = 1, done = 0; done < bytes; block++) {
            mac.update(salt);
            mac.update(new byte[]{(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            byte[] u = mac.doFinal();
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < length; j++) {
                    t[j] ^= u[j];
                }
            }
            int take = Math.min(length, bytes - done);
            System.arraycopy(t, 0, out, done, take);
            done += take;
            Arrays.fill(t, (byte) 0);
            Arrays.fill(u, (byte) 0);
        }
        return out;
    }

    /** KMIP's HMAC method: the HMAC of the derivation data under the base key; at most one MAC long. */
    public static byte[] hmac(String hmac, byte[] key, byte[] data, int bytes) {
        byte[] full = mac(hmac, key).doFinal(data);
        return take(full, bytes, "HMAC");
    }

    /** KMIP's HASH method: the hash of the derivation data, or of the base key when there is none. */
    public static byte[] hash(String digest, byte[] input, int bytes) {
        try {
            return take(MessageDigest.getInstance(digest).digest(input), bytes, "HASH");
        } catch (GeneralSecurityException e) {
            throw new Primitives.Failure(Primitives.Failure.Kind.BAD_PARAMETERS, digest + " is not available");
        }
    }

    /** HKDF (RFC 5869, KMIP 2.1's HKDF method): extract with the salt, expand with the derivation data as info. */
    public static byte[] hkdf(String hmac, byte[] key, byte[] salt, byte[] info, int bytes) {
        Mac extract = mac(hmac, salt.length == 0 ? new byte[mac(hmac, new byte[1]).getMacLength()] : salt);
        byte[] prk = extract.doFinal(key);
        Mac expand = mac(hmac, prk);
        Arrays.fill(prk, (byte) 0);
        if (bytes > 255 * expand.getMacLength()) {
            throw tooLong("HKDF");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] previous = new byte[0];
        for (int i = 1; out.size() < bytes; i++) {
            expand.update(previous);
            expand.update(info);
            expand.update((byte) i);
            previous = expand.doFinal();
            out.writeBytes(previous);
        }
        return take(out.toByteArray(), bytes, "HKDF");
    }

    /**
     * NIST SP 800-108 KDF in counter mode with an HMAC as PRF: K(i) = PRF(key, [i]32 || fixed input data), where the
     * fixed input data is KMIP's Derivation Data (Label || 0x00 || Context || [L], as the client composed it).
     */
    public static byte[] counterMode(String hmac, byte[] key, byte[] fixed, int bytes) {
        Mac prf = mac(hmac, key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; out.size() < bytes; i++) {
            prf.update(new byte[]{(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
            out.writeBytes(prf.doFinal(fixed));
        }
        return take(out.toByteArray(), bytes, "NIST SP 800-108 counter mode");
    }

    private static byte[] take(byte[] output, int bytes, String method) {
        if (bytes > output.length) {
            Arrays.fill(output, (byte) 0);
            throw tooLong(method);
        }
        byte[] out = Arrays.copyOf(output, bytes);
        Arrays.fill(output, (byte) 0);
        return out;
    }

    private static Primitives.Failure tooLong(String method) {
        return new Primitives.Failure(Primitives.Failure.Kind.BAD_KEY, "the length asked exceeds what " + method
                + " derives");
    }

    private static Mac mac(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Primitives.Failure(Primitives.Failure.Kind.BAD_PARAMETERS, algorithm + " cannot derive: "
                    + e.getMessage());
        }
    }
}
