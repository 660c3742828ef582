package dev.donjon.server.kmipserver;

/** Locate by any attribute on SQLite, the dev configuration's database. */
class KmipLocateSqliteTest extends KmipLocateContract {
}
