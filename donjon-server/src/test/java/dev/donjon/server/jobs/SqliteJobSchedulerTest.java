package dev.donjon.server.jobs;

import dev.donjon.server.store.StoreConfig;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The scheduler on SQLite: two stores on one file. */
class SqliteJobSchedulerTest extends JobSchedulerContract {
    @TempDir
    static Path directory;

    @Override
    StoreConfig database() {
        return new StoreConfig("jdbc:sqlite:" + directory.resolve("donjon.db"), null, null, 2);
    }
}
