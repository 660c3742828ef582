package dev.donjon.server.rest;

import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Certificate orders and the CA API on PostgreSQL, in a database created for this class alone. */
class PostgresCertificatesApiTest extends CertificatesApiContract {
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
