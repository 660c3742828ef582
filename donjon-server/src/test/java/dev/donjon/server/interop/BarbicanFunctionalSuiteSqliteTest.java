package dev.donjon.server.interop;

/** Barbican's functional suite against Donjon on SQLite, in the server's temporary data directory. */
class BarbicanFunctionalSuiteSqliteTest extends BarbicanFunctionalSuite {
    @Override
    String databaseUrl() {
        return null;
    }

    @Override
    String databaseUser() {
        return null;
    }

    @Override
    String engine() {
        return "SQLite";
    }
}
