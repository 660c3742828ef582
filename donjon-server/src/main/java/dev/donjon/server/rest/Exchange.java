package dev.donjon.server.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** An HTTP request as the transport adapter hands it over, and the response it must write. */
public final class Exchange {
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

    /** Reads at most {@code limit} bytes; {@code null} if the body is longer. */
    static byte[] readLimited(Body body, int limit) throws IOException {
        try (InputStream in = body.open()) {
            byte[] bytes = in.readNBytes(limit + 1);
            return bytes.length > limit ? null : bytes;
        }
    }
}
