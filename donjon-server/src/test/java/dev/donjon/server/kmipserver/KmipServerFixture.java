package dev.donjon.server.kmipserver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * One KMIP test server for all the tests of a class (they isolate themselves by unique names), and connections to it
 * as the dev admin client. A contract that runs on several database engines names the engine in its subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KmipServerFixture {
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    KmipTestServer server;

    /** A JDBC URL, or {@code null} for SQLite in the data directory (the dev configuration). */
    String databaseUrl() {
        return null;
    }

    String databaseUser() {
        return null;
    }

    /** The server under test, with its data (dev PKI, SQLite file if any) in {@code dataDir}. */
    KmipTestServer startServer(Path dataDir) {
        return databaseUrl() == null ? KmipTestServer.start(dataDir, MAX_MESSAGE_BYTES)
                : KmipTestServer.start(dataDir, databaseUrl(), databaseUser());
    }

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = startServer(dataDir);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    KmipConnection connect() throws Exception {
        return new KmipConnection(server.devClient(), server.kmipPort());
    }

    /** As the identity of another project. */
    KmipConnection connectAsOther() throws Exception {
        return new KmipConnection(server.otherClient(), server.kmipPort());
    }
}
