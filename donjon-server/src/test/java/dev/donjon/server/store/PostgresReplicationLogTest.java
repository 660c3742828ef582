package dev.donjon.server.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The replication change log on PostgreSQL. */
class PostgresReplicationLogTest extends ReplicationLogContract {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    StoreConfig freshDatabase() {
        return postgres.storeConfig(4);
    }
}
