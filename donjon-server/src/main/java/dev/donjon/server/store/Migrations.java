package dev.donjon.server.store;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Brings the schema up to date at start-up; Flyway records what it applied, so a restart applies nothing twice.
 * <p>
 * Flyway itself runs only when a migration is pending: loading, configuring and validating it was a tenth of a
 * server's start-up, to learn on almost every start that there is nothing to do. Whether there is anything to do is one
 * query of Flyway's history table against the versions of the migration files. When Flyway does not run, it does not
 * validate the checksums of applied migrations either: a migration file edited after it was applied goes unnoticed
 * until the next migration runs (migrations are never edited once released).
 */
final class Migrations {
    private static final String DIRECTORY = "db/migration";
    private static final String LOCATION = "classpath:" + DIRECTORY;
    /** Flyway's versioned migrations, {@code V1__schema.sql}, {@code V11_1__audit_chain.sql}: the version is 11.1. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__[^/]*\\.sql");

    private Migrations() {
    }

    static void apply(DataSource dataSource, Engine engine) {
        if (upToDate(dataSource)) {
            return;
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .placeholders(engine.migrationPlaceholders())
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** True when every migration file's version is recorded as applied; false when in doubt. */
    static boolean upToDate(DataSource dataSource) {
        Set<String> files = fileVersions();
        if (files.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            Set<String> applied = new HashSet<>();
            while (rows.next()) {
                applied.add(rows.getString(1));
            }
            return applied.containsAll(files);
        } catch (SQLException e) {
            // No history table yet (a new database), or one this query cannot read: Flyway decides.
            return false;
        }
    }

    /** The versions of the migration files on the class path, as Flyway writes them into its history. */
    static Set<String> fileVersions() {
        Set<String> versions = new HashSet<>();
        try {
            Enumeration<URL> locations = Migrations.class.getClassLoader().getResources(DIRECTORY);
            while (locations.hasMoreElements()) {
                Set<String> names = names(locations.nextElement());
                if (names == null) {
                    return Set.of();
                }
                for (String name : names) {
                    Matcher versioned = VERSIONED.matcher(name);
                    if (versioned.matches()) {
                        versions.add(versioned.group(1).replace('_', '.'));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the schema migrations", e);
        }
        return versions;
    }

    /**
     * File names directly in the directory at {@code location}, in a jar or a directory of classes; null for any other
     * kind of location (a custom class loader's), which Flyway then scans itself.
     */
    private static Set<String> names(URL location) throws IOException {
        Set<String> names = new HashSet<>();
        if ("jar".equals(location.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) location.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = connection.getEntryName() + "/";
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String entry = entries.nextElement().getName();
                    if (entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0) {
                        names.add(entry.substring(prefix.length()));
                    }
                }
            }
        } else if ("file".equals(location.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
                files.forEach(file -> names.add(file.getFileName().toString()));
            } catch (URISyntaxException e) {
                throw new IOException("unusable location " + location, e);
            }
        } else {
            return null;
        }
        return names;
    }
}
