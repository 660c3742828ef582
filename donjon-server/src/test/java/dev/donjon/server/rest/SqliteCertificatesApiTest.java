package dev.donjon.server.rest;

/** Certificate orders and the CA API on SQLite, in the server's temporary data directory. */
class SqliteCertificatesApiTest extends CertificatesApiContract {
    @Override
    String databaseUrl() {
        return null;
    }

    @Override
    String databaseUser() {
        return null;
    }
}
