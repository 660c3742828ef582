package dev.donjon.server.rest;

/** The secrets API contract on SQLite, in the server's temporary data directory. */
class SqliteSecretsApiTest extends SecretsApiContract {
    @Override
    String databaseUrl() {
        return null;
    }

    @Override
    String databaseUser() {
        return null;
    }
}
