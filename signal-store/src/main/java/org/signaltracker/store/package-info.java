/**
 * The core's {@link org.signaltracker.core.store.TorrentStore} port on JDBC. {@link
 * org.signaltracker.store.TorrentStores} reads {@code database.url} and opens either adapter: SQLite, one
 * file under the state directory in WAL mode behind a single connection, or PostgreSQL behind a HikariCP
 * pool. Both run the same SQL with bound parameters (info hashes as bytes, never as text in SQL) except the
 * schema's column types, which {@link org.signaltracker.store.Migrations} writes once per database with the
 * same meaning; {@link org.signaltracker.store.SchemaMigrator} applies the missing versions at start.
 * Faults at start become one {@link org.signaltracker.core.store.StoreOpenException} with a message an
 * operator can act on.
 */
package org.signaltracker.store;
