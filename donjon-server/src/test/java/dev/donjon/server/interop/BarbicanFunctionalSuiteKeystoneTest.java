package dev.donjon.server.interop;

/**
 * The Keystone-only tests of Barbican's functional suite ({@code keystone-tests.txt}) against Donjon validating real
 * Keystone tokens, the suite logging in to Keystone with its own configured users. Run on SQLite only: they test
 * authentication, which does not depend on the engine, and the header-identity runs cover both engines for the rest.
 */
class BarbicanFunctionalSuiteKeystoneTest extends BarbicanFunctionalSuite {
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

    @Override
    boolean keystone() {
        return true;
    }
}
