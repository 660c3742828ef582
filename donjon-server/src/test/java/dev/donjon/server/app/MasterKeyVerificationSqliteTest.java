package dev.donjon.server.app;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

class MasterKeyVerificationSqliteTest extends MasterKeyVerificationContract {
    @Override
    TestServer start(Path dir) {
        return TestServer.sqlite(dir);
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("donjon.db"));
    }
}
