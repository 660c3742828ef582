package dev.donjon.server.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on PostgreSQL, in a database created for this class alone. */
class PostgresStoreTest extends StoreContract {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    StoreConfig freshDatabase() {
        return postgres.storeConfig(4);
    }
}
