package dev.donjon.server.interop;

import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Barbican's functional suite against Donjon on PostgreSQL, in a database created for this class alone. */
class BarbicanFunctionalSuitePostgresTest extends BarbicanFunctionalSuite {
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

    @Override
    String engine() {
        return "PostgreSQL";
    }
}
