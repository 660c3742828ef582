package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.StoreTx;

import java.util.List;
import java.util.Optional;

/**
 * Which server owns an object (docs/replication.md). An object that bears the vendor attribute {@link #OWNER} is a
 * replica of the object that server owns: read-only here, every write refused with a reason naming the owner, until
 * {@code donjon replication promote} makes this server its owner (it removes the attribute). An object without it is
 * owned by the server that holds it.
 */
public final class Ownership {
    /** The owner server's lockbox identity, on replicas only. */
    public static final String OWNER = "x-donjon-owner";
    /**
     * The server that owned the object before {@code promote} made this one its owner: its replicas, and the old owner
     * itself, accept the new owner's copy as a handover (docs/replication.md).
     */
    public static final String PREVIOUS_OWNER = "x-donjon-previous-owner";

    private Ownership() {
    }

    /** The owner the object names, if it is a replica. */
    public static Optional<String> owner(ObjectAttributes attributes) {
        List<String> values = attributes.text().getOrDefault(OWNER, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The owner before the latest promotion, if the object was promoted. */
    public static Optional<String> previousOwner(ObjectAttributes attributes) {
        List<String> values = attributes.text().getOrDefault(PREVIOUS_OWNER, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * A client creating an object may not name its owner: only a replica import from the owner sets {@link #OWNER}
     * (otherwise anyone could make an object no one here may change, or pass one off as another server's).
     *
     * @throws DomainException.Refused the attributes name an owner
     */
    public static void refuseClaim(ObjectAttributes attributes) {
        if (owner(attributes).isPresent()) {
            throw new DomainException.Refused(OWNER + " is set by replication only");
        }
        EdgeAllowance.refuseClaim(attributes);
    }

    /** @throws DomainException.Refused the object is a replica */
    public static void requireOwned(ManagedObject object) {
        owner(object.attributes()).ifPresent(owner -> {
            throw new DomainException.Refused("the object is a read-only replica owned by '" + owner
                    + "': change it there, or make this server its owner with 'donjon replication promote'", owner);
        });
    }

    /**
     * Whether an import with {@code incoming} attributes may replace {@code existing}: an owned object as any import
     * may; a replica only by a newer copy naming the same owner (a refresh from its owner), or naming its owner as the
     * previous one (a handover to a new owner), never by anything else.
     *
     * @throws DomainException.Refused the object is a replica and the import is not its owner's copy
     */
    public static void requireReplaceableBy(ManagedObject existing, ObjectAttributes incoming) {
        Optional<String> owner = owner(existing.attributes());
        if (owner.isPresent() && !owner.equals(owner(incoming)) && !owner.equals(previousOwner(incoming))) {
            requireOwned(existing);
        }
    }

    /** As {@link #requireOwned(ManagedObject)} for the object {@code id}, if it exists, inside a transaction. */
    public static void requireOwned(StoreTx tx, SecretId id) {
        tx.objects().find(id).ifPresent(Ownership::requireOwned);
    }
}
