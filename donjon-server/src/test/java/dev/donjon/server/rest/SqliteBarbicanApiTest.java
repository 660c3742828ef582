package dev.donjon.server.rest;

/** Barbican's resources beyond secrets on SQLite, in the server's temporary data directory. */
class SqliteBarbicanApiTest extends BarbicanApiContract {
    @Override
    String databaseUrl() {
        return null;
    }

    @Override
    String databaseUser() {
        return null;
    }
}
