package dev.donjon.server.kmipserver;

import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Locate by any attribute on PostgreSQL, in a database created for this class alone. */
class KmipLocatePostgresTest extends KmipLocateContract {
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
