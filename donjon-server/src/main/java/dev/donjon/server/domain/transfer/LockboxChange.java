package dev.donjon.server.domain.transfer;

/**
 * A replication change (docs/replication.md), carried under a lockbox's signature so that neither its number nor its
 * kind can be changed on the way: the owner's change log sequence number of the object's newest change it reflects,
 * and what the replica does. An upsert carries the object's lockbox contents; a removal carries none (a destroyed or
 * deleted object has no key material).
 *
 * @param objectId the object's identifier, which the replica shares
 */
public record LockboxChange(long sequence, Kind kind, String objectId) {
    public enum Kind {
        /** Create the replica, or refresh it in place, from the contents. */
        UPSERT,
        /** The owner destroyed the key material: the replica destroys its own. */
        DESTROY,
        /** The owner deleted the object: the replica is deleted. */
        DELETE
    }
}
