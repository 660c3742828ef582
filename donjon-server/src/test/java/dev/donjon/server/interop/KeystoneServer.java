package dev.donjon.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Keystone (Debian's {@code keystone} package, 22.x) for tests, shared by the whole test run: started on the
 * first {@link #shared()} on a free loopback port with its own SQLite database, fernet keys and configuration in a
 * temporary directory, bootstrapped ({@code keystone-manage bootstrap}) and served by {@code keystone-wsgi-public}'s
 * own server with an in-memory cache; stopped when the JVM exits. Users, projects and roles are made through Keystone's API with the bootstrap admin's token. The package is
 * installed when missing (as root); without it the test fails under {@code CI=true} and is skipped elsewhere.
 */
public final class KeystoneServer {
    public static final String ADMIN_PASSWORD = "keystone-admin-" + UUID.randomUUID();
    private static final Path KEYSTONE_MANAGE = Path.of("/usr/bin/keystone-manage");
    private static final Path WSGI_PUBLIC = Path.of("/usr/bin/keystone-wsgi-public");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static KeystoneServer shared;

    private final Path directory;
    private final int port;
    private final Process process;
    private volatile String adminToken;

    private KeystoneServer(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** The Keystone of this test run, started on first use. */
    public static synchronized KeystoneServer shared() {
        if (shared == null) {
            DebianPackages.require(KEYSTONE_MANAGE, "keystone");
            try {
                shared = start(Files.createTempDirectory("donjon-keystone"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            KeystoneServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return shared;
    }

    private static KeystoneServer start(Path directory) throws IOException {
        int port = freePort();
        Path configuration = directory.resolve("keystone.conf");
        Files.writeString(configuration, """
                [DEFAULT]
                log_file = %1$s/keystone.log
                [database]
                connection = sqlite:///%1$s/keystone.db
                [token]
                provider = fernet
                expiration = 3600
                [fernet_tokens]
                key_repository = %1$s/fernet-keys
                [fernet_receipts]
                key_repository = %1$s/fernet-receipts
                [credential]
                key_repository = %1$s/credential-keys
                [identity]
                password_hash_rounds = 4
                [cache]
                enabled = true
                backend = dogpile.cache.memory
                """.formatted(directory));
        String user = System.getProperty("user.name");
        manage(directory, configuration, List.of("db_sync"));
        // Rollback journaling lets a reader's open transaction fail another request's commit ("database is
        // locked"); write-ahead logging (a property of the file) lets readers and the writer go on together.
        run(directory, List.of(DebianPackages.PYTHON.toString(), "-c", "import sqlite3, sys; "
                + "sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode=WAL')",
                directory.resolve("keystone.db").toString()));
        manage(directory, configuration, List.of("fernet_setup", "--keystone-user", user, "--keystone-group", user));
        manage(directory, configuration, List.of("credential_setup", "--keystone-user", user, "--keystone-group",
                user));
        String url = "http://127.0.0.1:" + port + "/v3/";
        manage(directory, configuration, List.of("bootstrap", "--bootstrap-password", ADMIN_PASSWORD,
                "--bootstrap-admin-url", url, "--bootstrap-public-url", url, "--bootstrap-internal-url", url,
                "--bootstrap-region-id", "RegionOne"));
        // Keystone's own development server (wsgiref): one request at a time, in one thread, which Keystone's
        // SQLite backend and its in-process cache need.
        ProcessBuilder serve = new ProcessBuilder(DebianPackages.PYTHON.toString(), WSGI_PUBLIC.toString(), "--host",
                "127.0.0.1", "--port", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(directory.resolve("server.log").toFile()).directory(directory.toFile());
        serve.environment().put("OS_KEYSTONE_CONFIG_FILES", configuration.toString());
        Process process = serve.start();
        process.getOutputStream().close();
        KeystoneServer server = new KeystoneServer(directory, port, process);
        server.awaitReady();
        server.adminToken();
        return server;
    }

    private static void manage(Path directory, Path configuration, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(KEYSTONE_MANAGE.toString(), "--config-file",
                configuration.toString()));
        command.addAll(arguments);
        run(directory, command);
    }

    private static void run(Path directory, List<String> command) throws IOException {
        List<String> arguments = command.subList(1, command.size());
        Path log = directory.resolve("keystone-manage.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError(command.getFirst() + " " + arguments.getFirst() + " failed: "
                        + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Keystone exited: " + tail(directory.resolve("server.log")));
            }
            try {
                HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(url() + "/v3"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("Keystone did not answer in 300 s: " + tail(directory.resolve("server.log")));
    }

    /** e.g. {@code http://127.0.0.1:40123}, without {@code /v3} */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** A user with a password, made in the Default domain. */
    public record User(String id, String name, String password) {
    }

    /** Creates a project in the Default domain; returns its id. */
    public String createProject(String name) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("project").put("name", name).put("domain_id", "default");
        return call("POST", "/v3/projects", body, 201).path("project").path("id").asText();
    }

    public User createUser(String name) {
        String password = "pw-" + UUID.randomUUID();
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("user").put("name", name).put("password", password).put("domain_id", "default");
        return new User(call("POST", "/v3/users", body, 201).path("user").path("id").asText(), name, password);
    }

    /** The id of role {@code name}, created if Keystone does not have it yet. */
    public synchronized String role(String name) {
        for (JsonNode role : call("GET", "/v3/roles?name=" + name, null, 200).path("roles")) {
            return role.path("id").asText();
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("role").put("name", name);
        return call("POST", "/v3/roles", body, 201).path("role").path("id").asText();
    }

    public void grant(User user, String projectId, String roleName) {
        call("PUT", "/v3/projects/" + projectId + "/users/" + user.id() + "/roles/" + role(roleName), null, 204);
    }

    public void grantSystem(User user, String roleName) {
        call("PUT", "/v3/system/users/" + user.id() + "/roles/" + role(roleName), null, 204);
    }

    /** A service with one public endpoint (in RegionOne) in Keystone's catalog, e.g. Donjon as {@code key-manager}. */
    public void registerEndpoint(String type, String name, String url) {
        for (JsonNode service : call("GET", "/v3/services?type=" + type, null, 200).path("services")) {
            for (JsonNode endpoint : call("GET", "/v3/endpoints?service_id=" + service.path("id").asText(), null, 200)
                    .path("endpoints")) {
                call("DELETE", "/v3/endpoints/" + endpoint.path("id").asText(), null, 204);
            }
            call("DELETE", "/v3/services/" + service.path("id").asText(), null, 204);
        }
        ObjectNode service = MAPPER.createObjectNode();
        service.putObject("service").put("type", type).put("name", name);
        String serviceId = call("POST", "/v3/services", service, 201).path("service").path("id").asText();
        ObjectNode endpoint = MAPPER.createObjectNode();
        endpoint.putObject("endpoint").put("service_id", serviceId).put("interface", "public").put("url", url)
                .put("region_id", "RegionOne");
        call("POST", "/v3/endpoints", endpoint, 201);
    }

    /** Logs {@code user} in with its password, scoped to {@code projectId}; the token. */
    public String projectToken(User user, String projectId) {
        ObjectNode body = passwordAuth(user);
        ((ObjectNode) body.get("auth")).putObject("scope").putObject("project").put("id", projectId);
        return logIn(body);
    }

    /** Logs {@code user} in scoped to the whole system. */
    public String systemToken(User user) {
        ObjectNode body = passwordAuth(user);
        ((ObjectNode) body.get("auth")).putObject("scope").putObject("system").put("all", true);
        return logIn(body);
    }

    /** Revokes {@code token} as the admin. */
    public void revoke(String token) {
        send(HttpRequest.newBuilder(URI.create(url() + "/v3/auth/tokens")).header("X-Auth-Token", adminToken())
                .header("X-Subject-Token", token).DELETE(), 204);
    }

    private static ObjectNode passwordAuth(User user) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode identity = body.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        identity.putObject("password").putObject("user").put("id", user.id()).put("password", user.password());
        return body;
    }

    private String logIn(ObjectNode body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/v3/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 201);
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private String adminToken() {
        if (adminToken == null) {
            ObjectNode body = MAPPER.createObjectNode();
            ObjectNode auth = body.putObject("auth");
            ObjectNode identity = auth.putObject("identity");
            identity.putArray("methods").add("password");
            ObjectNode user = identity.putObject("password").putObject("user");
            user.put("name", "admin").put("password", ADMIN_PASSWORD).putObject("domain").put("id", "default");
            auth.putObject("scope").putObject("project").put("name", "admin").putObject("domain").put("id", "default");
            adminToken = logIn(body);
        }
        return adminToken;
    }

    private JsonNode call(String method, String path, JsonNode body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .header("X-Auth-Token", adminToken()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = send(request, expected);
        try {
            return response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = client().send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != expected) {
                throw new AssertionError("Keystone answered " + response.statusCode() + " to " + response.request()
                        .method() + " " + response.request().uri() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A client per call: Keystone's development server closes each connection after its answer, and a pooled
     * connection it closed would fail the next request.
     */
    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
