package dev.donjon.server.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The lifecycle jobs on PostgreSQL. */
class PostgresLifecycleJobsTest extends LifecycleJobsContract {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    StoreConfig freshDatabase() {
        return postgres.storeConfig(4);
    }
}
