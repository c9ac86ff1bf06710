package org.signaltracker.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.signaltracker.core.protocol.json.JsonMembers;
import org.signaltracker.core.protocol.json.JsonStrings;
import org.signaltracker.core.protocol.json.JsonSyntax;
import org.signaltracker.core.protocol.json.JsonWriter;

/**
 * The admin API's JSON: a stored torrent and a page of them out, an operator's entry in. A torrent reads
 * <pre>{"infoHash":"hex","name":null,"comment":null,"allowed":true,"addedAt":1733400000,
 * "firstSeen":null,"lastSeen":null,"completed":0}</pre>
 * with times in seconds since the Unix epoch ({@code null}: no announce recorded). An entry is an object
 * with at most {@code name} and {@code comment} (string or null) and {@code allowed} (true or false);
 * anything else is refused with a reason, so a typo never passes silently. Stateless and thread-safe.
 */
public final class TorrentJson {

    public static final String CONTENT_TYPE = "application/json";
    private static final String FIELDS = "name, comment, allowed";
    private static final byte[] NAME = JsonMembers.name("name");
    private static final byte[] COMMENT = JsonMembers.name("comment");
    private static final byte[] ALLOWED = JsonMembers.name("allowed");

    private TorrentJson() {
    }

    /** One torrent as a JSON object. */
    public static byte[] torrent(StoredTorrent torrent) {
        JsonWriter out = new JsonWriter();
        write(out, torrent);
        return Arrays.copyOf(out.bytes(), out.size());
    }

    /** A page: {@code {"torrents":[...],"next":"hex"}}, {@code next} null on the last page. */
    public static byte[] page(TorrentPage page) {
        JsonWriter out = new JsonWriter();
        out.ascii("{\"torrents\":[");
        for (int i = 0; i < page.torrents().size(); i++) {
            if (i > 0) {
                out.ascii(',');
            }
            write(out, page.torrents().get(i));
        }
        out.ascii("],\"next\":");
        if (page.next() == null) {
            out.ascii("null");
        } else {
            out.string(page.next().toHex());
        }
        out.ascii("}\n");
        return Arrays.copyOf(out.bytes(), out.size());
    }

    private static void write(JsonWriter out, StoredTorrent t) {
        out.ascii("{\"infoHash\":").string(t.infoHash().toHex());
        out.ascii(",\"name\":");
        stringOrNull(out, t.name());
        out.ascii(",\"comment\":");
        stringOrNull(out, t.comment());
        out.ascii(",\"allowed\":").ascii(t.allowed() ? "true" : "false");
        out.ascii(",\"addedAt\":").number(t.addedAtEpochSecond());
        out.ascii(",\"firstSeen\":");
        timeOrNull(out, t.firstSeenEpochSecond());
        out.ascii(",\"lastSeen\":");
        timeOrNull(out, t.lastSeenEpochSecond());
        out.ascii(",\"completed\":").number(t.completed()).ascii('}');
    }

    private static void stringOrNull(JsonWriter out, String text) {
        if (text == null) {
            out.ascii("null");
        } else {
            out.string(text);
        }
    }

    private static void timeOrNull(JsonWriter out, long epochSecond) {
        if (epochSecond == StoredTorrent.NEVER) {
            out.ascii("null");
        } else {
            out.number(epochSecond);
        }
    }

    /**
     * The entry a request body describes for {@code infoHash}. Fields left out take their defaults: no name,
     * no comment, allowed.
     *
     * @throws IllegalArgumentException with the reason, ready to send back: not UTF-8, not JSON, not an
     *                                  object, an unknown or repeated field, a value of the wrong type, a
     *                                  name or comment too long
     */
    public static TorrentEntry entry(InfoHash infoHash, byte[] body) {
        if (!JsonSyntax.isUtf8(body, 0, body.length)) {
            throw new IllegalArgumentException("body: not UTF-8");
        }
        int error = JsonSyntax.firstError(body, body.length);
        if (error != JsonSyntax.VALID) {
            throw new IllegalArgumentException(error >= body.length
                    ? "body: malformed JSON (ends too early)" : "body: malformed JSON at byte " + error);
        }
        JsonMembers members = new JsonMembers();
        if (members.scan(body, 0, body.length, (byte) '{') < 0) {
            throw new IllegalArgumentException("body: a JSON object expected (fields: " + FIELDS + ")");
        }
        String name = null;
        String comment = null;
        boolean allowed = true;
        boolean[] seen = new boolean[3];
        for (int m = 0; m < members.count(); m++) {
            int field = field(body, members, m);
            if (seen[field]) {
                throw new IllegalArgumentException(key(body, members, m) + ": given twice");
            }
            seen[field] = true;
            switch (field) {
                case 0 -> name = textOrNull(body, members, m, "name");
                case 1 -> comment = textOrNull(body, members, m, "comment");
                default -> allowed = bool(body, members, m);
            }
        }
        return new TorrentEntry(infoHash, name, comment, allowed);
    }

    private static int field(byte[] body, JsonMembers members, int m) {
        if (members.keyEquals(body, m, NAME)) {
            return 0;
        }
        if (members.keyEquals(body, m, COMMENT)) {
            return 1;
        }
        if (members.keyEquals(body, m, ALLOWED)) {
            return 2;
        }
        throw new IllegalArgumentException("unknown field '" + key(body, members, m) + "' (expected: " + FIELDS + ")");
    }

    private static String key(byte[] body, JsonMembers members, int m) {
        String key = JsonStrings.decode(body, members.keyStart(m), members.keyEnd(m));
        return key.length() > 64 ? key.substring(0, 64) + "..." : key;
    }

    private static String textOrNull(byte[] body, JsonMembers members, int m, String what) {
        if (members.isString(body, m)) {
            return JsonStrings.decode(body, members.valueStart(m), members.valueEnd(m));
        }
        if (literal(body, members, m).equals("null")) {
            return null;
        }
        throw new IllegalArgumentException(what + ": a string or null expected");
    }

    private static boolean bool(byte[] body, JsonMembers members, int m) {
        String value = literal(body, members, m);
        if (value.equals("true") || value.equals("false")) {
            return value.equals("true");
        }
        throw new IllegalArgumentException("allowed: true or false expected");
    }

    private static String literal(byte[] body, JsonMembers members, int m) {
        int start = members.valueStart(m);
        int length = Math.min(members.valueEnd(m) - start, 5);
        return new String(body, start, length, StandardCharsets.US_ASCII);
    }
}
