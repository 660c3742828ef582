package dev.donjon.server.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The lifecycle jobs on SQLite. */
class SqliteLifecycleJobsTest extends LifecycleJobsContract {
    @TempDir
    static Path directory;

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig("jdbc:sqlite:" + directory.resolve("donjon.db"), null, null, 2);
    }
}
