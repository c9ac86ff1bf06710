package org.signaltracker.netty.it;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.policy.PolicyMode;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.StoredTorrents;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.DatabaseStart;
import org.signaltracker.netty.app.SignalTrackerServer;
import org.signaltracker.netty.torrents.TorrentApi;
import org.signaltracker.store.TorrentStores;

/**
 * The real server on 127.0.0.1 with an info-hash database in a SQLite file, wired as Main wires it (policy as
 * admission, stored torrents as history, reloads reaching the policy, the admin torrent API whose changes
 * reload the policy at once), but with write and refresh intervals
 * in milliseconds so tests wait on conditions briefly. Close stops the server, writes, closes the store.
 */
final class DatabaseServer implements AutoCloseable {

    final SignalTrackerServer server;
    final StoredTorrents torrents;
    private final InetSocketAddress address;

    DatabaseServer(Path file, String policy, String configLines, long intervalMillis) throws Exception {
        SignalTrackerConfig config = TrackerServerExtension.config("database.url = sqlite:" + file + "\n"
                + "database.policy = " + policy + "\n" + configLines);
        TorrentStore store = TorrentStores.open(config.database());
        torrents = StoredTorrents.start(store, PolicyMode.fromConfigName(policy), SystemClock.INSTANCE,
                intervalMillis, intervalMillis);
        server = new SignalTrackerServer(config, SystemClock.INSTANCE, torrents.policy(), torrents);
        server.live().subscribe(next -> DatabaseStart.applyPolicy(torrents, next.database()));
        TorrentApi.addTo(server.adminRoutes(), torrents.store(), server::torrentsChanged,
                () -> server.live().current().admin().token());
        server.onTorrentsChanged(torrents::refreshSoon);
        address = server.start();
    }

    /** Opens the store of {@code file} alone, for setting rows up before a server starts or reading after. */
    static TorrentStore open(Path file) throws Exception {
        return TorrentStores.open(new DatabaseConfig("sqlite:" + file, "", "", 1, 5));
    }

    /** The info hash the wire helpers send for {@code name} ({@link Wire#id}). */
    static InfoHash hash(String name) {
        return InfoHash.of(Wire.id(name).getBytes(StandardCharsets.ISO_8859_1));
    }

    int adminPort() {
        return server.adminAddress().getPort();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + address.getPort() + "/announce");
    }

    @Override
    public void close() {
        server.stop();
        torrents.close();
    }
}
