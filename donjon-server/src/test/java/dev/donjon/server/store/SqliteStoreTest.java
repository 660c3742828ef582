package dev.donjon.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract on the embedded engine, in a file of its own. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    static Path directory;

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig("jdbc:sqlite:" + directory.resolve("donjon.db"), null, null, 4);
    }

    @Test
    void anInMemoryDatabaseIsRefusedBecauseEachConnectionWouldSeeItsOwn() {
        assertThatThrownBy(() -> JdbcStore.open(StoreConfig.of("jdbc:sqlite::memory:")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWriteInsideAWriteIsRefusedRatherThanWaitingForItself() {
        assertThatThrownBy(() -> store.write(outer -> store.write(inner -> null)))
                .isInstanceOf(IllegalStateException.class);
    }
}
