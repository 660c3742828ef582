package dev.donjon.server.domain.access;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.ContainerId;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.DomainException.Missing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Reading and changing the ACLs of secrets and containers, under Barbican's ACL rules (see {@link AccessPolicy}):
 * the users an ACL lists may read the object, not its ACL; a private object's ACL is changed only by the project's
 * admins and the object's creator.
 */
public final class AclService {
    private final Store store;
    private final Guard guard;

    public AclService(Store store, AccessPolicy policy, Clock clock) {
        this.store = store;
        this.guard = new Guard(store, policy, clock);
    }

    /** The object an ACL belongs to. */
    public sealed interface Target {
        record OfSecret(SecretId id) implements Target {
        }

        record OfContainer(ContainerId id) implements Target {
        }
    }

    public Acl get(CallContext call, Target target) {
        check(call, readAction(target), target);
        return store.read(tx -> current(tx, target));
    }

    /** Applies a PUT ({@code replace}) or a PATCH. */
    public void change(CallContext call, Target target, Acl.Change change, boolean replace) {
        Action action = writeAction(target);
        check(call, action, target);
        Instant now = guard.now();
        store.write(tx -> {
            Acl before = current(tx, target);
            boolean projectAccess = change.projectAccess() != null ? change.projectAccess()
                    : replace || before.projectAccess();
            List<String> users = change.users() != null ? change.users() : replace ? List.of() : before.users();
            switch (target) {
                case Target.OfSecret secret -> tx.acls().putForSecret(secret.id(), projectAccess, users, now);
                case Target.OfContainer container ->
                        tx.acls().putForContainer(container.id(), projectAccess, users, now);
            }
            Guard.audit(tx, call, now, action, id(target));
            return null;
        });
    }

    /** Puts the object back to the default ACL. */
    public void reset(CallContext call, Target target) {
        Action action = writeAction(target);
        check(call, action, target);
        Instant now = guard.now();
        store.write(tx -> {
            switch (target) {
                case Target.OfSecret secret -> tx.acls().deleteForSecret(secret.id());
                case Target.OfContainer container -> tx.acls().deleteForContainer(container.id());
            }
            Guard.audit(tx, call, now, action, id(target));
            return null;
        });
    }

    private void check(CallContext call, Action action, Target target) {
        AccessPolicy.Target object = store.read(tx -> object(tx, target));
        guard.authorize(call, action, id(target), object, () -> new DomainException.NotFound(switch (target) {
            case Target.OfSecret secret -> Missing.SECRET;
            case Target.OfContainer container -> Missing.CONTAINER;
        }));
    }

    /** The object the ACL belongs to, {@code null} if there is none (or the secret has expired). */
    private AccessPolicy.Target object(StoreTx tx, Target target) {
        return switch (target) {
            case Target.OfSecret secret -> tx.secrets().find(secret.id())
                    .filter(s -> !s.isExpiredAt(guard.now()))
                    .map(s -> new AccessPolicy.Target(s.project(), s.creatorId(), current(tx, target)))
                    .orElse(null);
            case Target.OfContainer container -> tx.containers().find(container.id())
                    .map(c -> new AccessPolicy.Target(c.project(), c.creatorId(), current(tx, target)))
                    .orElse(null);
        };
    }

    private static Acl current(StoreTx tx, Target target) {
        return switch (target) {
            case Target.OfSecret secret -> tx.acls().ofSecret(secret.id()).orElse(Acl.DEFAULT);
            case Target.OfContainer container -> tx.acls().ofContainer(container.id()).orElse(Acl.DEFAULT);
        };
    }

    private static Action readAction(Target target) {
        return switch (target) {
            case Target.OfSecret secret -> Action.SECRET_ACL_READ;
            case Target.OfContainer container -> Action.CONTAINER_ACL_READ;
        };
    }

    private static Action writeAction(Target target) {
        return switch (target) {
            case Target.OfSecret secret -> Action.SECRET_ACL_WRITE;
            case Target.OfContainer container -> Action.CONTAINER_ACL_WRITE;
        };
    }

    private static Object id(Target target) {
        return switch (target) {
            case Target.OfSecret secret -> secret.id();
            case Target.OfContainer container -> container.id();
        };
    }
}
