package dev.donjon.server.kmipserver;

import dev.donjon.server.config.DonjonConfig;

/** Undo batches and unique names on SQLite, the dev-mode store. */
class KmipBatchesAndNamesSqliteTest extends KmipBatchesAndNamesContract {
    @Override
    DonjonConfig.Database database() {
        return null;
    }
}
