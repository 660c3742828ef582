package dev.donjon.server.crypto;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditKeyRepository;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.store.JdbcStore;
import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Online master key rotation on two nodes sharing PostgreSQL, each with its own view of the key file: the
 * {@code rotate} command adds version 2, a node that took the re-wrap lease dies, the other takes the job over once
 * the lease has expired and re-wraps every KEK; payloads sealed before stay readable on a cold node; version 1 is
 * retired only once nothing uses it; every step is audited.
 */
class MasterKeyRotationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PROJECTS = 120;

    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @TempDir
    Path directory;

    @Test
    void anotherNodeTakesOverTheRewrapAndEveryKekEndsOnTheNewVersion() throws Exception {
        Path keyFile = directory.resolve("master-keys");
        try (JdbcStore store = JdbcStore.open(postgres.storeConfig(4));
             SoftwareMasterKeystore masterA = SoftwareMasterKeystore.openOrCreate(keyFile, RANDOM);
             SoftwareMasterKeystore masterB = SoftwareMasterKeystore.open(keyFile, RANDOM)) {
            MasterKeyCheck.verify(masterA, store, RANDOM, Clock.systemUTC());
            KeyHierarchy nodeA = new KeyHierarchy(masterA, store, RANDOM, Clock.systemUTC());
            Map<PayloadBinding, SealedPayload> sealed = new LinkedHashMap<>();
            for (int i = 0; i < PROJECTS; i++) {
                PayloadBinding binding = new PayloadBinding(SecretId.random(), new ProjectId("p" + i),
                        SecretType.OPAQUE);
                sealed.put(binding, nodeA.seal(binding, ("secret " + i).getBytes(StandardCharsets.UTF_8)));
            }
            // An audit signing key, whose private half the master key wraps as it wraps the KEKs.
            boolean inserted = store.write(tx -> tx.auditKeys().insertFirst(new AuditKeyRepository.StoredAuditKey(
                    "audit-1", 1, masterA.wrap(new byte[48]).bytes(), new byte[]{1}, Instant.now())));
            assertThat(inserted).isTrue();
            assertThat(MasterKeyRotation.status(masterA, store, store.jobLeases()).keksPerVersion()).containsExactly(
                    Map.entry(1, (long) PROJECTS));

            assertThat(MasterKeyRotation.rotate(masterA, store, RANDOM, Clock.systemUTC())).isEqualTo(2);
            assertThat(masterB.currentVersion()).as("node B has not re-read the key file yet").isEqualTo(1);
            assertThatThrownBy(() -> MasterKeyRotation.retire(masterA, store, 1, Clock.systemUTC()))
                    .hasMessageContaining("still wraps " + (PROJECTS + 1));

            // Node A took the lease and died: node B waits for the lease to expire, then does the whole job.
            Instant now = Instant.now();
            assertThat(store.jobLeases().acquire(MasterKeyRotation.JOB, "node-a", now, Duration.ofSeconds(2)))
                    .isPresent();
            MasterKeyRotation jobB = new MasterKeyRotation(masterB, store, store.jobLeases(), Clock.systemUTC(),
                    "node-b", Duration.ofSeconds(15));
            assertThat(jobB.runOnce()).isZero();
            assertThat(MasterKeyRotation.status(masterA, store, store.jobLeases()).describe(Instant.now()))
                    .contains("audit signing keys per master key version: v1=1")
                    .contains("re-wrap: 0/" + PROJECTS + " KEKs on version 2 (0%), in progress")
                    .contains("job running on node-a");
            Thread.sleep(2_100);
            assertThat(jobB.runOnce()).isEqualTo(PROJECTS);
            assertThat(masterB.currentVersion()).isEqualTo(2);

            MasterKeyRotation.Status status = MasterKeyRotation.status(masterA, store, store.jobLeases());
            assertThat(status.keksPerVersion()).containsExactly(Map.entry(2, (long) PROJECTS));
            assertThat(status.auditKeysPerVersion()).containsExactly(Map.entry(2, 1L));
            assertThat(status.done()).isTrue();
            assertThat(status.describe(Instant.now())).contains("re-wrap: " + PROJECTS + "/" + PROJECTS
                    + " KEKs on version 2 (100%), done").contains("version 1 wraps nothing: it can be retired");
            assertThat(jobB.runOnce()).isZero();

            // A node with a cold cache opens every payload sealed before the rotation.
            KeyHierarchy cold = new KeyHierarchy(masterA, store, RANDOM, Clock.systemUTC());
            int i = 0;
            for (Map.Entry<PayloadBinding, SealedPayload> entry : sealed.entrySet()) {
                assertThat(new String(cold.open(entry.getKey(), entry.getValue()), StandardCharsets.UTF_8))
                        .isEqualTo("secret " + i++);
            }

            MasterKeyRotation.retire(masterA, store, 1, Clock.systemUTC());
            assertThat(masterA.versions()).containsExactly(2);
            assertThatThrownBy(() -> MasterKeyRotation.retire(masterA, store, 2, Clock.systemUTC()))
                    .hasMessageContaining("current");

            var audit = store.read(tx -> tx.audit().tail(1000));
            assertThat(audit.stream().filter(e -> e.action() == Action.MASTER_KEY_ROTATE)).hasSize(1);
            assertThat(audit.stream().filter(e -> e.action() == Action.MASTER_KEY_REWRAP))
                    .hasSize(PROJECTS + 2)
                    .allMatch(e -> e.outcome() == AuditEvent.Outcome.SUCCESS);
            assertThat(audit.stream().filter(e -> e.action() == Action.MASTER_KEY_RETIRE)).hasSize(1);
        }
        // The key file was rewritten without version 1, and a node opening it verifies against the database.
        try (JdbcStore store = JdbcStore.open(postgres.storeConfig(2));
             SoftwareMasterKeystore reopened = SoftwareMasterKeystore.open(keyFile, RANDOM)) {
            assertThat(reopened.versions()).containsExactly(2);
            MasterKeyCheck.verify(reopened, store, RANDOM, Clock.systemUTC());
        }
    }

    /**
     * The job re-wraps the audit signing keys after the last KEK: in that window the status must not call the job
     * done nor the old version retirable, since {@code retire} would refuse it.
     */
    @Test
    void statusWaitsForTheAuditSigningKeysAfterTheLastKek() {
        MasterKeyRotation.Status status = new MasterKeyRotation.Status("software", new TreeSet<>(Set.of(1, 2)), 2,
                Map.of(2, 5L), Map.of(1, 1L), Optional.empty());
        assertThat(status.done()).isFalse();
        assertThat(status.wrapsNothing(1)).isFalse();
        assertThat(status.describe(Instant.now()))
                .contains("re-wrap: 5/5 KEKs on version 2 (100%), audit signing keys in progress")
                .doesNotContain("can be retired");

        MasterKeyRotation.Status finished = new MasterKeyRotation.Status("software", new TreeSet<>(Set.of(1, 2)), 2,
                Map.of(2, 5L), Map.of(2, 1L), Optional.empty());
        assertThat(finished.done()).isTrue();
        assertThat(finished.describe(Instant.now())).contains("(100%), done")
                .contains("version 1 wraps nothing: it can be retired");
    }
}
