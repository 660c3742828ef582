package dev.donjon.server.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Job leases on PostgreSQL: two stores with pools of their own, as two nodes would have. */
class PostgresJobLeasesTest extends JobLeasesContract {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    StoreConfig freshDatabase() {
        return freshDatabaseAgain();
    }

    @Override
    StoreConfig freshDatabaseAgain() {
        return postgres.storeConfig(4);
    }
}
