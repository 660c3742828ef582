package dev.donjon.server.app;

import dev.donjon.server.config.ConfigLoader;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.MasterKeyCheck;
import dev.donjon.server.crypto.SoftHsm;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A production node never creates its master key: it refuses to start, saying to run {@code donjon master-key init},
 * which creates it (a key file, or a non-extractable key in the PKCS#11 token); dev mode still creates one. With the
 * PKCS#11 backend, a wrong PIN refuses the start with the token's reason, and payloads round-trip through the token.
 */
class MasterKeyInitTest {
    @TempDir
    Path directory;

    private DonjonConfig production(String masterKey) throws Exception {
        Path file = directory.resolve("donjon.yaml");
        Files.writeString(file, "data_dir: " + directory + "\nbehind_tls_proxy: true\nlisten: {host: 127.0.0.1}\n"
                + masterKey);
        return ConfigLoader.load(file, Map.of());
    }

    @Test
    void aProductionNodeRefusesToCreateASoftwareKeyUntilInit() throws Exception {
        DonjonConfig config = production("");
        assertThatThrownBy(() -> Node.open(config)).isInstanceOf(MasterKeyCheck.Refused.class)
                .hasMessageContaining("master-keys does not exist")
                .hasMessageContaining("donjon master-key init --config");
        assertThat(directory.resolve("master-keys")).doesNotExist();

        try (Node node = Node.open(config, true)) {
            assertThat(node.masterKeystore().versions()).containsExactly(1);
        }
        try (Node node = Node.open(config)) {
            assertThat(node.masterKeystore().backend()).isEqualTo("software");
        }
        // Dev mode keeps creating its key on first start.
        Path dev = directory.resolve("dev");
        try (Node node = Node.open(DevMode.config(dev, true, 0))) {
            assertThat(dev.resolve("master-keys")).exists();
        }
    }

    @Test
    void aPkcs11NodeNeedsInitAndTheRightPin() throws Exception {
        SoftHsm hsm = SoftHsm.shared();
        Path pin = directory.resolve("pin");
        Files.writeString(pin, SoftHsm.PIN + "\n");
        Path wrongPin = directory.resolve("wrong-pin");
        Files.writeString(wrongPin, "0000\n");
        String keyLabel = "node-" + System.nanoTime();
        String hsmConfig = "master_key: {backend: pkcs11, library: " + SoftHsm.LIBRARY + ", token_label: "
                + hsm.label() + ", pin_file: %s, key_label: " + keyLabel + "}\n";
        DonjonConfig config = production(hsmConfig.formatted(pin));

        assertThatThrownBy(() -> Node.open(config)).isInstanceOf(MasterKeyCheck.Refused.class)
                .hasMessageContaining("holds no master key labelled " + keyLabel + ".v1")
                .hasMessageContaining("donjon master-key init");
        try (Node node = Node.open(config, true)) {
            assertThat(node.masterKeystore().backend()).isEqualTo("pkcs11");
        }
        PayloadBinding binding = new PayloadBinding(SecretId.random(), new ProjectId("hsm"), SecretType.OPAQUE);
        SealedPayload sealed;
        try (Node node = Node.open(config)) {
            sealed = node.keyHierarchy().seal(binding, "in the token".getBytes(StandardCharsets.UTF_8));
        }
        try (Node node = Node.open(config)) {
            assertThat(new String(node.keyHierarchy().open(binding, sealed), StandardCharsets.UTF_8))
                    .isEqualTo("in the token");
        }
        DonjonConfig wrong = production(hsmConfig.formatted(wrongPin));
        assertThatThrownBy(() -> Node.open(wrong)).isInstanceOf(MasterKeyCheck.Refused.class)
                .hasMessageContaining("CKR_PIN_INCORRECT");
    }
}
