package dev.donjon.server.kmipserver;

import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

/** Undo batches and unique names on PostgreSQL, in a database created for this class alone. */
class KmipBatchesAndNamesPostgresTest extends KmipBatchesAndNamesContract {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    KmipTestServer startServer(Path dataDir) {
        return KmipTestServer.start(dataDir, postgres.jdbcUrl(), postgres.username());
    }
}
