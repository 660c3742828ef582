package dev.donjon.server.store;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.job.DestroyedPurge;
import dev.donjon.server.domain.job.ScheduledTransitions;
import dev.donjon.server.domain.job.SecretExpiry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle jobs against a real database: what each one finds due at a given instant, what it writes, and the
 * audit event of each change. Time is a parameter of {@code run}, so nothing waits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LifecycleJobsContract {
    private static final Instant T0 = SecretBuilder.T0;
    private static final ObjectAttributes PLAIN = new ObjectAttributes(dev.donjon.server.domain.object.UsageMask.UNRESTRICTED, List.of(), List.of(), Map.of(),
            KeyProtection.DEFAULT);

    private JdbcStore store;

    abstract StoreConfig freshDatabase();

    @BeforeAll
    void open() {
        store = JdbcStore.open(freshDatabase());
    }

    @AfterAll
    void close() {
        store.close();
    }

    private Secret insert(SecretBuilder builder, Lifecycle lifecycle) {
        Secret secret = builder.build();
        store.write(tx -> {
            if (lifecycle == null) {
                tx.secrets().insert(secret, StoreContract.sealed(1));
            } else {
                tx.objects().insert(secret, StoreContract.sealed(1), lifecycle, PLAIN);
            }
            return null;
        });
        return secret;
    }

    private Optional<ManagedObject> object(SecretId id) {
        return store.read(tx -> tx.objects().find(id));
    }

    private Optional<Secret> secret(SecretId id) {
        return store.read(tx -> tx.secrets().find(id));
    }

    private List<AuditEvent> eventsFor(SecretId id) {
        return store.read(tx -> tx.audit().tail(1000)).stream()
                .filter(e -> id.toString().equals(e.objectId())).toList();
    }

    private static ProjectId project() {
        return new ProjectId("project-" + UUID.randomUUID());
    }

    @Test
    void expiredSecretsAreDeletedAndAuditedAndTheOthersKept() {
        ProjectId project = project();
        Secret expired = insert(SecretBuilder.secretIn(project).expiration(T0.plusSeconds(10)), null);
        Secret later = insert(SecretBuilder.secretIn(project).expiration(T0.plusSeconds(100)), null);
        Secret forever = insert(SecretBuilder.secretIn(project), null);

        SecretExpiry job = new SecretExpiry(store, 1000);
        assertThat(job.run(T0.plusSeconds(9))).isZero();
        assertThat(job.run(T0.plusSeconds(10))).isEqualTo(1);

        assertThat(secret(expired.id())).isEmpty();
        assertThat(store.<Optional<?>>read(tx -> tx.secrets().payload(expired.id()))).isEmpty();
        assertThat(secret(later.id())).isPresent();
        assertThat(secret(forever.id())).isPresent();
        assertThat(eventsFor(expired.id())).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(Action.SECRET_EXPIRE);
            assertThat(event.method()).isEqualTo(AuthMethod.SCHEDULED_JOB);
            assertThat(event.actorProject()).isEqualTo(project.value());
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        });
        assertThat(job.run(T0.plusSeconds(10))).isZero();
    }

    @Test
    void aRunDeletesAtMostOneBatch() {
        ProjectId project = project();
        Instant at = T0.plus(Duration.ofDays(400));
        SecretExpiry job = new SecretExpiry(store, 2);
        while (job.run(at) > 0) {
            // the other tests' secrets expire by then too
        }
        for (int i = 0; i < 5; i++) {
            insert(SecretBuilder.secretIn(project).expiration(at), null);
        }
        assertThat(job.run(at)).isEqualTo(2);
        assertThat(job.run(at)).isEqualTo(2);
        assertThat(job.run(at)).isEqualTo(1);
        assertThat(job.run(at)).isZero();
    }

    @Test
    void passedActivationAndDeactivationDatesMoveTheStoredStateAndAreAudited() {
        ProjectId project = project();
        Instant activation = T0.plusSeconds(60);
        Instant deactivation = T0.plusSeconds(120);
        Secret scheduled = insert(SecretBuilder.secretIn(project),
                Lifecycle.scheduled(activation, deactivation));
        Secret notYet = insert(SecretBuilder.secretIn(project), Lifecycle.scheduled(T0.plusSeconds(3600), null));
        ScheduledTransitions job = new ScheduledTransitions(store, 1000);

        job.run(activation.minusSeconds(1));
        assertThat(object(scheduled.id()).orElseThrow().state()).isEqualTo(LifecycleState.PRE_ACTIVE);

        job.run(activation);
        ManagedObject active = object(scheduled.id()).orElseThrow();
        assertThat(active.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(active.secret().updated()).isEqualTo(activation);

        job.run(deactivation.plusSeconds(5));
        assertThat(object(scheduled.id()).orElseThrow().state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(object(scheduled.id()).orElseThrow().secret().updated()).isEqualTo(deactivation);
        assertThat(object(notYet.id()).orElseThrow().state()).isEqualTo(LifecycleState.PRE_ACTIVE);

        assertThat(eventsFor(scheduled.id())).extracting(AuditEvent::action, AuditEvent::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Action.LIFECYCLE_STATE_CHANGE, "pre-active -> active"),
                org.assertj.core.groups.Tuple.tuple(Action.LIFECYCLE_STATE_CHANGE, "active -> deactivated"));
        assertThat(eventsFor(notYet.id())).isEmpty();
    }

    @Test
    void anObjectWhoseDatesBothPassedMovesStraightToDeactivated() {
        Secret both = insert(SecretBuilder.secretIn(project()),
                Lifecycle.scheduled(T0.plusSeconds(1), T0.plusSeconds(2)));
        new ScheduledTransitions(store, 1000).run(T0.plusSeconds(3));
        assertThat(object(both.id()).orElseThrow().state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(eventsFor(both.id())).extracting(AuditEvent::detail)
                .containsExactly("pre-active -> deactivated");
    }

    @Test
    void destroyedObjectsArePurgedOnlyAfterTheRetention() {
        ProjectId project = project();
        Instant destroyedAt = T0.plusSeconds(30);
        Lifecycle destroyed = new Lifecycle(LifecycleState.DESTROYED, T0, null, destroyedAt, null, null, null);
        Secret gone = insert(SecretBuilder.secretIn(project), destroyed);
        Secret alive = insert(SecretBuilder.secretIn(project), Lifecycle.activeSince(T0));
        DestroyedPurge job = new DestroyedPurge(store, Duration.ofDays(30), 1000);

        assertThat(job.run(destroyedAt.plus(Duration.ofDays(30)).minusSeconds(1))).isZero();
        assertThat(object(gone.id())).isPresent();

        assertThat(job.run(destroyedAt.plus(Duration.ofDays(30)))).isPositive();
        assertThat(object(gone.id())).isEmpty();
        assertThat(object(alive.id())).isPresent();
        assertThat(eventsFor(gone.id())).singleElement().extracting(AuditEvent::action)
                .isEqualTo(Action.OBJECT_PURGE);
    }
}
