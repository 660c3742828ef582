package dev.donjon.server.crypto;

import javax.crypto.Cipher;
import java.util.Arrays;

/**
 * One multi-part encryption or decryption: data goes in by parts and comes out as the cipher releases it. An AEAD
 * decryption holds back everything until {@link #finish} has checked the tag (the JCA buffers it), so a stream caps the
 * bytes it holds back.
 */
public final class CipherStream {
    private final Cipher cipher;
    private final String mode;
    private final boolean encrypting;
    /** The tag length an AEAD encryption appends, 0 otherwise. */
    private final int tagBytes;
    /** The tag an AEAD decryption checks at the end, given up front; null otherwise. */
    private final byte[] expectedTag;
    private final long maxHeldBack;
    private long heldBack;

    private CipherStream(Cipher cipher, String mode, boolean encrypting, int tagBytes, byte[] expectedTag,
                         long maxHeldBack) {
        this.cipher = cipher;
        this.mode = mode;
        this.encrypting = encrypting;
        this.tagBytes = tagBytes;
        this.expectedTag = expectedTag;
        this.maxHeldBack = maxHeldBack;
    }

    /** What the last part yields: the rest of the output and, for an AEAD encryption, the tag. */
    public record Finished(byte[] output, byte[] tag) {
    }

    /**
     * An AES stream. The IV must be given (generate it beforehand for encryption).
     *
     * @param tag the tag to check at the end of a GCM decryption; ignored otherwise
     */
    public static CipherStream aes(boolean encrypt, byte[] key, Primitives.AesRequest request, byte[] tag,
                                   long maxHeldBack) {
        if (request.mode() != Primitives.AesMode.ECB && request.iv() == null) {
            throw new Primitives.Failure(Primitives.Failure.Kind.BAD_PARAMETERS, "the stream needs the IV");
        }
        boolean gcm = request.mode() == Primitives.AesMode.GCM;
        if (gcm && !encrypt && tag == null) {
            throw new Primitives.Failure(Primitives.Failure.Kind.BAD_PARAMETERS,
                    "a GCM decryption stream needs the tag on its first part");
        }
        Primitives.AesRequest effective = gcm && !encrypt
                ? new Primitives.AesRequest(request.mode(), false, request.iv(), request.aad(), tag.length)
                : request;
        Cipher cipher = Primitives.aes(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, effective,
                request.iv());
        return new CipherStream(cipher, request.mode().toString(), encrypt, gcm && encrypt ? request.tagBytes() : 0,
                gcm && !encrypt ? tag.clone() : null, maxHeldBack);
    }

    /** A plain ChaCha20 stream (encryption and decryption alike). */
    public static CipherStream chacha20(byte[] key, byte[] nonce) {
        return new CipherStream(Primitives.chacha20Cipher(key, nonce, 0), "ChaCha20", true, 0, null, 0);
    }

    /**
     * A ChaCha20-Poly1305 stream with the full 16-byte tag (the JCA checks no truncated one while streaming).
     *
     * @param tag the tag to check at the end of a decryption; ignored for encryption
     */
    public static CipherStream chacha20Poly1305(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] tag,
                                                int tagBytes, long maxHeldBack) {
        int length = encrypt ? tagBytes : tag == null ? -1 : tag.length;
        if (length != 16) {
            throw new Primitives.Failure(Primitives.Failure.Kind.BAD_PARAMETERS,
                    "a ChaCha20-Poly1305 stream needs the full 16-byte tag");
        }
        Cipher cipher = Primitives.chacha20Poly1305(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, nonce,
                aad);
        return new CipherStream(cipher, "ChaCha20-Poly1305", encrypt, encrypt ? tagBytes : 0,
                encrypt ? null : tag.clone(), maxHeldBack);
    }

    /** The output of one middle part (possibly empty). */
    public byte[] update(byte[] data) {
        byte[] out = cipher.update(data);
        out = out == null ? new byte[0] : out;
        heldBack += data.length - out.length;
        if (expectedTag != null && heldBack > maxHeldBack) {
            throw new Primitives.Failure(Primitives.Failure.Kind.BAD_PARAMETERS, "an authenticated decryption stream"
                    + " may hold back at most " + maxHeldBack + " bytes before its last part");
        }
        return out;
    }

    /** The last part: the remaining output, and the tag of an AEAD encryption; checks the tag of a decryption. */
    public Finished finish(byte[] data) {
        byte[] input = data;
        if (expectedTag != null) {
            input = Arrays.copyOf(data, data.length + expectedTag.length);
            System.arraycopy(expectedTag, 0, input, data.length, expectedTag.length);
        }
        byte[] out = Primitives.run(cipher, mode, input);
        if (!encrypting || tagBytes == 0) {
            return new Finished(out, null);
        }
        int split = out.length - tagBytes;
        return new Finished(Arrays.copyOf(out, split), Arrays.copyOfRange(out, split, out.length));
    }

    @Override
    public String toString() {
        return "CipherStream[" + mode + (encrypting ? ", encrypt" : ", decrypt") + "]";
    }
}
