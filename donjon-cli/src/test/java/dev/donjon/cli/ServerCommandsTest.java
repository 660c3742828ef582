package dev.donjon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.domain.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secret-management commands against one real server shared by the class: log in once (a profile), then
 * secrets, orders, containers and ACLs in the three output formats.
 */
class ServerCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.sqlite(Files.createDirectories(directory.resolve("server")));
        System.setProperty(Profiles.DIRECTORY_PROPERTY, directory.resolve("config").toString());
        Path token = Files.writeString(directory.resolve("token"), server.token("cli-project", Role.ADMIN) + "\n");
        Path other = Files.writeString(directory.resolve("other-token"), server.token("other", Role.ADMIN));
        run("login", "--url", server.baseUrl(), "--ca", server.caCertificate().toString(), "--token-file",
                token.toString());
        run("login", "--profile", "other", "--url", server.baseUrl(), "--ca", server.caCertificate().toString(),
                "--token-file", other.toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty(Profiles.DIRECTORY_PROPERTY);
        server.close();
    }

    /** Runs the command, expecting exit status 0; returns its standard output. */
    private static String run(String... args) {
        return DonjonRun.run(args).expect(0).out();
    }

    @Test
    void theProfileIsPrivateToItsOwner() throws Exception {
        Path profile = directory.resolve("config").resolve("default.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rw-------");
        assertThat(Files.readString(profile)).contains("url=").contains("token_file=").doesNotContain("djt_");
    }

    @Test
    void aCloneHasTheSamePayloadUnderItsOwnIdAndName() {
        String origin = run("secret", "store", "--name", "volume-key", "--payload", "snapshot key", "-f", "value")
                .lines().findFirst().orElseThrow();
        String clone = run("secret", "clone", origin, "--name", "snapshot-7").strip();
        assertThat(clone).isNotEqualTo(origin);
        assertThat(run("secret", "get", clone, "--payload")).isEqualTo("snapshot key");
        assertThat(run("secret", "get", clone)).contains("snapshot-7").contains("text/plain");
        run("secret", "delete", origin, clone);
    }

    @Test
    void secretsAreStoredReadListedAndDeleted() throws Exception {
        String id = run("secret", "store", "--name", "db-password", "--payload", "correct horse", "-f", "value")
                .lines().findFirst().orElseThrow();
        assertThat(run("secret", "get", id, "--payload")).isEqualTo("correct horse");

        Path key = Files.write(directory.resolve("key.bin"), new byte[] {0, 1, 2, (byte) 255});
        JsonNode stored = JSON.readTree(run("secret", "store", "-n", "binary", "--file", key.toString(),
                "-t", "symmetric", "-a", "aes", "-b", "32", "-f", "json"));
        String binary = stored.path("secret_ref").asText().replaceAll(".*/", "");
        Path copy = directory.resolve("copy.bin");
        run("secret", "get", binary, "--payload", "-o", copy.toString());
        assertThat(Files.readAllBytes(copy)).containsExactly(0, 1, 2, 255);

        assertThat(run("secret", "get", id)).contains("Field").contains("db-password").contains("opaque")
                .contains("text/plain");
        String table = run("secret", "list");
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("ID").contains("Name");
        assertThat(table).contains(id).contains(binary);
        assertThat(run("secret", "list", "--name", "binary", "-f", "json")).contains(binary).doesNotContain(id);
        assertThat(run("--help")).contains("secret");
        assertThat(run("secret", "list", "--profile", "other", "-f", "value")).as("another project's view")
                .doesNotContain(id);

        run("secret", "delete", id, binary);
        assertThat(run("secret", "list", "-f", "value")).doesNotContain(id);
        assertThat(DonjonRun.run("secret", "get", id).expect(1).err()).startsWith("donjon: ").contains("404")
                .doesNotContain("\tat ");
    }

    @Test
    void ordersContainersAndAcls() throws Exception {
        JsonNode order = JSON.readTree(run("order", "create", "key", "-n", "generated", "-a", "aes", "-b", "256",
                "-m", "cbc", "--wait", "-f", "json"));
        assertThat(order.path("status").asText()).isEqualTo("ACTIVE");
        String orderId = order.path("order_ref").asText().replaceAll(".*/", "");
        String secret = order.path("secret_ref").asText().replaceAll(".*/", "");
        assertThat(run("order", "list")).contains(orderId);
        assertThat(run("order", "get", orderId, "-f", "value")).contains(secret);

        String container = run("container", "create", "-n", "bundle", "-s", "key=" + secret, "-f", "value")
                .lines().findFirst().orElseThrow();
        assertThat(run("container", "get", container)).contains("bundle").contains(secret);
        assertThat(run("container", "list", "-f", "value")).contains(container);

        run("acl", "set", secret, "--user", "alice", "--user", "bob", "--no-project-access");
        assertThat(run("acl", "get", secret, "-f", "value")).contains("false").contains("alice,bob");
        run("acl", "delete", secret);
        assertThat(run("acl", "get", secret, "-f", "json")).doesNotContain("alice");
        run("acl", "set", container, "--container", "--user", "carol");
        assertThat(run("acl", "get", container, "--container")).contains("carol");

        run("container", "delete", container);
        assertThat(run("container", "list", "-f", "value")).doesNotContain(container);
    }

    @Test
    void completionScriptsCoverTheCommandTree() {
        String bash = run("completion", "bash");
        assertThat(bash).contains("complete -F").contains("secret").contains("container").contains("--format");
        assertThat(run("completion", "zsh")).startsWith("autoload -U +X compinit").contains("bashcompinit");
    }
}
