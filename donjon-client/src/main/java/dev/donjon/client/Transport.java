package dev.donjon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP exchanges with a set of Donjon nodes: one {@link HttpClient} (kept-alive connections reused across calls),
 * per-request timeouts, failover and retries.
 * <p>
 * Retry rules: a request that never reached a node (connection refused or timed out while connecting) moves to the
 * next node whatever its method, since nothing happened; a request that may have reached a node is retried, on the
 * next node, only when idempotent (GET, PUT, DELETE) — after a timeout or a 502/503/504. A POST whose answer was lost
 * is reported, never repeated, since repeating it could create a second secret or order.
 */
final class Transport implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> nodes;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int attempts;
    private final Duration backoff;
    private final Clock clock;
    private final AtomicInteger preferred = new AtomicInteger();
    private final AtomicReference<ClientToken> token;
    private final List<Runnable> tokenInvalidated = new CopyOnWriteArrayList<>();

    Transport(DonjonClient.Builder builder) {
        this.nodes = List.copyOf(builder.nodes);
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
        if (builder.sslContext != null) {
            http.sslContext(builder.sslContext);
        }
        this.http = http.build();
        this.requestTimeout = builder.requestTimeout;
        this.attempts = builder.attempts;
        this.backoff = builder.backoff;
        this.clock = builder.clock;
        this.token = new AtomicReference<>(builder.token);
    }

    record Answer(int status, String contentType, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new DonjonApiException(status, "the server answered with malformed JSON");
            }
        }
    }

    /** Registers what runs when the token is found expired or refused (401), or replaced. */
    void onTokenInvalidated(Runnable listener) {
        tokenInvalidated.add(listener);
    }

    ClientToken token() {
        return token.get();
    }

    void useToken(ClientToken next) {
        token.set(next);
        tokenInvalidated.forEach(Runnable::run);
    }

    Clock clock() {
        return clock;
    }

    /** The node URL that answered last (where the next request goes first). */
    URI currentNode() {
        return nodes.get(preferred.get());
    }

    /** Sends and returns a 2xx answer; any other status becomes a {@link DonjonApiException}. */
    Answer call(String method, String path, JsonNode body, String accept) {
        byte[] bytes = body == null ? null : write(body);
        Answer answer = exchange(method, path, bytes, bytes == null ? null : "application/json", accept);
        if (answer.status() / 100 != 2) {
            throw refusal(answer);
        }
        return answer;
    }

    Answer exchange(String method, String path, byte[] body, String contentType, String accept) {
        ClientToken current = token.get();
        if (current != null && current.isExpiredAt(clock.instant())) {
            tokenInvalidated.forEach(Runnable::run);
            throw new DonjonApiException(401, "the token " + current.id() + " expired at " + current.expiresAt());
        }
        boolean idempotent = method.equals("GET") || method.equals("PUT") || method.equals("DELETE")
                || method.equals("HEAD");
        Exception last = null;
        int start = preferred.get();
        int tries = attempts * nodes.size();
        for (int i = 0; i < tries; i++) {
            int index = (start + i) % nodes.size();
            if (i > 0 && i % nodes.size() == 0) {
                pause(backoff.multipliedBy(1L << Math.min(6, i / nodes.size() - 1)));
            }
            HttpRequest request = request(nodes.get(index), method, path, body, contentType, accept, current);
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                last = e;
                if (isConnectFailure(e) || idempotent) {
                    continue;   // never reached the node, or harmless to repeat: try the next one
                }
                throw new DonjonUnavailableException(method + " " + path + " to " + nodes.get(index)
                        + " failed after it was sent; not repeated, as it is not idempotent: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DonjonUnavailableException("interrupted", e);
            }
            int status = response.statusCode();
            if (idempotent && (status == 502 || status == 503 || status == 504) && i + 1 < tries) {
                last = new IOException(nodes.get(index) + " answered " + status);
                continue;
            }
            preferred.set(index);
            if (status == 401) {
                tokenInvalidated.forEach(Runnable::run);
            }
            return new Answer(status, response.headers().firstValue("Content-Type").orElse(""), response.body());
        }
        throw new DonjonUnavailableException("no Donjon node answered " + method + " " + path + " (tried " + nodes
                + "): " + last, last);
    }

    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private HttpRequest request(URI node, String method, String path, byte[] body, String contentType, String accept,
                                ClientToken current) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (current != null) {
            request.header("X-Auth-Token", current.value());
        }
        return request.build();
    }

    static DonjonApiException refusal(Answer answer) {
        String reason = "HTTP " + answer.status();
        try {
            JsonNode error = JSON.readTree(answer.body());
            if (error != null && error.hasNonNull("description")) {
                reason = error.get("description").asText();
            } else if (error != null && error.hasNonNull("title")) {
                reason = error.get("title").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // Not a Barbican error document: the status says enough.
        }
        return new DonjonApiException(answer.status(), reason + " (HTTP " + answer.status() + ")");
    }

    private static byte[] write(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DonjonUnavailableException("interrupted", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
