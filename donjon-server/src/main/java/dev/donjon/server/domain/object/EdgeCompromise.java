package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.StoreTx;

import java.time.Instant;
import java.util.Optional;

/**
 * The one state change an edge copy accepts (docs/replication.md, "Updates flowing back"): a Revoke for Key
 * Compromise. The site holding the copy is the first to know it leaked, and must not wait for a link to the owner
 * that may be down to stop serving it; so the copy becomes Compromised here at once, and the compromise is recorded in
 * the same transaction to be reported to the owner, which revokes its own object and replicates that to every copy.
 * Every other change of a replica, and a compromise of a replica that is not an edge copy, stays refused naming the
 * owner: only the owner decides its object's life, an edge only warns it.
 */
public final class EdgeCompromise {
    private EdgeCompromise() {
    }

    /**
     * Admits a revocation of {@code object} inside its transaction: an owned object always; an edge copy for Key
     * Compromise, recording the report to its owner; any other replica never.
     *
     * @param occurred when the compromise happened, as the revoker says, or now
     * @throws DomainException.Refused a replica, and not an edge copy's compromise
     */
    public static void admit(StoreTx tx, ManagedObject object, Revocation why, Instant occurred, Instant now) {
        Optional<String> owner = Ownership.owner(object.attributes());
        if (owner.isEmpty()) {
            return;
        }
        if (why.reason() != RevocationReason.KEY_COMPROMISE || !EdgeAllowance.limits(object.attributes())) {
            Ownership.requireOwned(object);
        }
        tx.edgeCompromises().record(object.id(), object.secret().project(), owner.get(), occurred, why.message(),
                now);
    }

    /**
     * An edge copy revoked here for compromise serves no key material, whatever a later refresh from an owner that had
     * not heard of it yet says.
     *
     * @throws DomainException.Refused the copy was compromised here
     */
    static void refuseServing(StoreTx tx, SecretId id, String owner) {
        tx.edgeCompromises().find(id).ifPresent(compromise -> {
            throw new DomainException.Refused("the edge copy was revoked here for Key Compromise (occurred "
                    + compromise.occurred() + ") and reported to its owner '" + owner + "': it is not served");
        });
    }
}
