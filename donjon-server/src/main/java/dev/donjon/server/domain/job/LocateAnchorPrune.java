package dev.donjon.server.domain.job;

import dev.donjon.server.domain.port.Store;

import java.time.Duration;
import java.time.Instant;

/**
 * Forgets the places of deleted objects in Locate's order once the anchor retention has passed since their deletion
 * (locate_anchors, V42_1): a Locate paging after such an anchor is then refused as unknown, and the client restarts
 * its listing (docs/kmip-server.md, "Locate order and paging"). Without it the table would keep one row per object
 * ever deleted.
 *
 * <p>Each transaction forgets at most a batch, the oldest first through the index on the time of deletion, so that
 * SQLite's single writer is never held for long; a run goes on while batches come back full, up to
 * {@link #MAX_BATCHES_PER_RUN} of them so that it stays well within the job lease, and the next run takes the rest.
 * Nothing is audited: the objects' deletions were, and a place says nothing more.
 */
public final class LocateAnchorPrune implements ScheduledJob {
    public static final String NAME = "locate-anchor-prune";
    /** Bounds one run, so that it ends well within the job lease however many places are due. */
    static final int MAX_BATCHES_PER_RUN = 100;

    private final Store store;
    private final Duration retention;
    private final int batch;

    /**
     * @param retention how long after its object's deletion an anchor keeps its place (positive)
     * @param batch     the most places one transaction forgets
     */
    public LocateAnchorPrune(Store store, Duration retention, int batch) {
        if (retention.isNegative() || retention.isZero() || batch < 1) {
            throw new IllegalArgumentException("the anchor retention and the batch must be positive");
        }
        this.store = store;
        this.retention = retention;
        this.batch = batch;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(Instant now) {
        Instant cutoff = now.minus(retention);
        int forgotten = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int batchForgotten = store.write(tx -> tx.locateAnchors().forgetDeletedBefore(cutoff, batch));
            forgotten += batchForgotten;
            if (batchForgotten < batch) {
                break;
            }
        }
        return forgotten;
    }
}
