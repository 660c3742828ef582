package dev.donjon.server.audit;

import dev.donjon.server.domain.audit.AuditCheckpoint;
import dev.donjon.server.domain.audit.ChainHead;
import dev.donjon.server.domain.audit.ChainedEvent;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Checks a chain fed to it event by event in sequence order, wherever the events come from (the database, an export).
 * Finds the first event that breaks the chain and says how: a gap in the numbering (deleted events), a number out of
 * order (moved or inserted events), a link to a hash that is not the previous event's (an event before it changed,
 * went or came), a hash that does not match the event's content (edited), a signed checkpoint whose hash differs
 * (rewritten chain), or an end before the recorded head or a signed checkpoint (truncated).
 */
public final class ChainVerifier {
    private final NavigableMap<Long, AuditCheckpoint> checkpoints = new TreeMap<>();
    private final Map<String, PublicKey> keys;
    private final long originSeq;
    private long expectedSeq;
    private String previousHash = AuditChain.GENESIS;
    private long events;
    private long checkpointsVerified;
    private Report failure;

    /**
     * @param origin      where the chain starts (its first event is {@code origin + 1}, linked to
     *                    {@link AuditChain#GENESIS})
     * @param checkpoints the signed checkpoints to hold the chain to
     * @param keys        the audit public keys by key id; a checkpoint signed by another key is a failure
     */
    public ChainVerifier(long origin, Iterable<AuditCheckpoint> checkpoints, Map<String, PublicKey> keys) {
        this.originSeq = origin;
        this.expectedSeq = origin + 1;
        this.keys = Map.copyOf(keys);
        for (AuditCheckpoint checkpoint : checkpoints) {
            this.checkpoints.put(checkpoint.seq(), checkpoint);
        }
        for (AuditCheckpoint checkpoint : this.checkpoints.values()) {
            if (!signedByKnownKey(checkpoint)) {
                fail(checkpoint.seq(), "checkpoint at seq " + checkpoint.seq() + " has no valid signature by a known "
                        + "audit key (key id " + checkpoint.keyId() + ")");
                break;
            }
        }
    }

    /** Feeds the next event; returns false once the chain is known broken (further events change nothing). */
    public boolean accept(ChainedEvent event) {
        if (failure != null) {
            return false;
        }
        if (event.seq() <= originSeq) {
            return true;
        }
        if (event.seq() > expectedSeq) {
            return fail(expectedSeq, (event.seq() - expectedSeq == 1 ? "event " + expectedSeq + " is"
                    : "events " + expectedSeq + " to " + (event.seq() - 1) + " are") + " missing before seq "
                    + event.seq() + " (deleted)");
        }
        if (event.seq() < expectedSeq) {
            return fail(event.seq(), "seq " + event.seq() + " comes after seq " + (expectedSeq - 1)
                    + " (reordered or inserted)");
        }
        if (!previousHash.equals(event.previousHash())) {
            return fail(event.seq(), "event " + event.seq() + " does not link to the event before it (an earlier "
                    + "event was edited, removed, inserted or moved)");
        }
        if (!AuditChain.matches(event)) {
            return fail(event.seq(), "event " + event.seq() + " was altered: its content does not match its hash");
        }
        AuditCheckpoint checkpoint = checkpoints.get(event.seq());
        if (checkpoint != null) {
            if (!checkpoint.hash().equals(event.hash())) {
                return fail(event.seq(), "event " + event.seq() + " differs from the signed checkpoint at that seq "
                        + "(the chain up to it was rewritten)");
            }
            checkpointsVerified++;
        }
        previousHash = event.hash();
        expectedSeq++;
        events++;
        return true;
    }

    /**
     * The verdict once every event was fed.
     *
     * @param head the head the store records, or {@code null} when verifying an export (which ends where it ends)
     */
    public Report finish(ChainHead head) {
        if (failure != null) {
            return failure;
        }
        long last = expectedSeq - 1;
        Map.Entry<Long, AuditCheckpoint> beyond = checkpoints.higherEntry(last);
        if (beyond != null) {
            return new Report(false, events, checkpointsVerified, last + 1, "the trail ends at seq " + last
                    + " but a signed checkpoint covers seq " + beyond.getKey() + " (truncated)");
        }
        if (head != null && (head.seq() != last || !head.hash().equals(previousHash))) {
            return new Report(false, events, checkpointsVerified, last + 1, "the trail ends at seq " + last
                    + " but its head records seq " + head.seq() + " (truncated or the head was altered)");
        }
        return new Report(true, events, checkpointsVerified, null, null);
    }

    private boolean signedByKnownKey(AuditCheckpoint checkpoint) {
        PublicKey key = keys.get(checkpoint.keyId());
        if (key == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(checkpoint.statement());
            return verifier.verify(checkpoint.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private boolean fail(long seq, String problem) {
        failure = new Report(false, events, checkpointsVerified, seq, problem);
        return false;
    }

    /**
     * @param firstBadSeq the first event that fails (for a truncation, the first one missing), or {@code null}
     */
    public record Report(boolean intact, long events, long checkpoints, Long firstBadSeq, String problem) {
        public String describe() {
            return intact
                    ? "audit chain intact: " + events + " event(s), " + checkpoints + " signed checkpoint(s) verified"
                    : "audit chain BROKEN at seq " + firstBadSeq + ": " + problem + " (" + events
                    + " event(s) verified before it)";
        }
    }
}
