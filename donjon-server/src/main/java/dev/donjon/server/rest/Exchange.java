package dev.donjon.server.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** An HTTP request as the transport adapter hands it over, and the response it must write. */
public final class Exchange {
    private static final int FIRST_READ_BYTES = 1024;
    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private Exchange() {
    }

    /**
     * @param path     the decoded request path
     * @param rawQuery the undecoded query string, or {@code ""}
     * @param query    decoded query parameters
     */
    /**
     * @param source            the client's address (failed authentications are counted and throttled by it)
     * @param clientCertificate the certificate the client presented and TLS verified, or {@code null}
     */
    public record Incoming(String method, String path, String rawQuery, Map<String, List<String>> query,
                           RestRequest.Headers headers, Body body, String source,
                           java.security.cert.X509Certificate clientCertificate) {
    }

    /** The request body, read on demand so that requests without one cost nothing. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws IOException;
    }

    public record Outgoing(int status, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            return "Outgoing[" + status + ", " + body.length + " bytes]";
        }
    }

    /**
     * Reads at most {@code limit} bytes; {@code null} if the body is longer. The buffer starts small and doubles:
     * {@code readNBytes(limit + 1)} allocated and zeroed 16 KB for every request, most of whose bodies are a few
     * hundred bytes.
     */
    static byte[] readLimited(Body body, int limit) throws IOException {
        try (InputStream in = body.open()) {
            byte[] buffer = new byte[(int) Math.min(FIRST_READ_BYTES, (long) limit + 1)];
            int length = 0;
            while (true) {
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    return copyAndClear(buffer, length);
                }
                length += read;
                if (length > limit) {
                    Arrays.fill(buffer, (byte) 0);
                    return null;
                }
                if (length == buffer.length) {
                    if (length >= MAX_ARRAY_BYTES) {
                        // No array holds more: a body this long is over any limit a route sets.
                        Arrays.fill(buffer, (byte) 0);
                        return null;
                    }
                    buffer = copyAndClear(buffer, (int) Math.min(Math.min((long) limit + 1, 2L * buffer.length),
                            MAX_ARRAY_BYTES));
                }
            }
        }
    }

    /** The body may be a secret's payload: a buffer left behind is cleared rather than left to the collector. */
    private static byte[] copyAndClear(byte[] buffer, int newLength) {
        byte[] copy = Arrays.copyOf(buffer, newLength);
        Arrays.fill(buffer, (byte) 0);
        return copy;
    }
}
