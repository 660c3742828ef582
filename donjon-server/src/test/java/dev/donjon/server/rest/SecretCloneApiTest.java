package dev.donjon.server.rest;

import dev.donjon.server.app.TestServer;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.LinkKind;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.ObjectLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/secrets/{id}/clone} on a real server: the clone serves the origin's payload under its own identifier,
 * name and ACL, links to its origin, and lives on when the origin is deleted.
 */
class SecretCloneApiTest {
    @TempDir
    static Path dataDir;
    static TestServer server;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.sqlite(dataDir);
        admin = new ApiClient(server.baseUrl(), server.clientTls()).withHeader("X-Auth-Token",
                server.token("volumes", Role.ADMIN));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCloneServesTheOriginsPayloadUnderItsOwnIdentityAndOutlivesIt() {
        String origin = create("{\"name\": \"volume-key\", \"payload\": \"snapshot secret\", "
                + "\"payload_content_type\": \"text/plain\", \"algorithm\": \"aes\", \"bit_length\": 256}");
        assertThat(admin.put("/v1/secrets/" + origin + "/acl").json("{\"read\": {\"users\": [\"alice\"], "
                + "\"project-access\": false}}").send().status()).isEqualTo(200);

        ApiClient.Response cloned = admin.post("/v1/secrets/" + origin + "/clone").json("{\"name\": \"snap-1\"}")
                .send();
        assertThat(cloned.status()).as(cloned.text()).isEqualTo(201);
        String clone = id(cloned.json().get("secret_ref").asText());
        assertThat(clone).isNotEqualTo(origin);
        assertThat(cloned.json().get("origin_ref").asText()).endsWith(origin);

        assertThat(admin.get("/v1/secrets/" + clone + "/payload").accept("text/plain").send().text())
                .isEqualTo("snapshot secret");
        assertThat(admin.get("/v1/secrets/" + clone).send().json().get("name").asText()).isEqualTo("snap-1");
        assertThat(admin.get("/v1/secrets/" + clone + "/acl").send().json().get("read").get("project-access")
                .asBoolean()).as("the clone has its own (default) ACL").isTrue();
        ManagedObject object = server.server().node().keys().get(admin(), SecretId.parse(clone).orElseThrow());
        assertThat(object.attributes().links()).containsExactly(new ObjectLink(LinkKind.PARENT, origin));
        assertThat(object.attributes().text().get(KeyService.CLONE_OF)).containsExactly(origin);
        assertThat(admin.get("/v1/audit-events?object_id=" + clone + "&action=secret_create").send().text())
                .contains("clone of " + origin);

        assertThat(admin.delete("/v1/secrets/" + origin).send().status()).isEqualTo(204);
        assertThat(admin.get("/v1/secrets/" + clone + "/payload").accept("text/plain").send().text())
                .isEqualTo("snapshot secret");
    }

    @Test
    void onlyTheOwningProjectClonesAndANameMustBeText() {
        String origin = create("{\"payload\": \"c2VjcmV0\", \"payload_content_type\": \"application/octet-stream\", "
                + "\"payload_content_encoding\": \"base64\"}");
        ApiClient stranger = new ApiClient(server.baseUrl(), server.clientTls()).withHeader("X-Auth-Token",
                server.token("elsewhere", Role.ADMIN));
        assertThat(stranger.post("/v1/secrets/" + origin + "/clone").send().status()).isEqualTo(404);
        assertThat(admin.post("/v1/secrets/" + origin + "/clone").json("{\"name\": 7}").send().status())
                .isEqualTo(400);
        assertThat(admin.post("/v1/secrets/" + origin + "/clone").send().status()).as("no body: an unnamed clone")
                .isEqualTo(201);
    }

    private static String create(String json) {
        ApiClient.Response created = admin.post("/v1/secrets").json(json).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return id(created.json().get("secret_ref").asText());
    }

    private static String id(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static CallContext admin() {
        return new CallContext(new Principal("test", new ProjectId("volumes"), Set.of(Role.ADMIN),
                AuthMethod.API_TOKEN), "req-clone-test");
    }
}
