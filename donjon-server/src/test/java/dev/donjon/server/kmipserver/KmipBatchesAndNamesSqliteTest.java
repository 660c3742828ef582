package dev.donjon.server.kmipserver;

/** Undo batches and unique names on SQLite, the dev-mode store. */
class KmipBatchesAndNamesSqliteTest extends KmipBatchesAndNamesContract {
}
