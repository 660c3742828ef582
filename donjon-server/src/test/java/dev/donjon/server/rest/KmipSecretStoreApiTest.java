package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.interop.PyKmipServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KMIP device secret store end to end: Donjon's REST API over HTTPS, with Debian's python3-pykmip server as the
 * device (mutual TLS on loopback). What a project that prefers the device stores lands there, and only a sealed
 * reference in Donjon's database; reads, orders and deletes work as with the software store; a device that went away
 * makes writes answer 503 with the reason and leaves no row behind. The tests run in order: the last one stops the
 * device.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KmipSecretStoreApiTest {
    private PyKmipServer device;
    private TestServer server;
    private ApiClient api;
    private KmipClient deviceClient;

    @BeforeAll
    void start(@TempDir Path deviceDir, @TempDir Path dataDir) throws Exception {
        device = PyKmipServer.start(deviceDir);
        DonjonConfig.KmipStore store = new DonjonConfig.KmipStore(true, "PyKMIP", "127.0.0.1", device.port(),
                device.clientCertificate(), device.clientKey(), device.caCertificate(), Duration.ofSeconds(5), false);
        server = TestServer.sqlite(dataDir, dev -> dev.withKmipStore(store));
        api = new ApiClient(server.baseUrl(), server.clientTls());
        deviceClient = KmipClient.connect(KmipClient.Config.of("127.0.0.1", device.port(),
                TlsContexts.client(device.caCertificate(), device.clientCertificate(), device.clientKey())));
    }

    @AfterAll
    void stop() throws Exception {
        if (deviceClient != null) {
            deviceClient.close();
        }
        if (server != null) {
            server.close();
        }
        if (device != null) {
            device.close();
        }
    }

    private ApiClient admin(String project) {
        return api.withHeader("X-Auth-Token", server.token(project, Role.ADMIN));
    }

    private String kmipStoreRef(ApiClient admin) {
        for (JsonNode store : admin.get("/v1/secret-stores").send().json().get("secret_stores")) {
            if (store.get("crypto_plugin").asText().equals("kmip")) {
                return store.get("secret_store_ref").asText();
            }
        }
        throw new AssertionError("no kmip store listed");
    }

    private String storeOf(String secretRef) {
        SecretId id = new SecretId(UUID.fromString(secretRef.substring(secretRef.lastIndexOf('/') + 1)));
        return server.server().store().read(tx -> tx.secrets().find(id)).orElseThrow().secretStore();
    }

    /** The device's identifiers of the object Donjon registered for the secret (by the Name it gives it). */
    private List<String> onDevice(String secretRef) throws Exception {
        return deviceClient.locateByName("donjon-secret-" + secretRef.substring(secretRef.lastIndexOf('/') + 1));
    }

    private static String create(ApiClient client, String payload) {
        ApiClient.Response created = client.post("/v1/secrets").json("{\"name\": \"n\", \"payload\": \"" + payload
                + "\", \"payload_content_type\": \"text/plain\"}").send();
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("secret_ref").asText();
    }

    @Test
    @Order(1)
    void secretStoresListTheDeviceBesideTheSoftwareKeystore() {
        ApiClient admin = admin("stores");
        JsonNode stores = admin.get("/v1/secret-stores").send().json().get("secret_stores");
        List<String> summary = new ArrayList<>();
        stores.forEach(store -> summary.add(store.get("name").asText() + "/" + store.get("crypto_plugin").asText()
                + "/" + store.get("secret_store_plugin").asText() + "/" + store.get("global_default").asBoolean()));
        assertThat(summary).containsExactly("Software Keystore/software/donjon_keystore/true",
                "PyKMIP/kmip/kmip_plugin/false");
        assertThat(admin.get(kmipStoreRef(admin)).send().json().get("name").asText()).isEqualTo("PyKMIP");
    }

    @Test
    @Order(2)
    void aProjectPreferringTheDeviceKeepsItsPayloadsThereAndReadsOrdersAndDeletesWork() throws Exception {
        ApiClient admin = admin("on-device");
        String ref = kmipStoreRef(admin);
        assertThat(admin.post(ref + "/preferred").send().status()).isEqualTo(204);

        String secret = create(admin, "held by the device");
        assertThat(storeOf(secret)).isEqualTo("kmip");
        List<String> remote = onDevice(secret);
        assertThat(remote).hasSize(1);
        ResponsePayload.Get held = deviceClient.get(remote.getFirst());
        assertThat(held.objectType().specName()).isEqualTo("SecretData");
        assertThat(admin.get(secret + "/payload").accept("text/plain").send().text()).isEqualTo("held by the device");

        // Two-step creation puts the payload there too.
        String twoStep = admin.post("/v1/secrets").json("{\"name\": \"later\"}").send().json().get("secret_ref")
                .asText();
        assertThat(admin.put(twoStep).contentType("application/octet-stream")
                .header("Content-Encoding", "base64").text(Base64.getEncoder().encodeToString(new byte[]{1, 2, 3}))
                .send().status()).isEqualTo(204);
        assertThat(onDevice(twoStep)).hasSize(1);
        assertThat(admin.get(twoStep + "/payload").accept("application/octet-stream").send().body())
                .containsExactly(1, 2, 3);

        // An order generates the key in Donjon and keeps it on the device.
        ApiClient.Response order = admin.post("/v1/orders").json("{\"type\": \"key\", \"meta\": {\"algorithm\": "
                + "\"aes\", \"bit_length\": 256, \"mode\": \"cbc\"}}").send();
        assertThat(order.status()).as("%s", order).isEqualTo(202);
        JsonNode done = admin.get(order.json().get("order_ref").asText()).send().json();
        assertThat(done.get("status").asText()).isEqualTo("ACTIVE");
        String ordered = done.get("secret_ref").asText();
        assertThat(storeOf(ordered)).isEqualTo("kmip");
        assertThat(onDevice(ordered)).hasSize(1);
        assertThat(admin.get(ordered + "/payload").accept("application/octet-stream").send().body()).hasSize(32);

        // Deleting the secret destroys the device's object.
        assertThat(admin.delete(secret).send().status()).isEqualTo(204);
        assertThat(onDevice(secret)).isEmpty();
        assertThat(admin.get(secret).send().status()).isEqualTo(404);

        // Another project, without a preference, stays in the software keystore.
        ApiClient other = admin("software");
        String local = create(other, "kept by Donjon");
        assertThat(storeOf(local)).isEqualTo("software");
        assertThat(onDevice(local)).isEmpty();
        assertThat(other.get(local + "/payload").accept("text/plain").send().text()).isEqualTo("kept by Donjon");

        // A project that stops preferring the device still reads what is there.
        assertThat(admin.delete(ref + "/preferred").send().status()).isEqualTo(204);
        String afterwards = create(admin, "back home");
        assertThat(storeOf(afterwards)).isEqualTo("software");
        assertThat(admin.get(twoStep + "/payload").accept("application/octet-stream").send().body())
                .containsExactly(1, 2, 3);
    }

    @Test
    @Order(3)
    void anUnreachableDeviceAnswers503WithTheReasonAndLeavesNoRow() throws Exception {
        ApiClient admin = admin("device-down");
        String ref = kmipStoreRef(admin);
        assertThat(admin.post(ref + "/preferred").send().status()).isEqualTo(204);
        String stored = create(admin, "stored before the outage");
        long before = admin.get("/v1/secrets").send().json().get("total").asLong();

        device.close();

        ApiClient.Response refused = admin.post("/v1/secrets").json("{\"name\": \"n\", \"payload\": \"x\", "
                + "\"payload_content_type\": \"text/plain\"}").send();
        assertThat(refused.status()).as("%s", refused).isEqualTo(503);
        assertThat(refused.json().get("description").asText())
                .startsWith("KMIP secret store 127.0.0.1:" + device.port() + " is unreachable: ");
        ApiClient.Response order = admin.post("/v1/orders").json("{\"type\": \"key\", \"meta\": {\"algorithm\": "
                + "\"aes\", \"bit_length\": 128}}").send();
        assertThat(order.status()).as("%s", order).isEqualTo(503);
        assertThat(admin.get("/v1/orders").send().json().get("total").asLong()).isZero();
        assertThat(admin.get(stored + "/payload").accept("text/plain").send().status()).isEqualTo(503);
        assertThat(admin.delete(stored).send().status()).isEqualTo(503);

        assertThat(admin.get("/v1/secrets").send().json().get("total").asLong()).isEqualTo(before);
        assertThat(admin.get(stored).send().status()).isEqualTo(200);
    }

}
