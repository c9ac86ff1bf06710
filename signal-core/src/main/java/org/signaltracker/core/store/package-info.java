/**
 * The info-hash database as the core sees it: the {@link org.signaltracker.core.store.TorrentStore} port
 * (registered torrents, their allow/deny standing, completed counts and first/last-seen times) and the
 * immutable values it takes and returns. No JDBC type appears here; signal-store implements the port on
 * SQLite and PostgreSQL, and tests implement it in memory.
 */
package org.signaltracker.core.store;
