package dev.donjon.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kmip section of the configuration. */
class KmipConfigTest {
    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        for (String file : List.of("server.pem", "server-key.pem", "clients-ca.pem")) {
            Files.writeString(dir.resolve(file), "pem");
        }
        Path file = dir.resolve("donjon.yaml");
        Files.writeString(file, """
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                """.replace("DIR", dir.toString()) + yaml);
        return file;
    }

    @Test
    void isOffByDefault() throws IOException {
        DonjonConfig.Kmip kmip = ConfigLoader.load(config(""), Map.of()).kmip();
        assertThat(kmip.enabled()).isFalse();
        assertThat(kmip.listen().port()).isEqualTo(5696);
        assertThat(kmip.leaseTime()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsListenerCertificatesAndIdentities() throws IOException {
        DonjonConfig.Kmip kmip = ConfigLoader.load(config("""
                kmip:
                  enabled: true
                  listen: {host: 127.0.0.1, port: 15696}
                  client_ca: clients-ca.pem
                  idle_timeout_seconds: 60
                  lease_time_seconds: 0
                  identities:
                    - {common_name: storage-array-1, project: storage, roles: [creator, observer]}
                    - {common_name: backup, project: backups, roles: "admin"}
                """), Map.of()).kmip();
        assertThat(kmip.enabled()).isTrue();
        assertThat(kmip.listen()).isEqualTo(new DonjonConfig.Listen("127.0.0.1", 15696));
        assertThat(kmip.certificate()).isEqualTo(dir.resolve("server.pem"));
        assertThat(kmip.privateKey()).isEqualTo(dir.resolve("server-key.pem"));
        assertThat(kmip.clientCas()).isEqualTo(dir.resolve("clients-ca.pem"));
        assertThat(kmip.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(kmip.leaseTime()).isZero();
        assertThat(kmip.maxMessageBytes()).isEqualTo(1 << 20);
        assertThat(kmip.identities()).containsExactly(
                new DonjonConfig.KmipIdentity("storage-array-1", "storage", List.of("creator", "observer")),
                new DonjonConfig.KmipIdentity("backup", "backups", List.of("admin")));
    }

    @Test
    void theEnvironmentCanEnableItAndMoveItsPort() throws IOException {
        DonjonConfig.Kmip kmip = ConfigLoader.load(config("kmip: {client_ca: clients-ca.pem}\n"),
                Map.of("DONJON_KMIP_ENABLED", "true", "DONJON_KMIP_LISTEN_PORT", "25696")).kmip();
        assertThat(kmip.enabled()).isTrue();
        assertThat(kmip.listen().port()).isEqualTo(25696);
    }

    @Test
    void refusesToEnableItWithoutAClientCaBundle() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(config("kmip: {enabled: true}\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kmip.client_ca");
        assertThatThrownBy(() -> ConfigLoader.load(config("kmip: {enabled: true, client_ca: missing.pem}\n"),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("missing.pem");
    }

    @Test
    void refusesIdentitiesWithoutProject() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(config("kmip: {identities: [{common_name: a}]}\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("common_name and project");
    }
}
