package dev.donjon.server.audit;

import dev.donjon.server.store.StoreConfig;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

class SqliteAuditChainTest extends AuditChainContract {
    @TempDir
    Path directory;

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig("jdbc:sqlite:" + directory.resolve("donjon.db"), null, null, 2);
    }

    @Override
    Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("donjon.db"));
    }
}
