package dev.donjon.server.store;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Brings the schema up to date at start-up; Flyway records what it applied, so a restart applies nothing twice. */
final class Migrations {
    private static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    static void apply(DataSource dataSource, Engine engine) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .placeholders(engine.migrationPlaceholders())
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
