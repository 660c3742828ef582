package dev.donjon.server.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Locate anchors and their pruning on PostgreSQL, where two nodes may prune at once. */
class PostgresLocateAnchorPruneTest extends LocateAnchorPruneContract {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    StoreConfig freshDatabase() {
        return postgres.storeConfig(4);
    }
}
