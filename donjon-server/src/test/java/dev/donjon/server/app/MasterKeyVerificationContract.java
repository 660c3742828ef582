package dev.donjon.server.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.crypto.MasterKeyCheck;
import dev.donjon.server.crypto.SoftwareMasterKeystore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node started with the wrong master key, or with its key file gone, refuses to start and says why; it never
 * generates a key next to a database that holds keys; a KEK that stops unwrapping while the node runs is answered
 * 503 and is never replaced. Every start here is a real start of the server over the engine's real database.
 */
abstract class MasterKeyVerificationContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One node directory (key file, PKI) per class, as the database is one per class. */
    @TempDir
    static Path dataDir;

    /** Starts a node whose key file and PKI live in {@code dir}, over this engine's database. */
    abstract TestServer start(Path dir);

    /** A connection to this engine's database, outside any node. */
    abstract Connection connect() throws SQLException;

    @Test
    void aWrongOrMissingMasterKeyIsRefusedAndTheRightOneStillOpensEverySecret() throws Exception {
        String ref;
        String payload = "the payload that must survive";
        try (TestServer first = start(dataDir)) {
            ref = store(first, "project-a", payload);
        }
        Path keyFile = dataDir.resolve("master-keys");
        Path saved = dataDir.resolve("master-keys.saved");
        Files.copy(keyFile, saved, StandardCopyOption.COPY_ATTRIBUTES);

        // Another key file in its place: the key check value does not unwrap.
        Path otherDir = Files.createTempDirectory(dataDir, "other");
        SoftwareMasterKeystore.openOrCreate(otherDir.resolve("keys"), new SecureRandom()).close();
        Files.copy(otherDir.resolve("keys"), keyFile, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        assertThatThrownBy(() -> start(dataDir))
                .isInstanceOf(MasterKeyCheck.Refused.class)
                .hasMessageContaining("master key version 1 does not unwrap")
                .hasMessageContaining("wrong key file or DONJON_MASTER_KEY");

        // The key file deleted: no new key is generated, and the reason names the file.
        Files.delete(keyFile);
        assertThatThrownBy(() -> start(dataDir))
                .isInstanceOf(MasterKeyCheck.Refused.class)
                .hasMessageContaining(keyFile + " does not exist")
                .hasMessageContaining("No new master key is generated");
        assertThat(keyFile).doesNotExist();

        // The right key back: the secret stored before is intact, and new projects work.
        Files.move(saved, keyFile);
        try (TestServer again = start(dataDir)) {
            assertThat(readPayload(again, "project-a", ref)).isEqualTo(payload);
            String other = store(again, "project-b", "second");
            assertThat(readPayload(again, "project-b", other)).isEqualTo("second");
        }
    }

    @Test
    void aKekThatStopsUnwrappingIsAnAlarmAnswered503AndNeverReplaced() throws Exception {
        String ref;
        try (TestServer first = start(dataDir)) {
            store(first, "aaa-sampled-at-start", "x");
            ref = store(first, "zzz-tampered", "y");
        }
        // The start-up check samples the first KEK of each master key version; this one is damaged afterwards.
        flipAByteOfTheKek("zzz-tampered");
        try (TestServer node = start(dataDir)) {
            HttpResponse<String> read = send(node, HttpRequest.newBuilder()
                    .uri(URI.create(node.baseUrl() + "/v1/secrets/" + id(ref) + "/payload"))
                    .header("Accept", "text/plain").GET(), "zzz-tampered");
            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(read.body()).contains("cannot be unwrapped").doesNotContain("zzz-tampered");
            HttpResponse<String> create = post(node, "zzz-tampered", "z");
            assertThat(create.statusCode()).isEqualTo(503);
        }
        try (Connection db = connect(); PreparedStatement count = db.prepareStatement(
                "SELECT count(*) FROM project_keks WHERE project = ?")) {
            count.setString(1, "zzz-tampered");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).as("KEKs of the project").isEqualTo(1);
            }
        }
    }

    private void flipAByteOfTheKek(String project) throws SQLException {
        try (Connection db = connect()) {
            byte[] wrapped;
            try (PreparedStatement read = db.prepareStatement("SELECT wrapped FROM project_keks WHERE project = ?")) {
                read.setString(1, project);
                try (ResultSet rows = read.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    wrapped = rows.getBytes(1);
                }
            }
            wrapped[wrapped.length / 2] ^= 1;
            try (PreparedStatement write = db.prepareStatement(
                    "UPDATE project_keks SET wrapped = ? WHERE project = ?")) {
                write.setBytes(1, wrapped);
                write.setString(2, project);
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
        }
    }

    static String store(TestServer server, String project, String payload) throws Exception {
        HttpResponse<String> created = post(server, project, payload);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("secret_ref").asText();
    }

    private static HttpResponse<String> post(TestServer server, String project, String payload) throws Exception {
        String body = JSON.createObjectNode().put("payload", payload)
                .put("payload_content_type", "text/plain").toString();
        return send(server, HttpRequest.newBuilder().uri(URI.create(server.baseUrl() + "/v1/secrets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), project);
    }

    static String readPayload(TestServer server, String project, String ref) throws Exception {
        HttpResponse<String> read = send(server, HttpRequest.newBuilder()
                .uri(URI.create(server.baseUrl() + "/v1/secrets/" + id(ref) + "/payload"))
                .header("Accept", "text/plain").GET(), project);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return read.body();
    }

    private static String id(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static HttpResponse<String> send(TestServer server, HttpRequest.Builder request, String project)
            throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(server.clientTls())
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(request.header("X-Project-Id", project).header("X-Roles", "admin")
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
