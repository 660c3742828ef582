package dev.donjon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The four Barbican calls the load generator makes, served from memory over HTTPS by the JDK's built-in server: lets
 * the tool be tested end to end, and its own ceiling measured, without Donjon.
 */
final class InMemoryBarbican implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRETS = "/v1/secrets";

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String token;
    private final Map<String, byte[]> payloads = new ConcurrentHashMap<>();

    private InMemoryBarbican(HttpsServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Accepts {@code X-Auth-Token: token}, or any {@code X-Project-Id} (trusted headers). */
    static InMemoryBarbican start(TestPki pki, String token) throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
        InMemoryBarbican barbican = new InMemoryBarbican(https, token);
        https.createContext(SECRETS, barbican::handle);
        https.setExecutor(barbican.executor);
        https.start();
        return barbican;
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    int secretCount() {
        return payloads.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!authenticated(exchange)) {
                reply(exchange, 401, "{\"code\": 401, \"title\": \"Unauthorized\"}");
                return;
            }
            String method = exchange.getRequestMethod();
            String[] path = exchange.getRequestURI().getPath().substring(SECRETS.length()).split("/");
            // "" → [""], "/id" → ["", id], "/id/payload" → ["", id, "payload"]
            if (path.length == 1 && path[0].isEmpty() && method.equals("POST")) {
                create(exchange, body);
            } else if (path.length == 2 && method.equals("GET")) {
                ifExists(exchange, path[1], p -> reply(exchange, 200, metadata(path[1])));
            } else if (path.length == 3 && path[2].equals("payload") && method.equals("GET")) {
                ifExists(exchange, path[1], p -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                    exchange.sendResponseHeaders(200, p.length);
                    exchange.getResponseBody().write(p);
                });
            } else if (path.length == 2 && method.equals("DELETE")) {
                if (payloads.remove(path[1]) == null) {
                    reply(exchange, 404, "{\"code\": 404, \"title\": \"Not Found\"}");
                } else {
                    exchange.sendResponseHeaders(204, -1);
                }
            } else {
                reply(exchange, 405, "{\"code\": 405, \"title\": \"Method Not Allowed\"}");
            }
        }
    }

    private boolean authenticated(HttpExchange exchange) {
        String presented = exchange.getRequestHeaders().getFirst("X-Auth-Token");
        return presented != null ? presented.equals(token) : exchange.getRequestHeaders().containsKey("X-Project-Id");
    }

    private void create(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        if (!request.path("payload").isTextual()
                || !"base64".equals(request.path("payload_content_encoding").asText())) {
            reply(exchange, 400, "{\"code\": 400, \"title\": \"Bad Request\"}");
            return;
        }
        String id = UUID.randomUUID().toString();
        payloads.put(id, Base64.getDecoder().decode(request.path("payload").asText()));
        String ref = url() + SECRETS + "/" + id;
        exchange.getResponseHeaders().set("Location", ref);
        reply(exchange, 201, "{\"secret_ref\": \"" + ref + "\"}");
    }

    private String metadata(String id) {
        return "{\"secret_ref\": \"" + url() + SECRETS + "/" + id + "\", \"name\": \"bench\", \"status\": \"ACTIVE\","
                + " \"secret_type\": \"opaque\", \"content_types\": {\"default\": \"application/octet-stream\"}}";
    }

    private interface PayloadReply {
        void send(byte[] payload) throws IOException;
    }

    private void ifExists(HttpExchange exchange, String id, PayloadReply found) throws IOException {
        byte[] payload = payloads.get(id);
        if (payload == null) {
            reply(exchange, 404, "{\"code\": 404, \"title\": \"Not Found\"}");
        } else {
            found.send(payload);
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
