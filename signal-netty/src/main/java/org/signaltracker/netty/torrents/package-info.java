/**
 * The info-hash database's admin HTTP API ({@code /admin/torrents}): list, get, put and delete registered
 * torrents as JSON, on the admin route table and so on the admin thread, behind {@code admin.token} on both
 * the admin listener and the main port. It translates between HTTP and the core's
 * {@link org.signaltracker.core.store.TorrentStore}; the JSON shapes are {@link org.signaltracker.core.store.TorrentJson}'s.
 */
package org.signaltracker.netty.torrents;
