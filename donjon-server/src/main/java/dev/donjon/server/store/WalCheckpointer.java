package dev.donjon.server.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Copies the write-ahead log back into the database file from a connection of its own, so that the writer thread only
 * appends. With SQLite's automatic checkpoint, the commit that crossed 1,000 WAL pages did the copy and the file's
 * fsync on the single writer thread, and every write queued behind it waited.
 * <p>
 * A passive checkpoint never takes the write lock: the writer appends while it runs. That also means that under
 * steady writes the log may never be fully copied at the moment a new transaction starts, which is when SQLite resets
 * it to its beginning, so the file would keep growing. When the log has grown past {@link #CATCH_UP_PAGES}, the
 * checkpointer therefore has the writer checkpoint once itself between two groups; nothing else writes then, so that
 * checkpoint finishes the copy and the next group starts the log afresh.
 */
final class WalCheckpointer implements AutoCloseable {
    /** Often enough that a checkpoint copies little; each costs one fsync of the database file. */
    static final Duration INTERVAL = Duration.ofMillis(500);
    /** 64 MB of 4 KB pages: past this, the writer catches up itself. */
    static final long CATCH_UP_PAGES = 16_384;
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final SQLiteDataSource source;
    /** The threshold at which SQLite checkpoints on its own (its default), for a writer left without this thread. */
    static final String AUTOMATIC = "PRAGMA wal_autocheckpoint = 1000";
    static final String CATCH_UP = "PRAGMA wal_checkpoint(PASSIVE)";

    private final Consumer<String> betweenGroups;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param source  the database (a connection of the writer's configuration; it writes only the database file)
     * @param betweenGroups runs a statement on the writer's connection between two groups
     */
    WalCheckpointer(SQLiteDataSource source, Consumer<String> betweenGroups) {
        this.source = source;
        this.betweenGroups = betweenGroups;
        this.thread = Thread.ofPlatform().name("donjon-sqlite-checkpointer").daemon(true).start(this::run);
    }

    private void run() {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            while (!closed) {
                try {
                    Thread.sleep(INTERVAL);
                } catch (InterruptedException e) {
                    continue;
                }
                checkpoint(statement);
            }
        } catch (SQLException e) {
            LOG.warn("SQLite checkpointer stopped, the writer checkpoints on its own again: {}", e.getMessage());
            betweenGroups.accept(AUTOMATIC);
        }
    }

    private void checkpoint(Statement statement) {
        try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (!result.next()) {
                return;
            }
            long logPages = result.getLong(2);
            if (logPages >= CATCH_UP_PAGES) {
                LOG.debug("SQLite write-ahead log at {} pages: the writer catches up", logPages);
                betweenGroups.accept(CATCH_UP);
            }
        } catch (SQLException e) {
            // SQLITE_BUSY (another checkpoint in progress, say): the next interval tries again.
            LOG.debug("SQLite checkpoint failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
