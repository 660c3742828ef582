package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.SealedPayload;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AES-GCM nonce budget per project KEK version, with the limit lowered from 2^31 to a few encryptions: a version
 * never seals more than the limit, the project's KEK is rotated when it is reached, every payload stays readable, and
 * nodes sharing the database count together.
 */
class KekEncryptionBudgetTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PAYLOAD = "nonce budget".getBytes(StandardCharsets.UTF_8);
    private static final ProjectId PROJECT = new ProjectId("budget-project");

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

    private KeyHierarchy node(long limit) {
        return new KeyHierarchy(master, store, RANDOM, Clock.systemUTC(), limit);
    }

    @Test
    void aVersionThatReachedItsLimitSealsNothingMoreAndTheKekIsRotatedAndAudited() {
        KeyHierarchy hierarchy = node(5);
        Map<PayloadBinding, SealedPayload> sealed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            PayloadBinding binding = new PayloadBinding(SecretId.random(), PROJECT, SecretType.OPAQUE);
            sealed.put(binding, hierarchy.seal(binding, PAYLOAD));
        }
        assertThat(sealed.values()).extracting(SealedPayload::kekVersion)
                .containsExactly(1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3);
        sealed.forEach((binding, payload) -> assertThat(hierarchy.open(binding, payload)).isEqualTo(PAYLOAD));
        assertThat(encryptions(1)).isEqualTo(5);
        assertThat(encryptions(2)).isEqualTo(5);
        assertThat(encryptions(3)).isEqualTo(2);
        List<AuditEvent> rotations = store.read(tx -> tx.audit().tail(1000)).stream()
                .filter(e -> e.action() == Action.PROJECT_KEK_ROTATE).toList();
        assertThat(rotations).extracting(AuditEvent::detail).hasSize(2)
                .anyMatch(d -> d.contains("version 1 reached its limit of 5 encryptions"))
                .anyMatch(d -> d.contains("version 2 reached its limit of 5 encryptions"));
        // A node that has never sealed anything (cold caches) still opens every payload.
        KeyHierarchy cold = node(5);
        sealed.forEach((binding, payload) -> assertThat(cold.open(binding, payload)).isEqualTo(PAYLOAD));
    }

    @Test
    void reEncryptionUnderASpentVersionIsRefusedAndMakesTheNextVersion() {
        KeyHierarchy hierarchy = node(3);
        List<PayloadBinding> bindings = new ArrayList<>();
        List<SealedPayload> payloads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bindings.add(new PayloadBinding(SecretId.random(), PROJECT, SecretType.OPAQUE));
            payloads.add(hierarchy.seal(bindings.get(i), PAYLOAD));
        }
        assertThatThrownBy(() -> hierarchy.reseal(bindings.get(0), payloads.get(0), 1))
                .isInstanceOf(DomainException.Unavailable.class).hasMessageContaining("KEK version 1")
                .hasMessageContaining("nonce budget");
        assertThat(encryptions(1)).isEqualTo(3);
        assertThat(store.read(tx -> tx.projectKeys().current(PROJECT)).orElseThrow().version()).isEqualTo(2);
        SealedPayload moved = hierarchy.reseal(bindings.get(0), payloads.get(0), 2);
        assertThat(hierarchy.open(bindings.get(0), moved)).isEqualTo(PAYLOAD);
    }

    @Test
    void nodesSharingTheDatabaseNeverSealMoreThanTheLimitUnderOneVersionTogether() throws Exception {
        long limit = 2_000; // reserved in blocks of 2
        List<KeyHierarchy> nodes = List.of(node(limit), node(limit), node(limit));
        List<Map.Entry<PayloadBinding, SealedPayload>> sealed = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            KeyHierarchy hierarchy = nodes.get(t % nodes.size());
            work.add(() -> {
                for (int i = 0; i < 900; i++) {
                    PayloadBinding binding = new PayloadBinding(SecretId.random(), PROJECT, SecretType.OPAQUE);
                    sealed.add(Map.entry(binding, hierarchy.seal(binding, PAYLOAD)));
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        }
        Map<Integer, Integer> perVersion = new TreeMap<>();
        sealed.forEach(e -> perVersion.merge(e.getValue().kekVersion(), 1, Integer::sum));
        assertThat(sealed).hasSize(5_400);
        assertThat(perVersion.keySet()).as("5,400 seals at 2,000 per version").hasSizeGreaterThanOrEqualTo(3);
        perVersion.forEach((version, count) -> {
            assertThat(count).as("payloads sealed under version " + version).isLessThanOrEqualTo((int) limit);
            assertThat(encryptions(version)).as("counted for version " + version)
                    .isBetween((long) count, limit);
        });
        KeyHierarchy cold = node(limit);
        sealed.forEach(e -> assertThat(cold.open(e.getKey(), e.getValue())).isEqualTo(PAYLOAD));
    }

    @Test
    void aLimitBeyondTheRandomNonceBoundIsRefused() {
        assertThatThrownBy(() -> new KekEncryptionBudget(store, KekEncryptionBudget.HARD_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^32");
        assertThatThrownBy(() -> new KekEncryptionBudget(store, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private long encryptions(int version) {
        return store.read(tx -> tx.projectKeys().encryptions(PROJECT, version)).orElseThrow();
    }
}
