package dev.donjon.server.kmipserver;

import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Undo batches and unique names on PostgreSQL, in a database created for this class alone. */
class KmipBatchesAndNamesPostgresTest extends KmipBatchesAndNamesContract {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    String databaseUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    String databaseUser() {
        return postgres.username();
    }
}
