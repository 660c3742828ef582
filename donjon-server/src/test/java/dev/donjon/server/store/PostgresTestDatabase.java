package dev.donjon.server.store;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A fresh, empty PostgreSQL database for one test class, created before its first test and dropped after its last.
 * Register it on a static field; its accessors are valid from the class's {@code @BeforeAll} methods on:
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresTestDatabase postgres = new PostgresTestDatabase();
 *
 * @BeforeAll
 * void start() {
 *     store = JdbcStore.open(postgres.storeConfig(4));   // or postgres.jdbcUrl(), postgres.username()
 * }
 * }</pre>
 * The server is the test PostgreSQL on {@link #SERVER} (trust authentication, user postgres). When it cannot be
 * reached the class is skipped, unless the environment says {@code CI=true}: then it fails, because CI must run every
 * engine.
 */
public final class PostgresTestDatabase implements BeforeAllCallback, AfterAllCallback {
    /** host:port of the test server; {@code DONJON_TEST_POSTGRES} overrides it. */
    public static final String SERVER = System.getenv().getOrDefault("DONJON_TEST_POSTGRES", "127.0.0.1:5432");
    public static final String USERNAME = "postgres";
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final String CONNECT_TIMEOUT_SECONDS = "10";
    private static final int CONNECT_ATTEMPTS = 3;

    private String name;
    private String owner;

    /**
     * Runs for the registering class and again for each of its {@code @Nested} classes; only the first creates the
     * database, which the nested classes share.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        if (name != null) {
            return;
        }
        String fresh = "donjon_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = connectToServer(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + fresh);
        }
        name = fresh;
        owner = context.getUniqueId();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (name == null || !context.getUniqueId().equals(owner)) {
            return;
        }
        try (Connection connection = connectToServer(); Statement statement = connection.createStatement()) {
            // FORCE: a test that failed half-way may have left connections open; they must not keep the database.
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } finally {
            name = null;
            owner = null;
        }
    }

    public String jdbcUrl() {
        if (name == null) {
            throw new IllegalStateException("the database exists only while its test class runs");
        }
        return url(name);
    }

    public String username() {
        return USERNAME;
    }

    public StoreConfig storeConfig(int poolSize) {
        return new StoreConfig(jdbcUrl(), USERNAME, null, poolSize);
    }

    /**
     * A few attempts: on a loaded 2-core CI machine a connection that is merely slow (a stalled fork, a checkpoint)
     * once exceeded the timeout, and one such moment failed a whole test class. A stopped cluster is started once.
     */
    private static Connection connectToServer() {
        SQLException last = null;
        boolean started = false;
        for (int attempt = 0; attempt < CONNECT_ATTEMPTS; attempt++) {
            try {
                return connect();
            } catch (SQLException unreachable) {
                last = unreachable;
                if (!started) {
                    started = startLocalCluster();
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return unavailable(last);
    }

    private static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USERNAME);
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        properties.setProperty("loginTimeout", CONNECT_TIMEOUT_SECONDS);
        return DriverManager.getConnection(url(MAINTENANCE_DATABASE), properties);
    }

    /**
     * On the development and CI machines PostgreSQL is a Debian cluster that may have been stopped; starting it is
     * what an engineer would do by hand. Only the default local server is started, never a configured remote one.
     */
    private static boolean startLocalCluster() {
        if (!SERVER.equals("127.0.0.1:5432") || !Files.isDirectory(Path.of("/etc/postgresql"))) {
            return false;
        }
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            for (Path version : versions.toList()) {
                Process start = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect",
                        version.getFileName().toString(), "main", "start").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (start.waitFor(60, TimeUnit.SECONDS) && start.exitValue() == 0) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static Connection unavailable(SQLException e) {
        String message = "PostgreSQL is not reachable at " + SERVER + " as " + USERNAME + ": " + e.getMessage();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: the PostgreSQL tests must run)", e);
        }
        return Assumptions.abort(message + " (skipping; set CI=true to make this a failure)");
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + SERVER + "/" + database;
    }
}
