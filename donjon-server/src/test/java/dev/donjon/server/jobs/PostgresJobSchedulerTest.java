package dev.donjon.server.jobs;

import dev.donjon.server.store.PostgresTestDatabase;
import dev.donjon.server.store.StoreConfig;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduler on PostgreSQL: two stores with pools of their own, as two nodes. */
class PostgresJobSchedulerTest extends JobSchedulerContract {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    StoreConfig database() {
        return postgres.storeConfig(4);
    }
}
