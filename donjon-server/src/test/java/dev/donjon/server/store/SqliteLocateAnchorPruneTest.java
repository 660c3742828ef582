package dev.donjon.server.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Locate anchors and their pruning on SQLite. */
class SqliteLocateAnchorPruneTest extends LocateAnchorPruneContract {
    @TempDir
    static Path directory;

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig("jdbc:sqlite:" + directory.resolve("donjon.db"), null, null, 2);
    }
}
