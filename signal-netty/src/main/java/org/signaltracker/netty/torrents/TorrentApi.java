package org.signaltracker.netty.torrents;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.signaltracker.core.protocol.json.JsonWriter;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.StoredTorrent;
import org.signaltracker.core.store.TorrentEntry;
import org.signaltracker.core.store.TorrentJson;
import org.signaltracker.core.store.TorrentQuery;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.netty.admin.AdminRequest;
import org.signaltracker.netty.admin.AdminResponse;
import org.signaltracker.netty.admin.AdminRoute;
import org.signaltracker.netty.admin.AdminRoutes;
import org.signaltracker.netty.admin.TokenGuard;

/**
 * {@code GET /admin/torrents} (a page: {@code after}, {@code limit}, {@code allowed}, {@code name}),
 * {@code GET}, {@code PUT} and {@code DELETE /admin/torrents/HEX}. Runs on the admin thread, so the store's
 * waits never reach an event loop. Every refusal is JSON {@code {"error":"reason"}}: 400 for bad input,
 * 404 for an unknown hash, 405 for another method, 503 when the database fails. After a change it calls
 * {@code changed}, so the daemon's in-memory policy follows at once rather than at its next refresh.
 *
 * <p>Thread-safe as far as its store is; the admin thread is its only caller.
 */
public final class TorrentApi implements AdminRoute {

    public static final String PATH = "/admin/torrents";
    /** Room for a name and a comment of {@link TorrentEntry#MAX_TEXT_CHARS} each, escaped. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> PARAMETERS = Set.of("after", "limit", "allowed", "name");

    private final TorrentStore store;
    private final Runnable changed;
    private final LongSupplier epochSeconds;

    TorrentApi(TorrentStore store, Runnable changed, LongSupplier epochSeconds) {
        this.store = store;
        this.changed = changed;
        this.epochSeconds = epochSeconds;
    }

    /**
     * Adds the API to {@code routes}, behind {@code token} on every front door.
     *
     * @param changed run on the admin thread after each change; it must not wait long (hand work to the
     *                database thread)
     */
    public static void addTo(AdminRoutes routes, TorrentStore store, Runnable changed, Supplier<String> token) {
        TorrentApi api = new TorrentApi(store, changed, () -> System.currentTimeMillis() / 1000);
        routes.addTree(PATH, TokenGuard.guard(api, token));
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        try {
            if (request.path().equals(PATH)) {
                return isRead(request) ? list(request)
                        : error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + request.method()
                                + " not allowed (" + PATH + " serves GET, HEAD)");
            }
            String hex = request.path().substring(PATH.length() + 1);
            if (hex.indexOf('/') >= 0) {
                return error(HttpResponseStatus.NOT_FOUND, "no such path (expected: " + PATH + "/HEX)");
            }
            InfoHash infoHash = InfoHash.parseHex(hex);
            return switch (request.method()) {
                case "GET", "HEAD" -> get(infoHash);
                case "PUT" -> put(infoHash, request.body());
                case "DELETE" -> delete(infoHash);
                default -> error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + request.method()
                        + " not allowed (" + PATH + "/HEX serves GET, HEAD, PUT, DELETE)");
            };
        } catch (IllegalArgumentException e) {
            return error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (StoreException e) {
            return error(HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    private static boolean isRead(AdminRequest request) {
        return request.method().equals("GET") || request.isHead();
    }

    private AdminResponse list(AdminRequest request) throws StoreException {
        for (String parameter : request.parameters().keySet()) {
            if (!PARAMETERS.contains(parameter)) {
                throw new IllegalArgumentException("unknown parameter '" + parameter
                        + "' (expected: after, limit, allowed, name)");
            }
        }
        String after = request.parameter("after");
        String name = request.parameter("name");
        TorrentQuery query = new TorrentQuery(standing(request.parameter("allowed")), name == null ? "" : name,
                after == null || after.isEmpty() ? null : InfoHash.parseHex(after), limit(request.parameter("limit")));
        return json(HttpResponseStatus.OK, TorrentJson.page(store.list(query)));
    }

    private static TorrentQuery.Standing standing(String allowed) {
        if (allowed == null || allowed.isEmpty()) {
            return TorrentQuery.Standing.ANY;
        }
        return switch (allowed) {
            case "true" -> TorrentQuery.Standing.ALLOWED;
            case "false" -> TorrentQuery.Standing.DENIED;
            default -> throw new IllegalArgumentException("allowed: '" + shorten(allowed) + "' (expected: true or false)");
        };
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(limit); // TorrentQuery checks the range
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit: '" + shorten(limit) + "' (expected: 1.." + TorrentQuery.MAX_LIMIT + ")");
        }
    }

    private AdminResponse get(InfoHash infoHash) throws StoreException {
        Optional<StoredTorrent> torrent = store.get(infoHash);
        return torrent.isPresent() ? json(HttpResponseStatus.OK, withNewline(TorrentJson.torrent(torrent.get())))
                : unknown(infoHash);
    }

    private AdminResponse put(InfoHash infoHash, byte[] body) throws StoreException {
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body: " + body.length + " bytes (expected: at most " + MAX_BODY_BYTES + ")");
        }
        TorrentEntry entry = TorrentJson.entry(infoHash, body);
        boolean created = store.put(entry, epochSeconds.getAsLong());
        changed.run();
        Optional<StoredTorrent> stored = store.get(infoHash);
        if (stored.isEmpty()) {
            // Removed by another process between the two calls: say what this request did.
            return json(created ? HttpResponseStatus.CREATED : HttpResponseStatus.OK, new byte[0]);
        }
        return json(created ? HttpResponseStatus.CREATED : HttpResponseStatus.OK,
                withNewline(TorrentJson.torrent(stored.get())));
    }

    private AdminResponse delete(InfoHash infoHash) throws StoreException {
        if (!store.remove(infoHash)) {
            return unknown(infoHash);
        }
        changed.run();
        return new AdminResponse(HttpResponseStatus.NO_CONTENT, TorrentJson.CONTENT_TYPE, new byte[0]);
    }

    private static AdminResponse unknown(InfoHash infoHash) {
        return error(HttpResponseStatus.NOT_FOUND, "unknown info hash " + infoHash);
    }

    private static AdminResponse error(HttpResponseStatus status, String reason) {
        JsonWriter out = new JsonWriter();
        out.ascii("{\"error\":").string(reason).ascii("}\n");
        return json(status, java.util.Arrays.copyOf(out.bytes(), out.size()));
    }

    private static AdminResponse json(HttpResponseStatus status, byte[] body) {
        return new AdminResponse(status, TorrentJson.CONTENT_TYPE, body);
    }

    private static byte[] withNewline(byte[] json) {
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
