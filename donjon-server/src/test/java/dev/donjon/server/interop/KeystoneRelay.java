package dev.donjon.server.interop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP relay in front of the real Keystone, so that a test can count the calls Donjon makes to it and take it
 * away: {@link #failWith5xx()} answers every call 503 as a broken Keystone would, {@link #close()} stops listening
 * (Keystone unreachable). Requests are forwarded unchanged.
 */
public final class KeystoneRelay implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "keep-alive",
            "transfer-encoding", "upgrade", "date");
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private final AtomicInteger validations = new AtomicInteger();
    private volatile boolean failing;

    public KeystoneRelay(KeystoneServer keystone) throws IOException {
        this.target = keystone.url();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::relay);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many token validations ({@code GET /v3/auth/tokens}) reached the relay. */
    public int validations() {
        return validations.get();
    }

    public void failWith5xx() {
        failing = true;
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath()
                    .equals("/v3/auth/tokens")) {
                validations.incrementAndGet();
            }
            if (failing) {
                byte[] body = "{\"error\": {\"code\": 503, \"message\": \"down for the test\"}}".getBytes();
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), requestBody.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    header.getValue().forEach(value -> forward.header(header.getKey(), value));
                }
            }
            HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
