package dev.donjon.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** The four Barbican calls, as raw HTTP/1.1 requests over one keep-alive connection per {@link Session}. */
final class BarbicanClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ids go into request lines verbatim; anything else from a server would be a bug worth reporting. */
    private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9._~-]+");

    private final String host;
    private final int port;
    private final String authority;
    /** Null for plain http://. */
    private final SSLContext tls;
    private final String secretsPath;
    /** Host, credentials and user agent: the header lines every request carries. */
    private final String commonHeaders;

    BarbicanClient(URI base, SSLContext tls, RestCredentials credentials) {
        boolean https = base.getScheme().equals("https");
        this.host = base.getHost().replaceAll("^\\[|]$", ""); // an IPv6 literal without its URL brackets
        this.port = base.getPort() > 0 ? base.getPort() : https ? 443 : 80;
        this.authority = base.getRawAuthority();
        this.tls = https ? tls : null;
        this.secretsPath = (base.getRawPath() == null ? "" : base.getRawPath()) + "/v1/secrets";
        StringBuilder headers = new StringBuilder("Host: ").append(authority).append("\r\n");
        for (Header h : credentials.headers()) {
            headers.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        this.commonHeaders = headers.append("User-Agent: donjon-bench\r\n").toString();
    }

    /** A connection for one worker; opened on first use and again after the server closes it or an error. */
    Session session() {
        return new Session();
    }

    final class Session implements AutoCloseable {
        private HttpConnection connection;

        Outcome perform(RestCall op, String secretId) {
            byte[] request = request(op, secretId);
            HttpConnection.Response response;
            try {
                boolean reused = connection != null;
                if (!reused) {
                    connection = HttpConnection.open(host, port, tls);
                }
                try {
                    response = connection.exchange(request);
                } catch (java.io.EOFException e) {
                    // A kept-alive connection the server closed (its idle timeout) just as the request went out: no
                    // answer began, so an idempotent request is sent again on a new connection, as RFC 9112 section
                    // 9.3.1 lets clients do. A POST is never repeated.
                    if (!reused || op == RestCall.POST || op == RestCall.POST_NEW_PROJECT || !HttpConnection.CLOSED_BEFORE_ANSWER.equals(e.getMessage())) {
                        throw e;
                    }
                    close();
                    connection = HttpConnection.open(host, port, tls);
                    response = connection.exchange(request);
                }
            } catch (ConnectException e) {
                close();
                return Outcome.failed("ConnectException", "cannot connect to " + authority + ": " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                // The connection may be mid-response: never reuse it.
                close();
                return Outcome.failed(e.getClass().getSimpleName(), e.getMessage());
            }
            if (!response.keepAlive()) {
                close();
            }
            if (response.status() != op.expectedStatus()) {
                return Outcome.failed("HTTP " + response.status(), new String(response.body(), StandardCharsets.UTF_8));
            }
            return op == RestCall.POST || op == RestCall.POST_NEW_PROJECT ? createdSecret(response.body()) : Outcome.OK;
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    private byte[] request(RestCall op, String secretId) {
        String head = switch (op) {
            case POST -> {
                String body = newSecretJson();
                yield "POST " + secretsPath + " HTTP/1.1\r\n" + commonHeaders
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            }
            case GET_META -> "GET " + secretsPath + "/" + secretId + " HTTP/1.1\r\n" + commonHeaders
                    + "Accept: application/json\r\n\r\n";
            case GET_PAYLOAD -> "GET " + secretsPath + "/" + secretId + "/payload HTTP/1.1\r\n" + commonHeaders
                    + "Accept: application/octet-stream\r\n\r\n";
            case DELETE -> "DELETE " + secretsPath + "/" + secretId + " HTTP/1.1\r\n" + commonHeaders + "\r\n";
            case POST_NEW_PROJECT -> {
                if (!commonHeaders.contains("X-Project-Id: ")) {
                    throw new UsageException("post-new-project needs trusted headers (--project)");
                }
                String body = newSecretJson();
                yield "POST " + secretsPath + " HTTP/1.1\r\n"
                        + commonHeaders.replaceFirst("X-Project-Id: [^\r]*", "X-Project-Id: bench-" + UUID.randomUUID())
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            }
        };
        // Everything above is ASCII: the JSON body included, and the headers were checked at parse time.
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String newSecretJson() {
        // Benchmark data, not key material: ThreadLocalRandom keeps the generator off the measured path.
        byte[] payload = new byte[32];
        ThreadLocalRandom.current().nextBytes(payload);
        return "{\"name\":\"bench\",\"secret_type\":\"opaque\",\"payload\":\""
                + Base64.getEncoder().encodeToString(payload)
                + "\",\"payload_content_type\":\"application/octet-stream\",\"payload_content_encoding\":\"base64\"}";
    }

    private static Outcome createdSecret(byte[] body) {
        String ref;
        try {
            ref = JSON.readTree(body).path("secret_ref").asText("");
        } catch (IOException e) {
            ref = "";
        }
        String id = ref.substring(ref.lastIndexOf('/') + 1);
        if (!SECRET_ID.matcher(id).matches()) {
            return Outcome.failed("POST without a usable secret_ref", new String(body, StandardCharsets.UTF_8));
        }
        return Outcome.created(id);
    }
}
