package dev.donjon.server.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Online backups and restores of a node's database. The file holds what the database holds: payloads sealed under
 * project KEKs and KEKs wrapped by the master key, never a key in the clear, so it is useless without the master key
 * (which is backed up apart: the key file, or the HSM's own backup).
 *
 * <ul>
 *   <li>SQLite: {@code VACUUM INTO}, a consistent copy made from one read snapshot while writers go on; the backup is
 *   an SQLite database. Restoring copies it into place in a data directory that has no database yet; opening the
 *   store then applies any newer migrations.</li>
 *   <li>PostgreSQL: a logical export of every Donjon table, read in one REPEATABLE READ transaction (one snapshot),
 *   as JSON lines: a header, then per table its name and columns followed by its rows (binary values in base64).
 *   Restoring migrates an empty database to the same schema version and inserts every row in one transaction.</li>
 * </ul>
 * A restore refuses a target that already holds data.
 */
public final class Backups {
    static final String FORMAT = "donjon-backup";
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows that a migration seeds; every other row in a fresh database makes it non-empty. */
    private static final Set<String> SEEDED = Set.of("flyway_schema_history", "token_revocations", "audit_chain_head");

    private Backups() {
    }

    /** Why a restore was refused; the message is for the operator. */
    public static final class Refused extends IllegalStateException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Writes a backup of {@code store} to {@code file} (created with owner-only permissions; an existing file is
     * replaced only once the backup is complete).
     */
    public static void backup(JdbcStore store, Path file) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = target.getParent().resolve("." + target.getFileName() + ".partial");
            Files.deleteIfExists(temporary);
            try {
                store.backup(temporary);
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restores {@code file} into the database {@code config} names, which must be empty (SQLite: no database file
     * yet), and opens it.
     *
     * @throws Refused the target holds data, or the backup is of the other engine or another schema version
     */
    public static JdbcStore restore(StoreConfig config, Path file) {
        boolean sqliteBackup = isSqlite(file);
        Engine engine = Engine.of(config.jdbcUrl());
        if (engine == Engine.SQLITE) {
            if (!sqliteBackup) {
                throw new Refused(file + " is not an SQLite backup (a PostgreSQL export restores into PostgreSQL)");
            }
            Path database = Path.of(config.jdbcUrl().substring("jdbc:sqlite:".length()).split("\\?")[0]);
            if (Files.exists(database)) {
                throw new Refused("the database " + database + " exists already: restore only into a data "
                        + "directory without one");
            }
            try {
                Files.createDirectories(database.toAbsolutePath().getParent());
                Files.copy(file, database);
                Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore into " + database + ": " + e.getMessage(), e);
            }
            return JdbcStore.open(config);
        }
        if (sqliteBackup) {
            throw new Refused(file + " is an SQLite backup; restore it into an SQLite data directory");
        }
        JdbcStore store = JdbcStore.open(config);
        try {
            store.importing(handle -> {
                importTables(handle, file);
                return null;
            });
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static boolean isSqlite(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup " + file + ": " + e.getMessage(), e);
        }
    }

    /** The PostgreSQL export; runs inside the caller's REPEATABLE READ transaction. */
    static void exportTables(Handle handle, Path file) {
        Connection connection = handle.getConnection();
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("format_version", 1);
            json.writeStringField("engine", "postgresql");
            json.writeStringField("schema_version", schemaVersion(connection));
            json.writeEndObject();
            for (String table : tables(connection)) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT * FROM " + quote(table))) {
                    ResultSetMetaData meta = rows.getMetaData();
                    json.writeStartObject();
                    json.writeStringField("table", table);
                    json.writeArrayFieldStart("columns");
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        json.writeString(meta.getColumnName(i));
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                    while (rows.next()) {
                        json.writeStartArray();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            writeValue(json, rows, i, meta.getColumnType(i));
                        }
                        json.writeEndArray();
                    }
                }
            }
            json.writeStartObject();
            json.writeStringField("end", FORMAT);
            json.writeEndObject();
            json.flush();
            if (out instanceof java.io.FileOutputStream stream) {
                stream.getFD().sync();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database for the backup: " + e.getMessage(), e);
        }
    }

    private static void writeValue(JsonGenerator json, ResultSet rows, int column, int type)
            throws SQLException, IOException {
        switch (type) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = rows.getBytes(column);
                if (bytes == null) {
                    json.writeNull();
                } else {
                    json.writeStartObject();
                    json.writeStringField("b64", Base64.getEncoder().encodeToString(bytes));
                    json.writeEndObject();
                }
            }
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long value = rows.getLong(column);
                if (rows.wasNull()) {
                    json.writeNull();
                } else {
                    json.writeNumber(value);
                }
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean value = rows.getBoolean(column);
                if (rows.wasNull()) {
                    json.writeNull();
                } else {
                    json.writeBoolean(value);
                }
            }
            default -> {
                String value = rows.getString(column);
                if (value == null) {
                    json.writeNull();
                } else {
                    json.writeString(value);
                }
            }
        }
    }

    /** The PostgreSQL import, in the caller's write transaction. */
    private static void importTables(Handle handle, Path file) {
        Connection connection = handle.getConnection();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var parser = JSON.getFactory().createParser(reader);
            var values = JSON.readValues(parser, JsonNode.class);
            if (!values.hasNext()) {
                throw new Refused(file + " is empty");
            }
            JsonNode header = values.next();
            if (!FORMAT.equals(header.path("format").asText())) {
                throw new Refused(file + " is not a Donjon backup");
            }
            String version = schemaVersion(connection);
            if (!version.equals(header.path("schema_version").asText())) {
                throw new Refused("the backup is of schema version " + header.path("schema_version").asText()
                        + " and this Donjon's is " + version + ": restore with the Donjon version that took it, then "
                        + "upgrade");
            }
            requireEmpty(connection);
            boolean ended = false;
            PreparedStatement insert = null;
            int[] types = null;
            String table = null;
            List<String> tables = new ArrayList<>();
            while (values.hasNext()) {
                JsonNode node = values.next();
                if (node.isObject() && node.has("end")) {
                    ended = true;
                    break;
                }
                if (node.isObject()) {
                    if (insert != null) {
                        insert.executeBatch();
                        insert.close();
                    }
                    table = node.path("table").asText();
                    tables.add(table);
                    List<String> columns = new ArrayList<>();
                    node.path("columns").forEach(c -> columns.add(c.asText()));
                    if (SEEDED.contains(table)) {
                        try (Statement statement = connection.createStatement()) {
                            statement.executeUpdate("DELETE FROM " + quote(table));
                        }
                    }
                    types = columnTypes(connection, table, columns);
                    insert = connection.prepareStatement("INSERT INTO " + quote(table) + " ("
                            + String.join(", ", columns.stream().map(Backups::quote).toList())
                            + ") OVERRIDING SYSTEM VALUE VALUES (" + String.join(", ", columns.stream().map(c -> "?")
                            .toList()) + ")");
                    continue;
                }
                if (insert == null) {
                    throw new Refused(file + " is damaged: a row before any table");
                }
                for (int i = 0; i < node.size(); i++) {
                    bind(insert, i + 1, node.get(i), types[i]);
                }
                insert.addBatch();
            }
            if (insert != null) {
                insert.executeBatch();
                insert.close();
            }
            if (!ended) {
                throw new Refused(file + " is truncated: its end marker is missing; nothing was restored");
            }
            resetIdentities(connection, tables);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("the restore failed, nothing was restored: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement insert, int index, JsonNode value, int type) throws SQLException {
        if (value == null || value.isNull()) {
            insert.setNull(index, type);
        } else if (value.isObject()) {
            insert.setBytes(index, Base64.getDecoder().decode(value.path("b64").asText()));
        } else if (value.isBoolean()) {
            insert.setBoolean(index, value.asBoolean());
        } else if (value.isIntegralNumber()) {
            insert.setLong(index, value.asLong());
        } else {
            insert.setString(index, value.asText());
        }
    }

    private static int[] columnTypes(Connection connection, String table, List<String> columns) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + String.join(", ", columns.stream()
                     .map(Backups::quote).toList()) + " FROM " + quote(table) + " LIMIT 0")) {
            ResultSetMetaData meta = rows.getMetaData();
            int[] types = new int[columns.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = meta.getColumnType(i + 1);
            }
            return types;
        }
    }

    private static void requireEmpty(Connection connection) throws SQLException {
        for (String table : tables(connection)) {
            if (SEEDED.contains(table)) {
                continue;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT 1 FROM " + quote(table) + " LIMIT 1")) {
                if (rows.next()) {
                    throw new Refused("the target database is not empty (table " + table + " has rows): restore "
                            + "only into an empty database");
                }
            }
        }
    }

    private static void resetIdentities(Connection connection, List<String> tables) throws SQLException {
        try (PreparedStatement identities = connection.prepareStatement("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES'""");
             ResultSet rows = identities.executeQuery()) {
            while (rows.next()) {
                String table = rows.getString(1);
                String column = rows.getString(2);
                if (!tables.contains(table)) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), "
                            + "COALESCE((SELECT MAX(" + quote(column) + ") FROM " + quote(table) + "), 0) + 1, false)");
                }
            }
        }
    }

    /** Donjon's tables, each after the tables its foreign keys refer to, so that rows insert in file order. */
    private static List<String> tables(Connection connection) throws SQLException {
        java.util.Map<String, Set<String>> parents = new java.util.TreeMap<>();
        for (String table : tableNames(connection)) {
            parents.put(table, new java.util.TreeSet<>());
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT child.relname, parent.relname FROM pg_constraint c
                JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid
                WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace""");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (parents.containsKey(rows.getString(1)) && !rows.getString(1).equals(rows.getString(2))) {
                    parents.get(rows.getString(1)).add(rows.getString(2));
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < parents.size()) {
            boolean progressed = false;
            for (var entry : parents.entrySet()) {
                if (!ordered.contains(entry.getKey()) && ordered.containsAll(entry.getValue())) {
                    ordered.add(entry.getKey());
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new IllegalStateException("foreign keys form a cycle among " + parents.keySet());
            }
        }
        return ordered;
    }

    private static List<String> tableNames(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'
                ORDER BY table_name""");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static String schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT string_agg(version, ',' ORDER BY version) FROM "
                     + "flyway_schema_history WHERE success AND version IS NOT NULL")) {
            return rows.next() && rows.getString(1) != null ? rows.getString(1) : "";
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
