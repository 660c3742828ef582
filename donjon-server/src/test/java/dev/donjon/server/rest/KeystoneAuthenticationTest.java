package dev.donjon.server.rest;

import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.interop.KeystoneRelay;
import dev.donjon.server.interop.KeystoneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keystone tokens against a real Keystone ({@link KeystoneServer}): Donjon logs in as its service user and validates
 * each presented token with {@code GET /v3/auth/tokens}, through a {@link KeystoneRelay} that counts the calls and
 * can take Keystone away. Trusted headers are off, so every request is judged by its token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeystoneAuthenticationTest {
    private static final Duration CACHE_BOUND = Duration.ofSeconds(10);
    private static final String SECRET = "{\"payload\": \"keystone payload\", \"payload_content_type\": \"text/plain\"}";

    @TempDir
    static Path dataDir;

    private KeystoneServer keystone;
    private KeystoneRelay relay;
    private TestServer server;
    private ApiClient api;
    private String projectId;
    private KeystoneServer.User creator;

    @BeforeAll
    void start() throws Exception {
        keystone = KeystoneServer.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String serviceProject = keystone.createProject("service-" + suffix);
        KeystoneServer.User service = keystone.createUser("donjon-" + suffix);
        keystone.grant(service, serviceProject, "service");
        projectId = keystone.createProject("tenant-" + suffix);
        creator = keystone.createUser("creator-" + suffix);
        keystone.grant(creator, projectId, "creator");
        relay = new KeystoneRelay(keystone);
        DonjonConfig.Keystone config = new DonjonConfig.Keystone(relay.url(), service.name(), service.password(),
                "service-" + suffix, "Default", null, CACHE_BOUND, Duration.ofSeconds(30), 1000);
        server = TestServer.sqlite(dataDir, dev -> new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(),
                dev.tls(), dev.behindTlsProxy(), dev.database(), dev.masterKey(),
                new DonjonConfig.Auth(true, false).withKeystone(config), dev.limits(), dev.kmip()));
        api = new ApiClient(server.baseUrl(), server.clientTls());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private ApiClient as(String token) {
        return api.withHeader("X-Auth-Token", token);
    }

    private KeystoneServer.User member(String role) {
        KeystoneServer.User user = keystone.createUser(role + "-" + UUID.randomUUID().toString().substring(0, 8));
        keystone.grant(user, projectId, role);
        return user;
    }

    @Test
    void aProjectTokenActsInItsProjectAsItsUserWithItsRoles() {
        ApiClient client = as(keystone.projectToken(creator, projectId));
        ApiClient.Response created = client.post("/v1/secrets").json(SECRET).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.json().get("secret_ref").asText();
        ApiClient.Response metadata = client.get(secret).accept("application/json").send();
        assertThat(metadata.json().get("creator_id").asText()).isEqualTo(creator.id());
        assertThat(client.get(secret + "/payload").accept("text/plain").send().text()).isEqualTo("keystone payload");

        ApiClient observer = as(keystone.projectToken(member("observer"), projectId));
        assertThat(observer.post("/v1/secrets").json(SECRET).send().status()).isEqualTo(403);
        assertThat(observer.get(secret).accept("application/json").send().status()).isEqualTo(200);
        ApiClient reader = as(keystone.projectToken(member("reader"), projectId));
        assertThat(reader.post("/v1/secrets").json(SECRET).send().status()).isEqualTo(403);
        ApiClient memberRole = as(keystone.projectToken(member("member"), projectId));
        assertThat(memberRole.post("/v1/secrets").json(SECRET).send().status()).isEqualTo(201);

        String otherProject = keystone.createProject("other-" + UUID.randomUUID().toString().substring(0, 8));
        KeystoneServer.User stranger = keystone.createUser("stranger-" + UUID.randomUUID().toString().substring(0, 8));
        keystone.grant(stranger, otherProject, "admin");
        assertThat(as(keystone.projectToken(stranger, otherProject)).get(secret).send().status()).isEqualTo(403);
    }

    @Test
    void serviceAdminAndSystemAdminManageProjectQuotas() {
        KeystoneServer.User serviceAdmin = member("key-manager:service-admin");
        assertThat(as(keystone.projectToken(serviceAdmin, projectId)).get("/v1/project-quotas").send().status())
                .isEqualTo(200);
        KeystoneServer.User systemAdmin = keystone.createUser("sysadmin-" + UUID.randomUUID().toString().substring(0, 8));
        keystone.grantSystem(systemAdmin, "admin");
        ApiClient system = as(keystone.systemToken(systemAdmin));
        assertThat(system.get("/v1/project-quotas").send().status()).isEqualTo(200);
        // The system scope owns no project: it cannot store secrets anywhere.
        assertThat(system.post("/v1/secrets").json(SECRET).send().status()).isEqualTo(403);
        assertThat(as(keystone.projectToken(creator, projectId)).get("/v1/project-quotas").send().status())
                .isEqualTo(403);
    }

    @Test
    void anUnknownTokenIs401WithBarbicansBody() {
        ApiClient.Response response = as("gAAAAAB" + UUID.randomUUID()).get("/v1/secrets").send();
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asInt()).isEqualTo(401);
        assertThat(response.json().get("title").asText()).isEqualTo("Unauthorized");
        assertThat(response.json().get("description").asText())
                .isEqualTo("The request you have made requires authentication.");
    }

    @Test
    void donjonTokensStillWorkBesideKeystone() {
        String token = server.token("djt-project", Role.CREATOR);
        assertThat(as(token).post("/v1/secrets").json(SECRET).send().status()).isEqualTo(201);
        assertThat(as(token.substring(0, token.length() - 2) + "xx").get("/v1/secrets").send().status())
                .isEqualTo(401);
    }

    @Test
    void validatedTokensAreCachedAndARevokedTokenStopsWorkingWithinTheBound() throws Exception {
        String token = keystone.projectToken(creator, projectId);
        ApiClient client = as(token);
        int before = relay.validations();
        assertThat(client.get("/v1/secrets").send().status()).isEqualTo(200);
        long validated = System.nanoTime();
        assertThat(relay.validations()).isEqualTo(before + 1);
        keystone.revoke(token);
        assertThat(client.get("/v1/secrets").send().status()).as("revoked, but still cached").isEqualTo(200);
        assertThat(System.nanoTime() - validated).as("the checks ran within the cache bound")
                .isLessThan(CACHE_BOUND.toNanos());
        for (int i = 0; i < 20; i++) {
            assertThat(client.get("/v1/secrets").send().status()).isEqualTo(200);
        }
        assertThat(relay.validations()).as("cache hits ask Keystone nothing").isEqualTo(before + 1);

        Thread.sleep(Math.max(0, (CACHE_BOUND.toNanos() - (System.nanoTime() - validated)) / 1_000_000) + 500);
        assertThat(client.get("/v1/secrets").send().status()).as("revoked, and the cache bound passed")
                .isEqualTo(401);
        assertThat(relay.validations()).isEqualTo(before + 2);
    }

    /** Last in the class's life: takes Keystone away for this server (the relay), not for the other tests. */
    @Test
    void keystoneOutagesFailClosedExceptForCachedTokens() throws Exception {
        KeystoneRelay broken = new KeystoneRelay(keystone);
        DonjonConfig.Keystone config = server.server().config().auth().keystone();
        try (TestServer other = TestServer.sqlite(dataDir.resolve("outage"), dev -> new DonjonConfig(dev.dataDir(),
                dev.listen(), dev.publicUrl(), dev.tls(), dev.behindTlsProxy(), dev.database(), dev.masterKey(),
                new DonjonConfig.Auth(true, false).withKeystone(new DonjonConfig.Keystone(broken.url(),
                        config.serviceUser(), config.servicePassword(), config.serviceProject(), "Default", null,
                        Duration.ofMinutes(5), Duration.ofSeconds(30), 1000)), dev.limits(), dev.kmip()))) {
            ApiClient api = new ApiClient(other.baseUrl(), other.clientTls());
            String cached = keystone.projectToken(creator, projectId);
            assertThat(api.withHeader("X-Auth-Token", cached).get("/v1/secrets").send().status()).isEqualTo(200);
            String fresh = keystone.projectToken(creator, projectId);

            broken.failWith5xx();
            ApiClient.Response failing = api.withHeader("X-Auth-Token", fresh).get("/v1/secrets").send();
            assertThat(failing.status()).isEqualTo(503);
            assertThat(failing.json().get("description").asText()).contains("identity service");
            assertThat(api.withHeader("X-Auth-Token", cached).get("/v1/secrets").send().status()).isEqualTo(200);

            broken.close();
            ApiClient.Response unreachable = api.withHeader("X-Auth-Token", fresh).get("/v1/secrets").send();
            assertThat(unreachable.status()).isEqualTo(503);
            assertThat(unreachable.json().get("description").asText()).contains("identity service");
            assertThat(api.withHeader("X-Auth-Token", cached).get("/v1/secrets").send().status()).isEqualTo(200);
        } finally {
            broken.close();
        }
    }
}
