package org.signaltracker.netty.torrents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.PolicyEntry;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.StoredTorrent;
import org.signaltracker.core.store.TorrentActivity;
import org.signaltracker.core.store.TorrentEntry;
import org.signaltracker.core.store.TorrentPage;
import org.signaltracker.core.store.TorrentQuery;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.netty.admin.AdminRequest;
import org.signaltracker.netty.admin.AdminResponse;

/** A database that fails answers 503 with its reason, and a failed change does not call the change hook. */
class TorrentApiTest {

    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String DOWN = "database sqlite:/var/lib/signal-tracker/signal-tracker.db: [SQLITE_BUSY] locked";

    /** Every call fails as an unreachable or locked database does. */
    private static final class FailingStore implements TorrentStore {
        @Override
        public List<PolicyEntry> loadPolicy() throws StoreException {
            throw new StoreException(DOWN);
        }

        @Override
        public boolean put(TorrentEntry entry, long nowEpochSecond) throws StoreException {
            throw new StoreException(DOWN);
        }

        @Override
        public boolean setAllowed(InfoHash infoHash, boolean allowed, long nowEpochSecond) throws StoreException {
            throw new StoreException(DOWN);
        }

        @Override
        public boolean remove(InfoHash infoHash) throws StoreException {
            throw new StoreException(DOWN);
        }

        @Override
        public Optional<StoredTorrent> get(InfoHash infoHash) throws StoreException {
            throw new StoreException(DOWN);
        }

        @Override
        public TorrentPage list(TorrentQuery query) throws StoreException {
            throw new StoreException(DOWN);
        }

        @Override
        public int applyActivity(Collection<TorrentActivity> batch, boolean recordUnknown) throws StoreException {
            throw new StoreException(DOWN);
        }

        @Override
        public String description() {
            return "failing";
        }

        @Override
        public void close() {
        }
    }

    private final AtomicInteger changes = new AtomicInteger();
    private final TorrentApi api = new TorrentApi(new FailingStore(), changes::incrementAndGet, () -> 1_700_000_000L);

    private AdminResponse handle(String method, String path, String body) {
        return api.handle(new AdminRequest(method, path, Map.of(), null, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFailingDatabaseAnswers503WithItsReason() {
        String expected = "{\"error\":\"" + DOWN + "\"}\n";
        for (AdminResponse response : List.of(handle("GET", "/admin/torrents", ""),
                handle("GET", "/admin/torrents/" + A, ""), handle("PUT", "/admin/torrents/" + A, "{}"),
                handle("DELETE", "/admin/torrents/" + A, ""))) {
            assertEquals(503, response.status().code());
            assertEquals(expected, new String(response.body(), StandardCharsets.UTF_8));
        }
        assertEquals(0, changes.get(), "nothing changed, so the policy is not told to refresh");
    }
}
