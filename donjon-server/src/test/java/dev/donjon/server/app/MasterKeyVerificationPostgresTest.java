package dev.donjon.server.app;

import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

class MasterKeyVerificationPostgresTest extends MasterKeyVerificationContract {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @Override
    TestServer start(Path dir) {
        return TestServer.start(dir, POSTGRES.jdbcUrl(), POSTGRES.username());
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(POSTGRES.jdbcUrl(), POSTGRES.username(), null);
    }
}
