package dev.donjon.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Flyway runs only when a migration file is not yet recorded as applied. */
class MigrationsTest {
    @TempDir
    Path directory;

    @Test
    void theMigrationFilesVersionsAreWrittenAsFlywayRecordsThem() {
        assertThat(Migrations.fileVersions()).contains("1", "2", "7.1", "11.1", "13.3");
    }

    @Test
    void aDatabaseIsUpToDateOnlyOnceEveryMigrationIsRecordedAsApplied() throws Exception {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + directory.resolve("m.db"));
        assertThat(Migrations.upToDate(source)).as("a new database").isFalse();

        Migrations.apply(source, Engine.SQLITE);
        assertThat(Migrations.upToDate(source)).isTrue();
        // A second start applies nothing and does not fail.
        Migrations.apply(source, Engine.SQLITE);

        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '11.1'");
        }
        assertThat(Migrations.upToDate(source)).as("a migration that failed").isFalse();
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM flyway_schema_history WHERE version = '11.1'");
        }
        assertThat(Migrations.upToDate(source)).as("a migration not applied").isFalse();
    }
}
