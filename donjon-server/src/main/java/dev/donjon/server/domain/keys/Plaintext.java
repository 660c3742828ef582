package dev.donjon.server.domain.keys;

import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.barbican.Secret;
import java.util.Arrays;

/**
 * Secret bytes in the clear and how they were supplied. Holds its own copy so that it can be wiped when the caller is
 * done; never printed.
 */
public final class Plaintext implements AutoCloseable {
    private final byte[] bytes;
    private final PayloadContentType contentType;

    public Plaintext(byte[] bytes, PayloadContentType contentType) {
        this.bytes = bytes.clone();
        this.contentType = contentType;
    }

    /** The bytes themselves, not a copy: callers must not keep them past {@link #close()}. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    public PayloadContentType contentType() {
        return contentType;
    }

    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "Plaintext[" + contentType + ", " + bytes.length + " bytes]";
    }
}
