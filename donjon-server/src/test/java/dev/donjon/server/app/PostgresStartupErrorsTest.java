package dev.donjon.server.app;

import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node that cannot open its PostgreSQL database refuses to start and says why, in the operator's terms. */
class PostgresStartupErrorsTest {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path dataDir;

    @Test
    void anUnreachableServerIsNamedAsSuch() {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        assertThatThrownBy(() -> TestServer.start(dataDir, "jdbc:postgresql://127.0.0.1:1/donjon", "postgres"))
                .hasMessageContaining("cannot open the store at")
                .hasMessageContaining("cannot connect to the database server (host unreachable, connection refused")
                .hasMessageContaining("(SQLSTATE 08001)");
    }

    @Test
    void aRefusedLoginIsAnAuthenticationFailure() {
        assertThatThrownBy(() -> TestServer.start(dataDir, POSTGRES.jdbcUrl(), "no_such_donjon_role"))
                .hasMessageContaining("authentication failed: unknown user, or refused by the server's access rules")
                .hasMessageContaining("(SQLSTATE 28000)");
    }

    @Test
    void aMissingDatabaseIsNamedAsSuch() {
        String url = POSTGRES.jdbcUrl().substring(0, POSTGRES.jdbcUrl().lastIndexOf('/')) + "/donjon_no_such_db";
        assertThatThrownBy(() -> TestServer.start(dataDir, url, POSTGRES.username()))
                .hasMessageContaining("the database does not exist (SQLSTATE 3D000)");
    }
}
