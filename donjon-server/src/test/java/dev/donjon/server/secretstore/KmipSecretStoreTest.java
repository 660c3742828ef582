package dev.donjon.server.secretstore;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.interop.PyKmipServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The KMIP device adapter against Debian's python3-pykmip server: Register, Get and Destroy of Secret Data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipSecretStoreTest {
    private PyKmipServer device;
    private KmipSecretStore store;

    @BeforeAll
    void start(@TempDir Path directory) {
        device = PyKmipServer.start(directory);
        store = new KmipSecretStore(config(device.port()));
    }

    private KmipClient.Config config(int port) {
        return KmipClient.Config.of("127.0.0.1", port, TlsContexts.client(device.caCertificate(),
                device.clientCertificate(), device.clientKey())).withTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }

    @AfterAll
    void stop() {
        if (store != null) {
            store.close();
        }
        if (device != null) {
            device.close();
        }
    }

    @Test
    void registersGetsAndDestroysPayloadsAsSecretData() throws Exception {
        byte[] passphrase = "correct horse".getBytes(StandardCharsets.UTF_8);
        String id = store.register("s-1", SecretType.PASSPHRASE, passphrase);
        byte[] key = new byte[32];
        key[0] = 7;
        String keyId = store.register("s-2", SecretType.SYMMETRIC, key);

        assertThat(store.get(id)).isEqualTo(passphrase);
        assertThat(store.get(keyId)).isEqualTo(key);
        try (KmipClient direct = KmipClient.connect(config(device.port()))) {
            assertThat(direct.get(id).objectType()).isEqualTo(ObjectType.SECRET_DATA);
            assertThat(direct.locateByName(KmipSecretStore.NAME_PREFIX + "s-2")).containsExactly(keyId);
        }

        store.destroy(id);
        assertThatThrownBy(() -> store.get(id)).isInstanceOf(DomainException.Unavailable.class)
                .hasMessageStartingWith(store.device() + " refused Get: ");
        // Destroying what the device no longer has is done, so that a retried delete completes.
        store.destroy(id);
        assertThat(store.get(keyId)).isEqualTo(key);
    }

    @Test
    void aDeviceThatDoesNotListenIsUnavailableWithTheReason() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (KmipSecretStore nowhere = new KmipSecretStore(config(closed))) {
            assertThatThrownBy(() -> nowhere.register("s-3", SecretType.OPAQUE, new byte[]{1}))
                    .isInstanceOf(DomainException.Unavailable.class)
                    .hasMessageStartingWith("KMIP secret store 127.0.0.1:" + closed + " is unreachable: ");
        }
    }
}
