package dev.donjon.server.store;

import java.util.Map;

/** The database engines the schema runs on, and the few column types in which they differ. */
enum Engine {
    SQLITE("jdbc:sqlite:", Map.of(
            "binary", "BLOB",
            // AUTOINCREMENT so that sequence numbers are never reused, even after the newest row is deleted.
            "sequence_pk", "INTEGER PRIMARY KEY AUTOINCREMENT")),
    POSTGRESQL("jdbc:postgresql:", Map.of(
            "binary", "BYTEA",
            "sequence_pk", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"));

    private final String urlPrefix;
    private final Map<String, String> migrationPlaceholders;

    Engine(String urlPrefix, Map<String, String> migrationPlaceholders) {
        this.urlPrefix = urlPrefix;
        this.migrationPlaceholders = migrationPlaceholders;
    }

    static Engine of(String jdbcUrl) {
        for (Engine engine : values()) {
            if (jdbcUrl.startsWith(engine.urlPrefix)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unsupported database URL (expected jdbc:sqlite: or jdbc:postgresql:)");
    }

    Map<String, String> migrationPlaceholders() {
        return migrationPlaceholders;
    }
}
