package dev.donjon.server.kmipserver;

import java.nio.file.Path;

/** Undo batches and unique names on SQLite, the dev-mode store. */
class KmipBatchesAndNamesSqliteTest extends KmipBatchesAndNamesContract {
    @Override
    KmipTestServer startServer(Path dataDir) {
        return KmipTestServer.start(dataDir, 64 * 1024);
    }
}
