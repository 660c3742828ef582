package dev.donjon.server.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Job leases on SQLite: two stores on one file, as two processes sharing it would be. */
class SqliteJobLeasesTest extends JobLeasesContract {
    @TempDir
    static Path directory;

    @Override
    StoreConfig freshDatabase() {
        return freshDatabaseAgain();
    }

    @Override
    StoreConfig freshDatabaseAgain() {
        return new StoreConfig("jdbc:sqlite:" + directory.resolve("donjon.db"), null, null, 2);
    }
}
