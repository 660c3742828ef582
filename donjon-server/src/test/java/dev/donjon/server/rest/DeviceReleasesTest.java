package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.port.DeviceReleaseRepository;
import dev.donjon.server.interop.PyKmipServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A KMIP Destroy of an object whose payload the KMIP device holds, while the device (Debian's PyKMIP server) is down:
 * Donjon destroys the object at once (a compromised key must not wait) and queues the device's object for release in
 * the same transaction; nothing is orphaned silently. When the device is back, the release job frees the object there
 * and empties the queue. A REST DELETE, by contrast, is refused with 503 and leaves the secret whole.
 */
class DeviceReleasesTest {
    @TempDir
    Path deviceDir;
    @TempDir
    Path dataDir;

    @Test
    void aDestroyWhileTheDeviceIsDownIsQueuedAndTheDeviceFreesTheObjectWhenItReturns() throws Exception {
        PyKmipServer device = PyKmipServer.start(deviceDir);
        DonjonConfig.KmipStore storeConfig = new DonjonConfig.KmipStore(true, "PyKMIP", "127.0.0.1", device.port(),
                device.clientCertificate(), device.clientKey(), device.caCertificate(), Duration.ofSeconds(5), false);
        try (TestServer server = TestServer.sqlite(dataDir, dev -> dev.withKmipStore(storeConfig))) {
            ApiClient admin = new ApiClient(server.baseUrl(), server.clientTls())
                    .withHeader("X-Auth-Token", server.token(DevMode.PROJECT.value(), Role.ADMIN));
            assertThat(admin.post(kmipStoreRef(admin) + "/preferred").send().status()).isEqualTo(204);
            String destroyed = create(admin, "destroyed while the device is away");
            String deleted = create(admin, "deleted while the device is away");
            String destroyedId = destroyed.substring(destroyed.lastIndexOf('/') + 1);
            assertThat(onDevice(device, destroyedId)).hasSize(1);

            device.close();

            ApiClient.Response refused = admin.delete(deleted).send();
            assertThat(refused.status()).as("%s", refused).isEqualTo(503);
            assertThat(admin.get(deleted).send().status()).as("the refused delete left the secret whole")
                    .isEqualTo(200);

            try (KmipClient kmip = KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(),
                    server.kmipClientTls()))) {
                kmip.revoke(destroyedId, RevocationReasonCode.KEY_COMPROMISE, Optional.of("compromised"));
                kmip.destroy(destroyedId);
            }
            List<DeviceReleaseRepository.Pending> queued = server.server().store()
                    .read(tx -> tx.deviceReleases().oldest(10));
            assertThat(queued).hasSize(1);
            assertThat(queued.get(0).binding().id().toString()).isEqualTo(destroyedId);
            assertThat(queued.get(0).attempts()).as("the attempt at once failed and was counted").isOne();
            assertThat(queued.get(0).lastError()).contains("unreachable");
            Optional<SealedPayload> payloadRow = server.server().store()
                    .read(tx -> tx.secrets().payload(queued.get(0).binding().id()));
            assertThat(payloadRow).as("the payload row is gone with the destruction").isEmpty();
            assertThat(admin.get(destroyed + "/payload").accept("text/plain").send().status())
                    .as("a destroyed object serves no payload").isEqualTo(404);

            PyKmipServer back = device.startAgain();
            try {
                assertThat(onDevice(back, destroyedId)).as("the device kept the object while away").hasSize(1);
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (server.server().store().read(tx -> tx.deviceReleases().count()) > 0) {
                    assertThat(System.nanoTime()).as("the release job empties the queue").isLessThan(deadline);
                    Thread.sleep(250);
                }
                assertThat(onDevice(back, destroyedId)).as("the device's object is freed").isEmpty();
                // A new client: the first one's keep-alive connection has idled past the server's read timeout.
                ApiClient again = new ApiClient(server.baseUrl(), server.clientTls())
                        .withHeader("X-Auth-Token", server.token(DevMode.PROJECT.value(), Role.ADMIN));
                assertThat(again.delete(deleted).send().status()).as("the delete, retried, succeeds").isEqualTo(204);
                String deletedId = deleted.substring(deleted.lastIndexOf('/') + 1);
                assertThat(onDevice(back, deletedId)).isEmpty();
            } finally {
                back.close();
            }
        }
    }

    private static String kmipStoreRef(ApiClient admin) {
        for (JsonNode store : admin.get("/v1/secret-stores").send().json().get("secret_stores")) {
            if (store.get("crypto_plugin").asText().equals("kmip")) {
                return store.get("secret_store_ref").asText();
            }
        }
        throw new AssertionError("no kmip store listed");
    }

    private static String create(ApiClient client, String payload) {
        ApiClient.Response created = client.post("/v1/secrets").json("{\"name\": \"n\", \"payload\": \"" + payload
                + "\", \"payload_content_type\": \"text/plain\"}").send();
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("secret_ref").asText();
    }

    /** The device's identifiers of the object Donjon registered for the secret (by the Name it gives it). */
    private static List<String> onDevice(PyKmipServer device, String secretId) throws Exception {
        try (KmipClient client = KmipClient.connect(KmipClient.Config.of("127.0.0.1", device.port(),
                TlsContexts.client(device.caCertificate(), device.clientCertificate(), device.clientKey())))) {
            return client.locateByName("donjon-secret-" + secretId);
        }
    }
}
