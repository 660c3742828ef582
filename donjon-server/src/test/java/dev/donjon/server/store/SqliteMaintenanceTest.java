package dev.donjon.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQLite files: a damaged one is refused at open with the reason (it used to open and fail pages later), and the
 * space of deleted rows goes back to the file system (incremental auto-vacuum, reclaimed by the maintenance step).
 */
class SqliteMaintenanceTest {
    @TempDir
    Path directory;

    @Test
    void deletedRowsSpaceIsReclaimed() {
        Path file = directory.resolve("vacuum.db");
        try (SqliteDatabase database = SqliteDatabase.open(StoreConfig.of("jdbc:sqlite:" + file))) {
            int mode = database.read(h -> h.createQuery("PRAGMA auto_vacuum").mapTo(Integer.class).one());
            assertThat(mode).as("incremental").isEqualTo(2);
            String filler = "x".repeat(2_000);
            database.write(handle -> {
                for (int i = 0; i < 3_000; i++) {
                    handle.execute("INSERT INTO audit_events (at, action, outcome, detail) VALUES (?, ?, ?, ?)", i,
                            "AUTHENTICATE", "FAILED", filler);
                }
                return null;
            });
            database.write(handle -> handle.execute("DELETE FROM audit_events"));
            long free = database.<Long>read(h -> h.createQuery("PRAGMA freelist_count").mapTo(Long.class).one());
            assertThat(free).as("free pages after the deletion").isGreaterThan(1_000);

            assertThat(database.reclaimFreePages(100_000)).as("free pages left").isZero();
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedWithTheReason() throws Exception {
        Path file = directory.resolve("garbage.db");
        Files.write(file, "this is not an SQLite database, though it is long enough to have a header".repeat(100)
                .getBytes());
        assertThatThrownBy(() -> SqliteDatabase.open(StoreConfig.of("jdbc:sqlite:" + file)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("SQLITE_NOTADB");
    }

    @Test
    void aDamagedDatabaseFailsTheIntegrityCheckAtOpen() throws Exception {
        Path file = directory.resolve("damaged.db");
        try (SqliteDatabase database = SqliteDatabase.open(StoreConfig.of("jdbc:sqlite:" + file))) {
            database.write(handle -> {
                for (int i = 0; i < 2_000; i++) {
                    handle.execute("INSERT INTO audit_events (at, action, outcome, detail) VALUES (?, ?, ?, ?)", i,
                            "AUTHENTICATE", "FAILED", "event " + i);
                }
                return null;
            });
        }
        long size = Files.size(file);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            // Overwrite the middle third of the file (b-tree pages), leaving the header intact.
            raw.seek(size / 3);
            raw.write(new byte[(int) (size / 3)]);
        }
        assertThatThrownBy(() -> SqliteDatabase.open(StoreConfig.of("jdbc:sqlite:" + file)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("failed its integrity check", "malformed"));
    }
}
