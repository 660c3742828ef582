package dev.donjon.server.store;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code database.connection_timeout_seconds} reaches both pools and the driver, and a database that went away makes
 * a call fail with its reason within that time instead of HikariCP's default 30 s of retrying (which held a probe, a
 * request and a node's closing that long).
 */
class PostgresConnectionTimeoutTest {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @Test
    void aDatabaseThatWentAwayFailsACallWithinTheConfiguredTime() throws Exception {
        StoreConfig config = new StoreConfig(POSTGRES.jdbcUrl(), POSTGRES.username(), null, 2, Duration.ofSeconds(1));
        try (PostgresDatabase database = PostgresDatabase.open(config)) {
            for (HikariDataSource pool : database.pools()) {
                assertThat(pool.getConnectionTimeout()).as(pool.getPoolName()).isEqualTo(1_000);
                assertThat(pool.getValidationTimeout()).as(pool.getPoolName()).isEqualTo(500);
                assertThat(pool.getDataSourceProperties()).containsEntry("connectTimeout", 1L)
                        .containsEntry("loginTimeout", 1L);
            }
            int one = database.read(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            assertThat(one).isEqualTo(1);

            String name = POSTGRES.jdbcUrl().substring(POSTGRES.jdbcUrl().lastIndexOf('/') + 1);
            try (Connection admin = DriverManager.getConnection(POSTGRES.jdbcUrl().replace("/" + name, "/postgres"),
                    POSTGRES.username(), null);
                 Statement drop = admin.createStatement()) {
                drop.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
            // A bound far above the 1 s configured and far below the pool's 30 s default: not a performance figure.
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                for (int call = 0; call < 3; call++) {
                    assertThatThrownBy(() -> database.read(handle -> handle.createQuery("SELECT 1")
                            .mapTo(Integer.class).one())).isInstanceOf(RuntimeException.class);
                }
            });
        }
    }

    @Test
    void aTimeoutUnderOneSecondIsRefused() {
        assertThatThrownBy(() -> new StoreConfig("jdbc:postgresql://db/donjon", null, null, 2, Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 s");
    }
}
