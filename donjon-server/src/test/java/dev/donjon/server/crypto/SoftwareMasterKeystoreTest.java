package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoftwareMasterKeystoreTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] KEK = "0123456789abcdef0123456789abcdef".getBytes();

    @TempDir
    Path directory;

    @Test
    void createsTheKeyFileReadableByItsOwnerOnly() throws Exception {
        Path file = directory.resolve("keys/master-keys");
        try (var keystore = SoftwareMasterKeystore.openOrCreate(file, RANDOM)) {
            assertThat(keystore.currentVersion()).isEqualTo(1);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void aSecondOpenReadsTheSameKey() {
        Path file = directory.resolve("master-keys");
        MasterKeystore.Wrapped wrapped;
        try (var first = SoftwareMasterKeystore.openOrCreate(file, RANDOM)) {
            wrapped = first.wrap(KEK);
        }
        try (var second = SoftwareMasterKeystore.openOrCreate(file, RANDOM)) {
            assertThat(second.unwrap(wrapped.masterKeyVersion(), wrapped.bytes())).isEqualTo(KEK);
        }
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws Exception {
        Path file = directory.resolve("master-keys");
        SoftwareMasterKeystore.openOrCreate(file, RANDOM).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SoftwareMasterKeystore.openOrCreate(file, RANDOM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("accessible to others").hasMessageContaining("chmod 600");
    }

    @Test
    void rotationAddsAVersionAndKeepsOlderWrapsReadable() {
        Path file = directory.resolve("master-keys");
        try (var keystore = SoftwareMasterKeystore.openOrCreate(file, RANDOM)) {
            MasterKeystore.Wrapped old = keystore.wrap(KEK);
            assertThat(keystore.rotate()).isEqualTo(2);
            MasterKeystore.Wrapped current = keystore.wrap(KEK);
            assertThat(current.masterKeyVersion()).isEqualTo(2);
            assertThat(keystore.unwrap(1, old.bytes())).isEqualTo(KEK);
            assertThat(keystore.unwrap(2, current.bytes())).isEqualTo(KEK);
            assertThatThrownBy(() -> keystore.unwrap(2, old.bytes())).isInstanceOf(DomainException.Integrity.class);
        }
        try (var reopened = SoftwareMasterKeystore.openOrCreate(file, RANDOM)) {
            assertThat(reopened.currentVersion()).isEqualTo(2);
        }
    }

    @Test
    void readsVersionedKeysFromTheEnvironmentForm() {
        String one = Base64.getEncoder().encodeToString(new byte[32]);
        byte[] two = new byte[32];
        two[0] = 7;
        String text = "1:" + one + ",2:" + Base64.getEncoder().encodeToString(two);
        try (var keystore = SoftwareMasterKeystore.fromText(text)) {
            assertThat(keystore.currentVersion()).isEqualTo(2);
            assertThat(keystore.unwrap(2, keystore.wrap(KEK).bytes())).isEqualTo(KEK);
        }
        try (var bare = SoftwareMasterKeystore.fromText(one)) {
            assertThat(bare.currentVersion()).isEqualTo(1);
        }
    }

    @Test
    void rejectsMalformedKeysWithoutEchoingThem() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SoftwareMasterKeystore.fromText(shortKey))
                .hasMessageContaining("must be 32 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SoftwareMasterKeystore.fromText("1:not base64!"))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> SoftwareMasterKeystore.fromText(""))
                .hasMessageContaining("no master key");
    }

    @Test
    void neverPrintsKeys() {
        try (var keystore = SoftwareMasterKeystore.fromText(Base64.getEncoder().encodeToString(new byte[32]))) {
            assertThat(keystore.toString()).isEqualTo("SoftwareMasterKeystore[versions=[1], env]");
            assertThat(keystore.wrap(KEK).toString()).doesNotContain(Base64.getEncoder().encodeToString(KEK));
        }
    }
}
