package dev.donjon.server.store;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.barbican.SecretId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6__key_protection.sql: objects stored while Sensitive and Extractable were encoded text attributes keep their
 * protection, on both engines.
 */
class KeyProtectionMigrationTest {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    private static final SecretId NOT_EXTRACTABLE = new SecretId(UUID.randomUUID());
    private static final SecretId SENSITIVE = new SecretId(UUID.randomUUID());
    private static final SecretId STORED_OVER_REST = new SecretId(UUID.randomUUID());

    @Test
    void onSqlite(@TempDir Path directory) throws SQLException {
        migratesTheEncodedFlags(new StoreConfig("jdbc:sqlite:" + directory.resolve("donjon.db"), null, null, 1),
                Engine.SQLITE);
    }

    @Test
    void onPostgres() throws SQLException {
        migratesTheEncodedFlags(postgres.storeConfig(2), Engine.POSTGRESQL);
    }

    private static void migratesTheEncodedFlags(StoreConfig config, Engine engine) throws SQLException {
        Flyway.configure().dataSource(config.jdbcUrl(), config.username(), config.password())
                .locations("classpath:db/migration").placeholders(engine.migrationPlaceholders()).target("4")
                .load().migrate();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.username(),
                config.password())) {
            for (SecretId id : List.of(NOT_EXTRACTABLE, SENSITIVE, STORED_OVER_REST)) {
                insertSecret(connection, id);
            }
            insertFlag(connection, NOT_EXTRACTABLE, Tag.EXTRACTABLE, false);
            insertFlag(connection, NOT_EXTRACTABLE, Tag.SENSITIVE, false);
            insertFlag(connection, NOT_EXTRACTABLE, Tag.FRESH, true);
            insertFlag(connection, SENSITIVE, Tag.SENSITIVE, true);
            insertFlag(connection, SENSITIVE, Tag.EXTRACTABLE, true);
        }

        try (JdbcStore store = JdbcStore.open(config)) {
            ObjectAttributes notExtractable = attributes(store, NOT_EXTRACTABLE);
            assertThat(notExtractable.protection()).isEqualTo(new KeyProtection(false, false));
            assertThat(notExtractable.text()).as("other encoded attributes stay").containsOnlyKeys("Fresh");
            assertThat(attributes(store, SENSITIVE).protection()).isEqualTo(new KeyProtection(true, true));
            assertThat(attributes(store, SENSITIVE).text()).isEmpty();
            assertThat(attributes(store, STORED_OVER_REST).protection()).isEqualTo(KeyProtection.DEFAULT);
        }
    }

    private static ObjectAttributes attributes(JdbcStore store, SecretId id) {
        return store.read(tx -> tx.objects().find(id)).orElseThrow().attributes();
    }

    private static void insertSecret(Connection connection, SecretId id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO secrets (id, project, type, created, updated) VALUES (?, 'p', 'symmetric', 1, 1)")) {
            insert.setString(1, id.toString());
            insert.executeUpdate();
        }
    }

    /** As AttributeCodec stored a Boolean attribute before V6: the hex of its TTLV encoding. */
    private static void insertFlag(Connection connection, SecretId id, Tag tag, boolean value) throws SQLException {
        String name = switch (tag) {
            case SENSITIVE -> "Sensitive";
            case EXTRACTABLE -> "Extractable";
            case FRESH -> "Fresh";
            default -> throw new IllegalArgumentException("not a flag of this test: " + tag);
        };
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO object_text_attributes "
                + "(secret_id, name, position, value) VALUES (?, ?, 0, ?)")) {
            insert.setString(1, id.toString());
            insert.setString(2, name);
            insert.setString(3, HexFormat.of().formatHex(TtlvBinary.encode(new Ttlv.BooleanItem(tag, value))));
            insert.executeUpdate();
        }
    }
}
