package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.store.Backups;
import dev.donjon.server.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code donjon backup} and {@code donjon restore}: a backup taken while the node serves writes, restored into an
 * empty database next to the same master key, gives a node that serves every object with the same payload: Barbican
 * secrets of every type, an RSA pair from an order, and KMIP objects (a key pair, its certificate, a named AES key)
 * with their attributes. A second restore into the now non-empty target is refused.
 */
abstract class BackupRestoreContract {
    @TempDir
    Path directory;

    /** The source database's URL, or null for SQLite in the data directory. */
    abstract String sourceUrl();

    abstract String targetUrl();

    abstract String user();

    @Test
    void aBackupTakenWhileServingRestoresEveryObject() throws Exception {
        Path sourceDir = directory.resolve("source");
        Path targetDir = directory.resolve("target");
        Path backup = directory.resolve("donjon.backup");
        Map<String, byte[]> payloads = new LinkedHashMap<>();
        Map<String, String> kmipObjects = new LinkedHashMap<>();
        String token;
        try (TestServer source = TestServer.start(sourceDir, sourceUrl(), user())) {
            token = source.token("backup", Role.ADMIN);
            ApiClient client = new ApiClient(source.baseUrl(), source.clientTls()).withHeader("X-Auth-Token", token);
            payloads.put(secret(client, "symmetric", "application/octet-stream", "base64", random(32), "aes"),
                    null);
            payloads.put(secret(client, "passphrase", "text/plain", null, "correct horse".getBytes(), null), null);
            payloads.put(secret(client, "opaque", "application/octet-stream", "base64", random(100), null), null);
            ApiClient.Response order = client.post("/v1/orders").json("{\"type\": \"asymmetric\", \"meta\": "
                    + "{\"algorithm\": \"rsa\", \"bit_length\": 2048}}").send();
            assertThat(order.status()).as("%s", order).isEqualTo(202);
            String containerRef = client.get(order.json().get("order_ref").asText()).send().json()
                    .get("container_ref").asText();
            for (JsonNode ref : client.get(containerRef).send().json().get("secret_refs")) {
                payloads.put(ref.get("secret_ref").asText(), null);
            }
            JsonNode batch = kmip(client, KMIP_CREATE);
            batch.findParents("tag").stream().filter(n -> n.get("tag").asText().endsWith("UniqueIdentifier"))
                    .forEach(n -> kmipObjects.put(n.get("value").asText(), null));
            assertThat(kmipObjects).hasSizeGreaterThanOrEqualTo(4);
            for (String ref : payloads.keySet()) {
                ApiClient.Response payload = client.get(ref + "/payload").accept("*/*").send();
                assertThat(payload.status()).as("%s", payload).isEqualTo(200);
                payloads.put(ref, payload.body());
            }
            for (String id : kmipObjects.keySet()) {
                kmipObjects.put(id, materialAndName(client, id));
            }

            // Online: writers keep going while the backup is taken.
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger failures = new AtomicInteger();
            Thread writer = Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    if (client.post("/v1/secrets").json("{\"payload\": \"x\", \"payload_content_type\": "
                            + "\"text/plain\"}").send().status() != 201) {
                        failures.incrementAndGet();
                    }
                }
            });
            Backups.backup((dev.donjon.server.store.JdbcStore) source.server().store(), backup);
            writing.set(false);
            writer.join();
            assertThat(failures).hasValue(0);
        }
        assertThat(Files.getPosixFilePermissions(backup)).hasSize(2);
        byte[] file = Files.readAllBytes(backup);
        for (byte[] payload : payloads.values()) {
            if (payload.length >= 16) {
                assertThat(indexOf(file, payload)).as("a payload in the clear in the backup").isEqualTo(-1);
            }
        }

        Files.createDirectories(targetDir);
        Files.copy(sourceDir.resolve("master-keys"), targetDir.resolve("master-keys"));
        StoreConfig target = new StoreConfig(targetUrl() != null ? targetUrl()
                : "jdbc:sqlite:" + targetDir.resolve("donjon.db"), user(), null, 4);
        Backups.restore(target, backup).close();
        assertThatThrownBy(() -> Backups.restore(target, backup)).isInstanceOf(Backups.Refused.class)
                .hasMessageContaining("restore only into");

        try (TestServer restored = TestServer.start(targetDir, targetUrl(), user())) {
            ApiClient client = new ApiClient(restored.baseUrl(), restored.clientTls())
                    .withHeader("X-Auth-Token", token);
            for (Map.Entry<String, byte[]> payload : payloads.entrySet()) {
                String ref = payload.getKey().replaceFirst("^https://[^/]+", restored.baseUrl());
                ApiClient.Response read = client.get(ref + "/payload").accept("*/*").send();
                assertThat(read.status()).as("%s", read).isEqualTo(200);
                assertThat(read.body()).isEqualTo(payload.getValue());
            }
            for (Map.Entry<String, String> object : kmipObjects.entrySet()) {
                assertThat(materialAndName(client, object.getKey())).isEqualTo(object.getValue());
            }
            // The restored node writes too.
            assertThat(client.post("/v1/secrets").json("{\"payload\": \"after\", \"payload_content_type\": "
                    + "\"text/plain\"}").send().status()).isEqualTo(201);
        }
    }

    private static final String KMIP_CREATE = """
            {"tag": "RequestMessage", "value": [
             {"tag": "RequestHeader", "value": [
              {"tag": "ProtocolVersion", "value": [{"tag": "ProtocolVersionMajor", "type": "Integer", "value": 2},
                                                   {"tag": "ProtocolVersionMinor", "type": "Integer", "value": 1}]},
              {"tag": "BatchCount", "type": "Integer", "value": 3}]},
             {"tag": "BatchItem", "value": [{"tag": "Operation", "type": "Enumeration", "value": "Create"},
              {"tag": "RequestPayload", "value": [
               {"tag": "ObjectType", "type": "Enumeration", "value": "SymmetricKey"},
               {"tag": "Attributes", "value": [
                {"tag": "CryptographicAlgorithm", "type": "Enumeration", "value": "AES"},
                {"tag": "CryptographicLength", "type": "Integer", "value": 256},
                {"tag": "CryptographicUsageMask", "type": "Integer", "value": 12},
                {"tag": "Name", "value": [
                 {"tag": "NameValue", "type": "TextString", "value": "backup-aes"},
                 {"tag": "NameType", "type": "Enumeration", "value": "UninterpretedTextString"}]}]}]}]},
             {"tag": "BatchItem", "value": [{"tag": "Operation", "type": "Enumeration", "value": "CreateKeyPair"},
              {"tag": "RequestPayload", "value": [
               {"tag": "CommonAttributes", "value": [
                {"tag": "CryptographicAlgorithm", "type": "Enumeration", "value": "RSA"},
                {"tag": "CryptographicLength", "type": "Integer", "value": 2048}]},
               {"tag": "PublicKeyAttributes", "value": [{"tag": "Name", "value": [
                {"tag": "NameValue", "type": "TextString", "value": "backup.example.com"},
                {"tag": "NameType", "type": "Enumeration", "value": "UninterpretedTextString"}]}]}]}]},
             {"tag": "BatchItem", "value": [{"tag": "Operation", "type": "Enumeration", "value": "Certify"},
              {"tag": "RequestPayload", "value": []}]}]}
            """;

    private static JsonNode kmip(ApiClient client, String json) {
        ApiClient.Response response = client.post("/kmip").contentType("application/json").body(json.getBytes())
                .send();
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.toString()).doesNotContain("OperationFailed");
        return body;
    }

    /** The object's key material or certificate value and its names, as a KMIP Get and Get Attributes answer. */
    private static String materialAndName(ApiClient client, String id) {
        String get = """
                {"tag": "RequestMessage", "value": [
                 {"tag": "RequestHeader", "value": [
                  {"tag": "ProtocolVersion", "value": [{"tag": "ProtocolVersionMajor", "type": "Integer", "value": 2},
                                                       {"tag": "ProtocolVersionMinor", "type": "Integer", "value": 1}]},
                  {"tag": "BatchCount", "type": "Integer", "value": 2}]},
                 {"tag": "BatchItem", "value": [{"tag": "Operation", "type": "Enumeration", "value": "Get"},
                  {"tag": "RequestPayload", "value": [
                   {"tag": "UniqueIdentifier", "type": "TextString", "value": "%s"}]}]},
                 {"tag": "BatchItem", "value": [{"tag": "Operation", "type": "Enumeration", "value": "GetAttributes"},
                  {"tag": "RequestPayload", "value": [
                   {"tag": "UniqueIdentifier", "type": "TextString", "value": "%s"}]}]}]}
                """.formatted(id, id);
        JsonNode answer = kmip(client, get);
        List<String> parts = new ArrayList<>();
        for (String tag : List.of("KeyMaterial", "CertificateValue", "NameValue", "CryptographicAlgorithm",
                "CryptographicUsageMask", "State")) {
            answer.findParents("tag").stream().filter(n -> n.get("tag").asText().equals(tag))
                    .forEach(n -> parts.add(tag + "=" + n.get("value")));
        }
        assertThat(parts).isNotEmpty();
        return String.join(";", parts);
    }

    private static String secret(ApiClient client, String type, String contentType, String encoding, byte[] payload,
                                 String algorithm) {
        String body = "{\"secret_type\": \"" + type + "\", \"payload_content_type\": \"" + contentType + "\", "
                + (encoding == null ? "\"payload\": \"" + new String(payload) + "\""
                : "\"payload_content_encoding\": \"" + encoding + "\", \"payload\": \""
                + Base64.getEncoder().encodeToString(payload) + "\"")
                + (algorithm == null ? "" : ", \"algorithm\": \"" + algorithm + "\", \"bit_length\": "
                + payload.length * 8) + "}";
        ApiClient.Response response = client.post("/v1/secrets").json(body).send();
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.json().get("secret_ref").asText();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
