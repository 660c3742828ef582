package dev.donjon.server.rest;

import dev.donjon.server.app.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/** One real server per test class, on the database engine the concrete class names; an API client for it. */
@TestInstance(PER_CLASS)
abstract class ServerPerEngine {
    @TempDir
    static Path dataDir;

    TestServer server;
    ApiClient api;

    /** A JDBC URL, or {@code null} for SQLite in the data directory. */
    abstract String databaseUrl();

    abstract String databaseUser();

    @BeforeAll
    void startServer() {
        server = TestServer.start(dataDir, databaseUrl(), databaseUser());
        api = new ApiClient(server.baseUrl(), server.clientTls());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
