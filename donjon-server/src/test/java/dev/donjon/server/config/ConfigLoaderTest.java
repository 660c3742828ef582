package dev.donjon.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        Files.writeString(dir.resolve("server.pem"), "cert");
        Files.writeString(dir.resolve("server-key.pem"), "key");
        Path file = dir.resolve("donjon.yaml");
        Files.writeString(file, yaml.replace("DIR", dir.toString()));
        return file;
    }

    @Test
    void readsYamlAndDefaultsTheRest() throws IOException {
        DonjonConfig config = ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                listen: {port: 9443}
                """), Map.of());
        assertThat(config.listen().port()).isEqualTo(9443);
        assertThat(config.listen().host()).isEqualTo("0.0.0.0");
        assertThat(config.tls().certificate()).isEqualTo(dir.resolve("server.pem"));
        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:" + dir.resolve("donjon.db"));
        assertThat(config.auth().trustedHeaders()).isFalse();
        assertThat(config.auth().foreignObjectsAsMissing()).isFalse();
        assertThat(config.limits()).isEqualTo(DonjonConfig.Limits.BARBICAN);
    }

    @Test
    void aLockboxPeerMayBeAPushPeer() throws IOException {
        DonjonConfig config = ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                lockbox:
                  identity: site-a
                  signing_key: sign-key.pem
                  encryption_key: enc-key.pem
                  peers:
                    - {name: site-b, signing_certificate: b-sign.pem, encryption_certificate: b-enc.pem,
                       push: {kmip: "kms-b.example.com:5696", server_ca: b-ca.pem, client_certificate: a.pem,
                              client_key: a-key.pem}}
                    - {name: partner, signing_certificate: p-sign.pem}
                """), Map.of());
        assertThat(config.lockbox().peers().get(0).push()).isEqualTo(new DonjonConfig.ReplicationPush(
                "kms-b.example.com", 5696, dir.resolve("b-ca.pem"), dir.resolve("a.pem"), dir.resolve("a-key.pem")));
        assertThat(config.lockbox().peers().get(1).push()).isNull();
        assertThatThrownBy(() -> ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                lockbox:
                  identity: site-a
                  signing_key: sign-key.pem
                  encryption_key: enc-key.pem
                  peers:
                    - {name: site-b, signing_certificate: b.pem, push: {kmip: kms-b, server_ca: ca.pem}}
                """), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lockbox.peers[site-b].push needs kmip (host:port)");
    }

    @Test
    void aPeerForwardingCallsIsPinnedByItsClientCertificate() throws IOException {
        DonjonConfig config = ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                lockbox:
                  identity: site-a
                  signing_key: sign-key.pem
                  encryption_key: enc-key.pem
                  peers:
                    - {name: site-b, signing_certificate: b-sign.pem, accept_proxied_calls: true,
                       client_certificate: b-client.pem}
                    - {name: partner, signing_certificate: p-sign.pem}
                """), Map.of());
        DonjonConfig.LockboxPeer proxy = config.lockbox().peers().get(0);
        assertThat(proxy.acceptProxiedCalls()).isTrue();
        assertThat(proxy.clientCertificate()).isEqualTo(dir.resolve("b-client.pem"));
        assertThat(config.lockbox().peers().get(1).clientCertificate()).isNull();
    }

    @Test
    void aPushPeerMaySubscribeToProjectsAndGroups() throws IOException {
        DonjonConfig config = ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                lockbox:
                  identity: site-a
                  signing_key: sign-key.pem
                  encryption_key: enc-key.pem
                  peers:
                    - {name: edge-7, encryption_certificate: e-enc.pem,
                       push: {kmip: "edge-7:5696", server_ca: e-ca.pem, client_certificate: a.pem,
                              client_key: a-key.pem, projects: [shops], groups: [till-keys, " pin "]}}
                """), Map.of());
        DonjonConfig.ReplicationPush push = config.lockbox().peers().get(0).push();
        assertThat(push.projects()).containsExactly("shops");
        assertThat(push.groups()).containsExactly("till-keys", "pin");
        assertThatThrownBy(() -> ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                lockbox:
                  identity: site-a
                  signing_key: sign-key.pem
                  encryption_key: enc-key.pem
                  peers:
                    - {name: edge-7, encryption_certificate: e.pem, push: {kmip: "e:5696", server_ca: ca.pem,
                       client_certificate: a.pem, client_key: a-key.pem, groups: []}}
                """), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lockbox.peers[edge-7].push.groups must be a non-empty list");
    }

    @Test
    void foreignObjectsAnswer404OnlyWhenConfigured() throws IOException {
        Path file = config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                auth: {foreign_objects_as_missing: true}
                """);
        assertThat(ConfigLoader.load(file, Map.of()).auth().foreignObjectsAsMissing()).isTrue();
        assertThat(ConfigLoader.load(file, Map.of("DONJON_AUTH_FOREIGN_OBJECTS_AS_MISSING", "false")).auth()
                .foreignObjectsAsMissing()).isFalse();
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        DonjonConfig config = ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                """), Map.of("DONJON_DATABASE_URL", "jdbc:postgresql://db/donjon", "DONJON_LISTEN_PORT", "1234",
                "DONJON_PUBLIC_URL", "https://kms.example.com"));
        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db/donjon");
        assertThat(config.listen().port()).isEqualTo(1234);
        assertThat(config.effectivePublicUrl(1234)).isEqualTo("https://kms.example.com");
    }

    @Test
    void refusesToStartWithoutTls() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(config("data_dir: DIR\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TLS is required");
    }

    @Test
    void refusesMissingTlsFiles() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: nowhere.pem, private_key: server-key.pem}
                """), Map.of())).hasMessageContaining("nowhere.pem");
    }

    @Test
    void refusesToStartWithoutARealAuthenticator() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                auth: {api_tokens: false, trusted_headers: true}
                """), Map.of())).hasMessageContaining("no authenticator");
    }

    @Test
    void trustedHeadersOnAPublicAddressNeedAProxy() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                auth: {trusted_headers: true}
                """), Map.of())).hasMessageContaining("behind_tls_proxy");
        DonjonConfig proxied = ConfigLoader.load(config("""
                data_dir: DIR
                behind_tls_proxy: true
                auth: {trusted_headers: true}
                """), Map.of());
        assertThat(proxied.tls()).isNull();
        assertThat(proxied.effectivePublicUrl(9311)).isEqualTo("http://0.0.0.0:9311");
    }

    @Test
    void locateAnchorsAreKeptAWeekByDefaultAndAtLeastADay() throws IOException {
        Path file = config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                """);
        assertThat(ConfigLoader.load(file, Map.of()).jobs().locateAnchorRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigLoader.load(file, Map.of("DONJON_JOBS_LOCATE_ANCHOR_RETENTION_DAYS", "30")).jobs()
                .locateAnchorRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(ConfigLoader.load(config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                jobs: {locate_anchor_retention_days: 1}
                """), Map.of()).jobs().locateAnchorRetention()).isEqualTo(Duration.ofDays(1));
        for (String refused : java.util.List.of("0", "-3")) {
            assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("DONJON_JOBS_LOCATE_ANCHOR_RETENTION_DAYS",
                    refused))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("jobs.locate_anchor_retention_days must be at least 1");
        }
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("DONJON_JOBS_LOCATE_ANCHOR_RETENTION_DAYS",
                "a week"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("jobs.locate_anchor_retention_days must be an integer");
    }

    @Test
    void databaseConnectionTimeoutDefaultsToFiveSecondsAndIsBounded() throws IOException {
        Path file = config("""
                data_dir: DIR
                tls: {certificate: server.pem, private_key: server-key.pem}
                """);
        assertThat(ConfigLoader.load(file, Map.of()).database().connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfigLoader.load(file, Map.of("DONJON_DATABASE_CONNECTION_TIMEOUT_SECONDS", "12")).database()
                .connectionTimeout()).isEqualTo(Duration.ofSeconds(12));
        for (String refused : java.util.List.of("0", "301")) {
            assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("DONJON_DATABASE_CONNECTION_TIMEOUT_SECONDS",
                    refused))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("database.connection_timeout_seconds must be between 1 and 300");
        }
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(config("data_dir: DIR\nlisten: {prot: 1}\n"), Map.of()))
                .hasMessageContaining("unknown config key: prot");
        assertThatThrownBy(() -> ConfigLoader.load(config("data_dir: DIR\nlisten: {port: lots}\n"), Map.of()))
                .hasMessageContaining("listen.port must be an integer");
    }

    @Test
    void loggingFormatLevelsAndAccessLog() throws IOException {
        Path file = config("""
                data_dir: DIR
                logging: {format: json, level: warn, levels: {io.helidon: ERROR, dev.donjon: debug}, access_log: false}
                """);
        LoggingConfig logging = ConfigLoader.logging(file, Map.of("DONJON_LOGGING_LEVEL", "info"));
        assertThat(logging).isEqualTo(new LoggingConfig(LoggingConfig.Format.JSON, "INFO",
                Map.of("io.helidon", "ERROR", "dev.donjon", "DEBUG"), false));
        assertThat(ConfigLoader.logging(config("data_dir: DIR\n"), Map.of())).isEqualTo(LoggingConfig.DEFAULT);
    }

    @Test
    void badLoggingValuesAreNamed() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.logging(config("logging: {format: xml}\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("logging.format must be text or json, got 'xml'");
        assertThatThrownBy(() -> ConfigLoader.logging(config("logging: {levels: {dev.donjon: LOUD}}\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("logging.levels.dev.donjon must be one of").hasMessageContaining("'LOUD'");
    }
}
