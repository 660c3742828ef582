package dev.donjon.server.rest;

import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Backup and restore on PostgreSQL (a logical export in one REPEATABLE READ transaction), into a second database. */
class PostgresBackupRestoreTest extends BackupRestoreContract {
    @RegisterExtension
    static final PostgresTestDatabase source = new PostgresTestDatabase();
    @RegisterExtension
    static final PostgresTestDatabase target = new PostgresTestDatabase();

    @Override
    String sourceUrl() {
        return source.jdbcUrl();
    }

    @Override
    String targetUrl() {
        return target.jdbcUrl();
    }

    @Override
    String user() {
        return source.username();
    }
}
