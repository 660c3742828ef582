package dev.donjon.server.domain.port;

import dev.donjon.server.domain.barbican.SecretId;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Port: the replication change log of this server (docs/replication.md), each push peer's cursor in it, and, at a
 * replica, the newest change of each origin's object applied here. The log itself is written by the audit append, in
 * the transaction of the change it records ({@link dev.donjon.server.domain.replication.ChangeCapture}); sequence
 * numbers are the audit events', so they grow in commit order.
 */
public interface ReplicationLog {
    /** One change: the object changed, as of the audit event {@code sequence}. */
    record Change(long sequence, SecretId object) {
    }

    /** A peer's cursor: everything up to {@code sequence} was acknowledged, {@code refused} of them refused. */
    record Cursor(long sequence, long refused) {
        public static final Cursor START = new Cursor(0, 0);
    }

    /** The changes after {@code sequence}, oldest first, at most {@code limit}. */
    List<Change> after(long sequence, int limit);

    /** The newest sequence number in the log, or 0 when it is empty. */
    long head();

    /** Where {@code peer} stands; {@link Cursor#START} for a peer never pushed to. */
    Cursor cursor(String peer);

    /** Whether {@code peer} has a cursor: it was seeded, or pushed to, before. */
    boolean hasCursor(String peer);

    /**
     * A new peer's seed in progress: the log position it continues from once every object was sent, and the last
     * object identifier it acknowledged ({@code ""} before the first).
     */
    record Seed(long snapshot, String after) {
    }

    /** The seed of {@code peer} in progress, if any. */
    java.util.Optional<Seed> seed(String peer);

    /** Begins seeding {@code peer} from the log position {@code snapshot}. */
    void startSeed(String peer, long snapshot, Instant at);

    /** Records that {@code peer} acknowledged every object up to the identifier {@code after}. */
    void seeded(String peer, String after);

    /** Ends the seed of {@code peer}: its cursor starts at the seed's snapshot, the log's position when it began. */
    void finishSeed(String peer, Instant at);

    /** Identifiers of the objects on this server after {@code after} in identifier order, at most {@code limit}. */
    List<SecretId> objectsAfter(String after, int limit);

    /** Moves {@code peer}'s cursor to {@code cursor} (never backwards). */
    void advance(String peer, Cursor cursor, Instant at);

    /**
     * Whether subscribed {@code peer} holds {@code object}: it was sent the object and not since told to remove it
     * ({@link #recordHoldings}).
     */
    boolean holds(String peer, SecretId object);

    /**
     * Records what subscribed {@code peer} acknowledged: it now holds {@code kept} (sent as an upsert or a destroy) and
     * no longer holds {@code removed}. Kept only for peers with a subscription, so that an object leaving it is
     * removed there.
     */
    void recordHoldings(String peer, java.util.Collection<SecretId> kept, java.util.Collection<SecretId> removed);

    /** Drops the changes up to {@code sequence}: every peer has them. */
    void prune(long sequence);

    /** Whether the log holds a change of {@code object} after {@code sequence} (one a peer has not acknowledged). */
    boolean changedAfter(SecretId object, long sequence);

    /** At a replica: the newest change of {@code origin}'s {@code object} applied here, if any. */
    OptionalLong applied(String origin, SecretId object);

    /** Records that {@code origin}'s change {@code sequence} of {@code object} was applied here. */
    void recordApplied(String origin, SecretId object, long sequence);
}
