package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small HTTP client for API tests: HTTP/1.1 over the test server's TLS, fluent requests, and responses that expose
 * the status, the headers, the raw body and the body as JSON.
 * <pre>{@code
 * ApiClient alice = api.withHeader("X-Project-Id", "proj-a");
 * ApiClient.Response created = alice.post("/v1/secrets").json("{\"payload\": \"x\", ...}").send();
 * }</pre>
 * Each {@code with...} call returns a copy that shares the underlying connection pool.
 */
final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http;
    private final String baseUrl;
    private final Map<String, String> defaultHeaders;

    ApiClient(String baseUrl, SSLContext tls) {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), baseUrl, Map.of());
    }

    private ApiClient(HttpClient http, String baseUrl, Map<String, String> defaultHeaders) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
    }

    /** A client that sends {@code name: value} on every request (unless a request sets the header itself). */
    ApiClient withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
        headers.put(name, value);
        return new ApiClient(http, baseUrl, headers);
    }

    String baseUrl() {
        return baseUrl;
    }

    Request get(String pathOrUrl) {
        return request("GET", pathOrUrl);
    }

    Request post(String pathOrUrl) {
        return request("POST", pathOrUrl);
    }

    Request put(String pathOrUrl) {
        return request("PUT", pathOrUrl);
    }

    Request delete(String pathOrUrl) {
        return request("DELETE", pathOrUrl);
    }

    Request patch(String pathOrUrl) {
        return request("PATCH", pathOrUrl);
    }

    /** @param pathOrUrl a path on the server ({@code /v1/secrets?limit=2}) or an absolute URL it handed out */
    Request request(String method, String pathOrUrl) {
        String url = pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")
                ? pathOrUrl
                : baseUrl + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl;
        return new Request(method, URI.create(url));
    }

    /** One request being built; {@link #send()} performs it. */
    final class Request {
        private final String method;
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
        private byte[] body;

        private Request(String method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        Request header(String name, String value) {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        /** Leaves {@code name} out even if the client sends it by default. */
        Request without(String name) {
            return header(name, null);
        }

        Request accept(String mediaRange) {
            return header("Accept", mediaRange);
        }

        Request contentType(String mediaType) {
            return header("Content-Type", mediaType);
        }

        /** A JSON body given as text (sent as is, so malformed JSON can be sent too), with the JSON content type. */
        Request json(String jsonText) {
            if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
                contentType("application/json");
            }
            return body(jsonText.getBytes(StandardCharsets.UTF_8));
        }

        /** A JSON body serialised from maps, lists and scalars. */
        Request jsonOf(Object value) {
            try {
                return json(MAPPER.writeValueAsString(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A UTF-8 text body; the content type is whatever the test sets. */
        Request text(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        Request body(byte[] bytes) {
            this.body = bytes.clone();
            return this;
        }

        Response send() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(TIMEOUT)
                    .method(method, body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(builder::header);
            try {
                HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(method + " " + uri, response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + uri + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during " + method + " " + uri, e);
            }
        }
    }

    /** What the server answered. */
    record Response(String request, int status, HttpHeaders headers, byte[] body) {
        /** The first value of a header (names are case-insensitive), or {@code null}. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        Optional<String> optionalHeader(String name) {
            return headers.firstValue(name);
        }

        List<String> headerValues(String name) {
            return headers.allValues(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(request + " answered " + status + " with a body that is not JSON: "
                        + text(), e);
            }
        }

        @Override
        public String toString() {
            String shown = body.length > 500 ? text().substring(0, 500) + "..." : text();
            return request + " -> " + status + " " + headers.map() + " " + shown;
        }
    }
}
