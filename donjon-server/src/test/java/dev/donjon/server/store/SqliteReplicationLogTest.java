package dev.donjon.server.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The replication change log on SQLite. */
class SqliteReplicationLogTest extends ReplicationLogContract {
    @TempDir
    static Path directory;

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig("jdbc:sqlite:" + directory.resolve("donjon.db"), null, null, 2);
    }
}
