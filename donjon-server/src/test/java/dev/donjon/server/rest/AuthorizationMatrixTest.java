package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.app.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorisation matrix: every endpoint, called by every role (and by a caller with no known role), on an object
 * of the caller's project (shared or private), of another project, and of another project whose ACL lists the
 * caller. The expected statuses live in {@code src/test/resources/authz-matrix.csv}; this test performs each cell on
 * fresh objects and compares. Besides matching Barbican where the captures show its answer, the table is checked for
 * the isolation rule: outside an ACL, nothing of another project is ever readable or changeable: a foreign secret,
 * container or ACL answers 403 as in Barbican, a foreign order 404.
 * <p>
 * To regenerate the table after a deliberate policy change, run with {@code -Dauthz.record=true}: the actual table
 * is written to {@code target/authz-matrix.csv} for review and the test fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
    /** The X-Roles value per role column; "none" holds only a role Barbican does not know. */
    private static final Map<String, String> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("admin", "admin");
        ROLES.put("creator", "creator");
        ROLES.put("observer", "observer");
        ROLES.put("audit", "audit");
        ROLES.put("service-admin", "key-manager:service-admin");
        ROLES.put("reader", "reader");
        ROLES.put("member", "member");
        ROLES.put("none", "no-such-role");
    }

    private static final String CALLER = "matrix-caller";
    private static final String OWNER = "matrix-owner";

    @TempDir
    static Path dataDir;

    private TestServer server;
    private ApiClient api;

    @BeforeAll
    void start() {
        server = TestServer.sqlite(dataDir);
        api = new ApiClient(server.baseUrl(), server.clientTls());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Where the object the call acts on lives, relative to the caller. */
    enum Scope { COLLECTION, OWN, OWN_PRIVATE, MINE_PRIVATE, FOREIGN, FOREIGN_ACL }

    /**
     * The objects one cell acts on, created fresh by an admin of {@code project} (user {@value OWNER}, or the caller
     * in the {@code mine-private} scope).
     */
    record Fixture(String project, String secret, String container, String order, String otherProject) {
    }

    /** How to perform one endpoint as the given caller on the given fixture. */
    private final Map<String, BiFunction<ApiClient, Fixture, ApiClient.Request>> endpoints = endpoints();

    @Test
    void everyCellAnswersAsTheMatrixSays() throws IOException {
        List<String[]> rows = rows();
        List<String> mismatches = new ArrayList<>();
        StringBuilder actualTable = new StringBuilder(header());
        for (String[] row : rows) {
            String endpoint = row[0];
            Scope scope = Scope.valueOf(row[1].toUpperCase().replace('-', '_'));
            assertThat(endpoints).as("endpoint named in the matrix").containsKey(endpoint);
            actualTable.append(endpoint).append(',').append(row[1]);
            int column = 2;
            for (Map.Entry<String, String> role : ROLES.entrySet()) {
                int actual = perform(endpoint, scope, role.getValue());
                actualTable.append(',').append(actual);
                int expected = Integer.parseInt(row[column++].trim());
                if (actual != expected) {
                    mismatches.add(endpoint + " [" + row[1] + ", " + role.getKey() + "]: expected " + expected
                            + ", got " + actual);
                }
            }
            actualTable.append('\n');
        }
        if (Boolean.getBoolean("authz.record")) {
            Files.writeString(Path.of("target/authz-matrix.csv"), actualTable.toString());
            throw new AssertionError("recorded the actual matrix in target/authz-matrix.csv");
        }
        assertThat(mismatches).isEmpty();
        assertThat(rows).hasSizeGreaterThan(100);
    }

    @Test
    void outsideAnAclNoForeignObjectIsEverReadOrChanged() throws IOException {
        for (String[] row : rows()) {
            if (row[1].equals("foreign")) {
                for (int column = 2; column < row.length; column++) {
                    assertThat(Integer.parseInt(row[column].trim())).as("%s as %s on a foreign object", row[0],
                            List.copyOf(ROLES.keySet()).get(column - 2)).isIn(403, 404);
                }
            }
        }
    }

    /**
     * Through an ACL, another project's object is only ever read (with its user metadata), and its consumers registered
     * and listed (the matrix shows that removing the owner's consumer is refused).
     */
    @Test
    void anAclOpensReadingAndConsumersOnly() throws IOException {
        List<String> aclActions = List.of("GET /v1/secrets/{secret}", "GET /v1/secrets/{secret}/payload",
                "GET /v1/secrets/{secret}/metadata", "GET /v1/secrets/{secret}/metadata/{key}",
                "GET /v1/containers/{container}");
        for (String[] row : rows()) {
            if (row[1].equals("foreign-acl") && !aclActions.contains(row[0]) && !row[0].contains("/consumers")) {
                for (int column = 2; column < row.length; column++) {
                    assertThat(Integer.parseInt(row[column].trim())).as("%s as %s on an ACL-shared object", row[0],
                            List.copyOf(ROLES.keySet()).get(column - 2)).isIn(403, 404);
                }
            }
        }
    }

    private int perform(String endpoint, Scope scope, String roles) {
        String callerProject = "matrix-" + UUID.randomUUID();
        Fixture fixture = switch (scope) {
            case COLLECTION -> new Fixture(callerProject, null, null, null, "matrix-" + UUID.randomUUID());
            case OWN, OWN_PRIVATE, MINE_PRIVATE -> fixture(callerProject, endpoint, scope);
            case FOREIGN, FOREIGN_ACL -> fixture("matrix-" + UUID.randomUUID(), endpoint, scope);
        };
        ApiClient caller = api.withHeader("X-Project-Id", callerProject).withHeader("X-Roles", roles)
                .withHeader("X-User-Id", CALLER);
        return endpoints.get(endpoint).apply(caller, fixture).send().status();
    }

    private Fixture fixture(String project, String endpoint, Scope scope) {
        ApiClient owner = api.withHeader("X-Project-Id", project).withHeader("X-Roles", "admin")
                .withHeader("X-User-Id", scope == Scope.MINE_PRIVATE ? CALLER : OWNER);
        String secret = created(owner.post("/v1/secrets").json("{\"name\": \"s\", \"payload\": \"p\", "
                + "\"payload_content_type\": \"text/plain\"}").send(), "secret_ref");
        ok(owner.put(secret + "/metadata").json("{\"metadata\": {\"k\": \"v\"}}").send());
        ok(owner.post(secret + "/consumers").json(SECRET_CONSUMER).send());
        String container = null;
        String order = null;
        String acl = switch (scope) {
            case OWN_PRIVATE, MINE_PRIVATE -> "{\"read\": {\"project-access\": false}}";
            case FOREIGN_ACL -> "{\"read\": {\"users\": [\"" + CALLER + "\"], \"project-access\": false}}";
            default -> null;
        };
        if (endpoint.contains("{container}")) {
            container = created(owner.post("/v1/containers").json("{\"type\": \"generic\", \"name\": \"c\", "
                    + "\"secret_refs\": [{\"name\": \"k\", \"secret_ref\": \"" + secret + "\"}]}").send(),
                    "container_ref");
            ok(owner.post(container + "/consumers").json(CONTAINER_CONSUMER).send());
            if (acl != null) {
                ok(owner.put(container + "/acl").json(acl).send());
            }
        } else if (acl != null) {
            ok(owner.put(secret + "/acl").json(acl).send());
        }
        if (endpoint.contains("{order}")) {
            order = created(owner.post("/v1/orders").json(AES_ORDER).send(), "order_ref");
        }
        return new Fixture(project, secret, container, order, "matrix-" + UUID.randomUUID());
    }

    private static final String SECRET_CONSUMER =
            "{\"service\": \"image\", \"resource_type\": \"image\", \"resource_id\": \"img-1\"}";
    private static final String CONTAINER_CONSUMER = "{\"name\": \"lb\", \"URL\": \"http://lb/1\"}";
    private static final String AES_ORDER =
            "{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", \"bit_length\": 128}}";

    private static String created(ApiClient.Response response, String field) {
        assertThat(response.status()).as("fixture: %s", response).isIn(201, 202);
        return response.json().get(field).asText();
    }

    private static void ok(ApiClient.Response response) {
        assertThat(response.status()).as("fixture: %s", response).isIn(200, 201, 204);
    }

    private Map<String, BiFunction<ApiClient, Fixture, ApiClient.Request>> endpoints() {
        Map<String, BiFunction<ApiClient, Fixture, ApiClient.Request>> e = new LinkedHashMap<>();
        // Collections: the caller's own project.
        e.put("GET /v1/secrets", (c, f) -> c.get("/v1/secrets"));
        e.put("GET /v1/secrets?acl_only=true", (c, f) -> c.get("/v1/secrets?acl_only=true"));
        e.put("POST /v1/secrets", (c, f) -> c.post("/v1/secrets")
                .json("{\"payload\": \"x\", \"payload_content_type\": \"text/plain\"}"));
        e.put("GET /v1/containers", (c, f) -> c.get("/v1/containers"));
        e.put("POST /v1/containers", (c, f) -> c.post("/v1/containers").json("{\"type\": \"generic\"}"));
        e.put("GET /v1/orders", (c, f) -> c.get("/v1/orders"));
        e.put("POST /v1/orders", (c, f) -> c.post("/v1/orders").json(AES_ORDER));
        e.put("GET /v1/quotas", (c, f) -> c.get("/v1/quotas"));
        e.put("GET /v1/project-quotas", (c, f) -> c.get("/v1/project-quotas"));
        e.put("PUT /v1/project-quotas/{project}", (c, f) -> c.put("/v1/project-quotas/" + f.otherProject())
                .json("{\"project_quotas\": {\"secrets\": 5}}"));
        e.put("DELETE /v1/project-quotas/{project}", (c, f) -> c.delete("/v1/project-quotas/" + f.otherProject()));
        e.put("GET /v1/secret-stores", (c, f) -> c.get("/v1/secret-stores"));
        e.put("GET /v1/secret-stores/global-default", (c, f) -> c.get("/v1/secret-stores/global-default"));
        e.put("POST /v1/secret-stores/{store}/preferred", (c, f) -> c.post(storeRef() + "/preferred"));
        e.put("GET /v1/transport_keys", (c, f) -> c.get("/v1/transport_keys"));
        // One secret.
        e.put("GET /v1/secrets/{secret}", (c, f) -> c.get(f.secret()));
        e.put("GET /v1/secrets/{secret}/payload", (c, f) -> c.get(f.secret() + "/payload").accept("text/plain"));
        e.put("PUT /v1/secrets/{secret}", (c, f) -> c.put(f.secret()).contentType("text/plain")
                .body("again".getBytes(StandardCharsets.UTF_8)));
        e.put("DELETE /v1/secrets/{secret}", (c, f) -> c.delete(f.secret()));
        e.put("GET /v1/secrets/{secret}/metadata", (c, f) -> c.get(f.secret() + "/metadata"));
        e.put("PUT /v1/secrets/{secret}/metadata", (c, f) -> c.put(f.secret() + "/metadata")
                .json("{\"metadata\": {\"k\": \"w\"}}"));
        e.put("POST /v1/secrets/{secret}/metadata", (c, f) -> c.post(f.secret() + "/metadata")
                .json("{\"key\": \"k2\", \"value\": \"v\"}"));
        e.put("GET /v1/secrets/{secret}/metadata/{key}", (c, f) -> c.get(f.secret() + "/metadata/k"));
        e.put("PUT /v1/secrets/{secret}/metadata/{key}", (c, f) -> c.put(f.secret() + "/metadata/k")
                .json("{\"key\": \"k\", \"value\": \"w\"}"));
        e.put("DELETE /v1/secrets/{secret}/metadata/{key}", (c, f) -> c.delete(f.secret() + "/metadata/k"));
        e.put("GET /v1/secrets/{secret}/consumers", (c, f) -> c.get(f.secret() + "/consumers"));
        e.put("POST /v1/secrets/{secret}/consumers", (c, f) -> c.post(f.secret() + "/consumers")
                .json("{\"service\": \"volume\", \"resource_type\": \"volume\", \"resource_id\": \"v-1\"}"));
        e.put("DELETE /v1/secrets/{secret}/consumers", (c, f) -> c.delete(f.secret() + "/consumers")
                .json(SECRET_CONSUMER));
        e.put("GET /v1/secrets/{secret}/acl", (c, f) -> c.get(f.secret() + "/acl"));
        e.put("PUT /v1/secrets/{secret}/acl", (c, f) -> c.put(f.secret() + "/acl")
                .json("{\"read\": {\"users\": [\"someone\"]}}"));
        e.put("PATCH /v1/secrets/{secret}/acl", (c, f) -> c.patch(f.secret() + "/acl")
                .json("{\"read\": {\"users\": [\"someone\"]}}"));
        e.put("DELETE /v1/secrets/{secret}/acl", (c, f) -> c.delete(f.secret() + "/acl"));
        // One container.
        e.put("GET /v1/containers/{container}", (c, f) -> c.get(f.container()));
        e.put("DELETE /v1/containers/{container}", (c, f) -> c.delete(f.container()));
        e.put("POST /v1/containers/{container}/secrets", (c, f) -> c.post(f.container() + "/secrets")
                .json("{\"name\": \"extra\", \"secret_ref\": \"" + f.secret() + "\"}"));
        e.put("DELETE /v1/containers/{container}/secrets", (c, f) -> c.delete(f.container() + "/secrets")
                .json("{\"name\": \"k\", \"secret_ref\": \"" + f.secret() + "\"}"));
        e.put("GET /v1/containers/{container}/consumers", (c, f) -> c.get(f.container() + "/consumers"));
        e.put("POST /v1/containers/{container}/consumers", (c, f) -> c.post(f.container() + "/consumers")
                .json("{\"name\": \"lb2\", \"URL\": \"http://lb/2\"}"));
        e.put("DELETE /v1/containers/{container}/consumers", (c, f) -> c.delete(f.container() + "/consumers")
                .json(CONTAINER_CONSUMER));
        e.put("GET /v1/containers/{container}/acl", (c, f) -> c.get(f.container() + "/acl"));
        e.put("PUT /v1/containers/{container}/acl", (c, f) -> c.put(f.container() + "/acl")
                .json("{\"read\": {\"users\": [\"someone\"]}}"));
        e.put("DELETE /v1/containers/{container}/acl", (c, f) -> c.delete(f.container() + "/acl"));
        // One order.
        e.put("GET /v1/orders/{order}", (c, f) -> c.get(f.order()));
        e.put("DELETE /v1/orders/{order}", (c, f) -> c.delete(f.order()));
        return e;
    }

    private String storeRef() {
        JsonNode stores = api.withHeader("X-Project-Id", "matrix-stores").get("/v1/secret-stores").send().json();
        return stores.get("secret_stores").get(0).get("secret_store_ref").asText();
    }

    private static String header() {
        return "endpoint,scope," + String.join(",", ROLES.keySet()) + "\n";
    }

    private static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream("/authz-matrix.csv")) {
            assertThat(in).as("authz-matrix.csv on the test class path").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("endpoint,")) {
                    continue;
                }
                String[] cells = trimmed.split(",");
                assertThat(cells).as("row %s", trimmed).hasSize(2 + ROLES.size());
                rows.add(cells);
            }
        }
        return rows;
    }
}
