package dev.donjon.server.crypto;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.WrappedKek;
import dev.donjon.server.store.JdbcStore;
import dev.donjon.server.store.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyHierarchyTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PAYLOAD = "the launch codes".getBytes(StandardCharsets.UTF_8);
    private static final ProjectId PROJECT = new ProjectId("p1");

    @TempDir
    Path directory;
    private JdbcStore store;
    private SoftwareMasterKeystore master;

    @BeforeEach
    void open() {
        store = JdbcStore.open(StoreConfig.of("jdbc:sqlite:" + directory.resolve("donjon.db")));
        master = SoftwareMasterKeystore.openOrCreate(directory.resolve("master-keys"), RANDOM);
    }

    @AfterEach
    void close() {
        store.close();
        master.close();
    }

    private KeyHierarchy node() {
        return new KeyHierarchy(master, store, RANDOM, Clock.systemUTC());
    }

    private static PayloadBinding binding(ProjectId project, SecretType type) {
        return new PayloadBinding(SecretId.random(), project, type);
    }

    @Test
    void opensWhatItSealed() {
        KeyHierarchy hierarchy = node();
        PayloadBinding binding = binding(PROJECT, SecretType.OPAQUE);
        SealedPayload sealed = hierarchy.seal(binding, PAYLOAD);
        assertThat(sealed.kekVersion()).isEqualTo(1);
        assertThat(hierarchy.open(binding, sealed)).isEqualTo(PAYLOAD);
    }

    @Test
    void sealingTheSamePayloadTwiceGivesDifferentCiphertexts() {
        KeyHierarchy hierarchy = node();
        PayloadBinding binding = binding(PROJECT, SecretType.OPAQUE);
        assertThat(hierarchy.seal(binding, PAYLOAD).ciphertext()).isNotEqualTo(hierarchy.seal(binding, PAYLOAD)
                .ciphertext());
    }

    @Test
    void createsOneKekPerProjectOnItsFirstSealStoredWrappedAndAudited() {
        KeyHierarchy hierarchy = node();
        hierarchy.seal(binding(PROJECT, SecretType.OPAQUE), PAYLOAD);
        hierarchy.seal(binding(PROJECT, SecretType.SYMMETRIC), PAYLOAD);
        hierarchy.seal(binding(new ProjectId("p2"), SecretType.OPAQUE), PAYLOAD);

        WrappedKek kek = store.read(tx -> tx.projectKeys().current(PROJECT)).orElseThrow();
        assertThat(kek.version()).isEqualTo(1);
        assertThat(kek.masterKeyVersion()).isEqualTo(1);
        assertThat(master.unwrap(1, kek.wrapped())).hasSize(32).isNotEqualTo(kek.wrapped());
        List<AuditEvent> events = store.read(tx -> tx.audit().tail(10));
        assertThat(events).filteredOn(e -> e.action() == Action.PROJECT_KEK_CREATE)
                .extracting(AuditEvent::actorProject).containsExactlyInAnyOrder("p1", "p2");
    }

    @Test
    void anotherNodeWithAnEmptyCacheOpensThePayload() {
        PayloadBinding binding = binding(PROJECT, SecretType.OPAQUE);
        SealedPayload sealed = node().seal(binding, PAYLOAD);
        assertThat(node().open(binding, sealed)).isEqualTo(PAYLOAD);
    }

    @Test
    void ciphertextIsBoundToItsSecretProjectAndType() {
        KeyHierarchy hierarchy = node();
        PayloadBinding binding = binding(PROJECT, SecretType.OPAQUE);
        SealedPayload sealed = hierarchy.seal(binding, PAYLOAD);
        hierarchy.seal(binding(new ProjectId("p2"), SecretType.OPAQUE), PAYLOAD);

        for (PayloadBinding other : List.of(
                new PayloadBinding(SecretId.random(), PROJECT, SecretType.OPAQUE),
                new PayloadBinding(binding.id(), PROJECT, SecretType.SYMMETRIC))) {
            assertThatThrownBy(() -> hierarchy.open(other, sealed)).isInstanceOf(DomainException.Integrity.class);
        }
        PayloadBinding moved = new PayloadBinding(binding.id(), new ProjectId("p2"), SecretType.OPAQUE);
        assertThatThrownBy(() -> hierarchy.open(moved, sealed)).isInstanceOf(DomainException.Integrity.class);
    }

    @Test
    void tamperedCiphertextIsRejected() {
        KeyHierarchy hierarchy = node();
        PayloadBinding binding = binding(PROJECT, SecretType.OPAQUE);
        byte[] bytes = hierarchy.seal(binding, PAYLOAD).ciphertext();
        for (int position : new int[]{0, 1, 13, bytes.length - 1}) {
            byte[] tampered = bytes.clone();
            tampered[position] ^= 0x40;
            assertThatThrownBy(() -> hierarchy.open(binding, new SealedPayload(1, tampered)))
                    .isInstanceOf(DomainException.Integrity.class)
                    .hasMessageNotContaining(new String(PAYLOAD, StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> hierarchy.open(binding, new SealedPayload(1, new byte[5])))
                .isInstanceOf(DomainException.Integrity.class);
        assertThatThrownBy(() -> hierarchy.open(binding, new SealedPayload(2, bytes)))
                .isInstanceOf(DomainException.Integrity.class);
    }

    @Test
    void nodesRacingToCreateAProjectKekAgreeOnOne() throws Exception {
        List<Callable<SealedPayload>> racers = new ArrayList<>();
        List<PayloadBinding> bindings = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            KeyHierarchy racer = node();
            PayloadBinding binding = binding(PROJECT, SecretType.OPAQUE);
            bindings.add(binding);
            racers.add(() -> racer.seal(binding, PAYLOAD));
        }
        List<SealedPayload> sealed = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<SealedPayload> result : pool.invokeAll(racers)) {
                sealed.add(result.get());
            }
        }
        KeyHierarchy reader = node();
        for (int i = 0; i < sealed.size(); i++) {
            assertThat(reader.open(bindings.get(i), sealed.get(i))).isEqualTo(PAYLOAD);
        }
    }
}
