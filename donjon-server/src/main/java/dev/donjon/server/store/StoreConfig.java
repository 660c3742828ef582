package dev.donjon.server.store;

import java.time.Duration;

/**
 * Where the store lives. The JDBC URL selects the engine: {@code jdbc:sqlite:/path/donjon.db} or
 * {@code jdbc:postgresql://host/db}.
 *
 * @param username ignored by SQLite; {@code null} to use the URL's or the driver's default
 * @param password ignored by SQLite; {@code null} when not needed
 * @param poolSize          PostgreSQL: connections per node; SQLite: read-only connections besides the single writer
 * @param connectionTimeout PostgreSQL: how long a call waits for a pooled connection, or for a new one to be
 *                          established, before it fails; a database that went away is then reported in that time
 */
public record StoreConfig(String jdbcUrl, String username, String password, int poolSize,
                          Duration connectionTimeout) {
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    public StoreConfig(String jdbcUrl, String username, String password, int poolSize) {
        this(jdbcUrl, username, password, poolSize, DEFAULT_CONNECTION_TIMEOUT);
    }

    public StoreConfig {
        if (connectionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the connection timeout must be at least 1 s");
        }
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("a JDBC URL is required");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
    }

    public static StoreConfig of(String jdbcUrl) {
        return new StoreConfig(jdbcUrl, null, null, DEFAULT_POOL_SIZE);
    }

    /** The URL without its query string, where drivers accept credentials; fit for logs. */
    String location() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + location() + ", username=" + username + ", password="
                + (password == null ? "none" : "***") + ", poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout
                + "]";
    }
}
