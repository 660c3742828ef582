package dev.donjon.server.rest;

/** Backup and restore on SQLite ({@code VACUUM INTO}). */
class SqliteBackupRestoreTest extends BackupRestoreContract {
    @Override
    String sourceUrl() {
        return null;
    }

    @Override
    String targetUrl() {
        return null;
    }

    @Override
    String user() {
        return null;
    }
}
