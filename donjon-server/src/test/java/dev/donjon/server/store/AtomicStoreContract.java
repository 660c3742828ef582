package dev.donjon.server.store;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.object.UsageMask;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.donjon.server.store.SecretBuilder.T0;
import static dev.donjon.server.store.SecretBuilder.secretIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every engine must do for {@link dev.donjon.server.domain.port.Store#atomically} (KMIP batches with Undo) and for
 * the name claims that keep managed-object names unique. Runs inside {@link StoreContract} as a nested class.
 */
abstract class AtomicStoreContract {
    abstract JdbcStore store();

    private static final class Undo extends RuntimeException {
    }

    private static void insert(dev.donjon.server.domain.port.StoreTx tx, Secret secret) {
        tx.secrets().insert(secret, StoreContract.sealed(1));
    }

    private static AuditEvent event(String request, Action action, String objectId, AuditEvent.Outcome outcome) {
        return new AuditEvent(T0, request, "alice", "project-a", AuthMethod.CLIENT_CERTIFICATE, null, null, action, objectId,
                outcome, null);
    }

    private List<AuditEvent> eventsOf(String request) {
        return store().read(tx -> tx.audit().tail(10_000)).stream()
                .filter(e -> request.equals(e.requestId())).toList();
    }

    private boolean exists(SecretId id) {
        return store().read(tx -> tx.secrets().find(id)).isPresent();
    }

    @Test
    void writesInsideCommitTogetherAndEachReadSeesTheWritesBeforeIt() {
        Secret first = secretIn(StoreContract.newProject()).build();
        Secret second = secretIn(first.project()).build();
        boolean seen = store().atomically(joined -> {
            joined.write(tx -> {
                insert(tx, first);
                return null;
            });
            boolean firstVisible = joined.read(tx -> tx.secrets().find(first.id())).isPresent();
            joined.write(tx -> {
                insert(tx, second);
                return null;
            });
            return firstVisible;
        });
        assertThat(seen).isTrue();
        assertThat(exists(first.id())).isTrue();
        assertThat(exists(second.id())).isTrue();
    }

    @Test
    void aThrowUndoesEveryWriteAndItsSuccessEventsButKeepsTheRefusals() {
        Secret created = secretIn(StoreContract.newProject()).build();
        String request = "req-" + UUID.randomUUID();
        assertThatThrownBy(() -> store().atomically(joined -> {
            joined.write(tx -> {
                insert(tx, created);
                tx.audit().append(event(request, Action.SECRET_CREATE, created.id().toString(),
                        AuditEvent.Outcome.SUCCESS));
                tx.audit().append(event(request, Action.SECRET_USE, created.id().toString(),
                        AuditEvent.Outcome.SUCCESS));
                return null;
            });
            joined.write(tx -> {
                tx.audit().append(event(request, Action.SECRET_DELETE, created.id().toString(),
                        AuditEvent.Outcome.DENIED));
                return null;
            });
            throw new Undo();
        })).isInstanceOf(Undo.class);

        assertThat(exists(created.id())).isFalse();
        assertThat(eventsOf(request)).extracting(AuditEvent::action, AuditEvent::outcome)
                .containsExactly(tuple(Action.SECRET_DELETE, AuditEvent.Outcome.DENIED));
    }

    @Test
    void aWriteThatThrowsInsideUndoesOnlyItselfAndTheRestCommits() {
        Secret kept = secretIn(StoreContract.newProject()).build();
        Secret dropped = secretIn(kept.project()).build();
        store().atomically(joined -> {
            joined.write(tx -> {
                insert(tx, kept);
                return null;
            });
            assertThatThrownBy(() -> joined.write(tx -> {
                insert(tx, dropped);
                insert(tx, dropped);
                return null;
            })).as("the second insert of one id fails").isInstanceOf(RuntimeException.class);
            return null;
        });
        assertThat(exists(kept.id())).isTrue();
        assertThat(exists(dropped.id())).isFalse();
    }

    @Test
    void aNestedAtomicWorkThatThrowsIsUndoneAlone() {
        Secret outer = secretIn(StoreContract.newProject()).build();
        Secret inner = secretIn(outer.project()).build();
        store().atomically(joined -> {
            joined.write(tx -> {
                insert(tx, outer);
                return null;
            });
            assertThatThrownBy(() -> joined.atomically(nested -> nested.write(tx -> {
                insert(tx, inner);
                throw new Undo();
            }))).isInstanceOf(Undo.class);
            return null;
        });
        assertThat(exists(outer.id())).isTrue();
        assertThat(exists(inner.id())).isFalse();
    }

    private SecretId named(ProjectId project, Lifecycle lifecycle, String... names) {
        Secret secret = secretIn(project).name(names.length == 0 ? null : names[0]).build();
        store().write(tx -> {
            tx.objects().insert(secret, StoreContract.sealed(1), lifecycle, new ObjectAttributes(
                    UsageMask.of(KeyUsage.ENCRYPT), List.of(names), List.of(), Map.of()));
            return null;
        });
        return secret.id();
    }

    private Set<String> taken(ProjectId project, List<String> names, SecretId except) {
        return store().write(tx -> tx.objects().namesTaken(project, names, except));
    }

    @Test
    void aNameIsTakenByAnotherLiveObjectOfTheSameProjectOnly() {
        ProjectId project = StoreContract.newProject();
        SecretId holder = named(project, Lifecycle.preActive(), "held", "also-held");
        named(project, new Lifecycle(LifecycleState.DESTROYED, null, null, T0, null, null, null), "freed");
        Secret restOnly = secretIn(project).name("rest-name").build();
        store().write(tx -> {
            insert(tx, restOnly);
            return null;
        });

        SecretId someoneElse = SecretId.random();
        assertThat(taken(project, List.of("held", "also-held", "free", "freed", "rest-name"), someoneElse))
                .as("names of a destroyed object, or of a secret named over REST only, are free")
                .containsExactlyInAnyOrder("held", "also-held");
        assertThat(taken(project, List.of("held"), holder)).as("an object does not clash with itself").isEmpty();
        assertThat(taken(StoreContract.newProject(), List.of("held"), someoneElse))
                .as("another project's names are its own").isEmpty();
    }
}
