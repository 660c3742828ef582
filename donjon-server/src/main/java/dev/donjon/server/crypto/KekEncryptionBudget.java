package dev.donjon.server.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.port.Store;

/**
 * The nonce budget of each project KEK version: AES-GCM with random 96-bit nonces stays within its security bound only
 * while one key makes at most 2^32 encryptions (NIST SP 800-38D, 8.3), and the nodes sharing a database must count
 * them together. Each node reserves encryptions in blocks from the version's row ({@code project_keks.encryptions},
 * a compare-and-set) and spends them locally, so the database is touched once per block, not per encryption. A node
 * that stops loses what it had reserved: the count only ever overstates, which is the safe direction.
 */
public final class KekEncryptionBudget {
    /** Half of the 2^32 bound: rotation happens long before it, whatever a crash left reserved. */
    public static final long DEFAULT_LIMIT = 1L << 31;
    /** The most a key may ever make under random nonces. */
    public static final long HARD_LIMIT = 1L << 32;
    private static final int DEFAULT_BLOCK = 10_000;
    private static final int RESERVE_ATTEMPTS = 20;

    private final Store store;
    private final long limit;
    private final long block;
    /** Bounded as the KEK cache is: a reservation dropped is only budget left unused, counted as spent. */
    private final Cache<Kek, Reserved> reserved = Caffeine.newBuilder().maximumSize(100_000).build();

    private record Kek(ProjectId project, int version) {
    }

    /** What this node may still spend of a version without asking the database. */
    private static final class Reserved {
        private long remaining;
        private boolean spent;
    }

    public KekEncryptionBudget(Store store, long limit) {
        if (limit < 1 || limit > HARD_LIMIT) {
            throw new IllegalArgumentException("the KEK encryption limit must be between 1 and 2^32, not " + limit);
        }
        this.store = store;
        this.limit = limit;
        // A block is a small part of the budget, so that the nodes' unspent reservations never matter.
        this.block = Math.max(1, Math.min(DEFAULT_BLOCK, limit / 1000));
    }

    public long limit() {
        return limit;
    }

    /**
     * Makes sure this node holds at least half a block of the version's budget, reserving a block if not, so that the
     * encryptions of one transaction about to start ({@code KeyService.atomically}: a split key's parts, an atomic
     * KMIP batch) are taken without a write of their own. Nothing when the version's budget is spent.
     */
    public void reserveAhead(ProjectId project, int version) {
        Reserved mine = reserved.get(new Kek(project, version), k -> new Reserved());
        synchronized (mine) {
            if (mine.spent || mine.remaining >= Math.max(1, block / 2)) {
                return;
            }
            long granted = reserveBlock(project, version);
            mine.remaining += granted;
            mine.spent = mine.remaining == 0;
        }
    }

    /**
     * Takes one encryption under the KEK version.
     *
     * @return false when the version's budget is spent: it must encrypt nothing more (rotate the project's KEK)
     */
    public boolean take(ProjectId project, int version) {
        Reserved mine = reserved.get(new Kek(project, version), k -> new Reserved());
        synchronized (mine) {
            if (mine.remaining == 0 && !mine.spent) {
                mine.remaining = reserveBlock(project, version);
                mine.spent = mine.remaining == 0;
            }
            if (mine.remaining == 0) {
                return false;
            }
            mine.remaining--;
            return true;
        }
    }

    /** Reserves up to a block of the version's budget in the database: how many were granted, 0 when it is spent. */
    private long reserveBlock(ProjectId project, int version) {
        for (int attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
            long granted = store.write(tx -> tx.projectKeys().reserveEncryptions(project, version, block, limit));
            if (granted >= 0) {
                return granted;
            }
        }
        throw new IllegalStateException("could not reserve encryptions under KEK version " + version
                + " of project " + project.value() + " after " + RESERVE_ATTEMPTS + " attempts (contention)");
    }
}
