package org.signaltracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TorrentJsonTest {

    private static final InfoHash HASH = InfoHash.parseHex("0123456789abcdef0123456789abcdef01234567");

    private static TorrentEntry entry(String json) {
        return TorrentJson.entry(HASH, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String json) {
        return assertThrows(IllegalArgumentException.class, () -> entry(json)).getMessage();
    }

    @Test
    void writesATorrentWithNullsForMissingTextAndTimes() {
        StoredTorrent t = new StoredTorrent(HASH, "Sintel \"4K\"", null, false, 1_700_000_000L, StoredTorrent.NEVER,
                StoredTorrent.NEVER, 7);
        assertEquals("{\"infoHash\":\"0123456789abcdef0123456789abcdef01234567\",\"name\":\"Sintel \\\"4K\\\"\","
                + "\"comment\":null,\"allowed\":false,\"addedAt\":1700000000,\"firstSeen\":null,\"lastSeen\":null,"
                + "\"completed\":7}", new String(TorrentJson.torrent(t), StandardCharsets.UTF_8));
    }

    @Test
    void writesAPageWithItsCursor() {
        StoredTorrent t = new StoredTorrent(HASH, null, "c", true, 1, 2, 3, 0);
        assertEquals("{\"torrents\":[{\"infoHash\":\"" + HASH + "\",\"name\":null,\"comment\":\"c\",\"allowed\":true,"
                + "\"addedAt\":1,\"firstSeen\":2,\"lastSeen\":3,\"completed\":0}],\"next\":\"" + HASH + "\"}\n",
                new String(TorrentJson.page(new TorrentPage(List.of(t), HASH)), StandardCharsets.UTF_8));
        assertEquals("{\"torrents\":[],\"next\":null}\n",
                new String(TorrentJson.page(new TorrentPage(List.of(), null)), StandardCharsets.UTF_8));
    }

    @Test
    void readsAnEntryWithDefaultsForLeftOutFields() {
        assertEquals(new TorrentEntry(HASH, "Big Buck Bunny", "é", false),
                entry(" {\"name\":\"Big Buck Bunny\",\"comment\":\"\\u00e9\",\"allowed\":false} "));
        assertEquals(new TorrentEntry(HASH, null, null, true), entry("{}"));
        assertEquals(new TorrentEntry(HASH, null, null, true), entry("{\"name\":null,\"comment\":null,\"allowed\":true}"));
    }

    @Test
    void refusesWhatIsNotAnEntryWithAReason() {
        assertEquals("unknown field 'infoHash' (expected: name, comment, allowed)", refusal("{\"infoHash\":\"x\"}"));
        assertEquals("unknown field 'Name' (expected: name, comment, allowed)", refusal("{\"Name\":\"x\"}"));
        assertEquals("body: malformed JSON at byte 8", refusal("{\"name\":x}"));
        assertEquals("body: malformed JSON (ends too early)", refusal("{\"name\":"));
        assertEquals("body: malformed JSON (ends too early)", refusal(""));
        assertEquals("body: a JSON object expected (fields: name, comment, allowed)", refusal("[1]"));
        assertEquals("name: a string or null expected", refusal("{\"name\":5}"));
        assertEquals("comment: a string or null expected", refusal("{\"comment\":{}}"));
        assertEquals("allowed: true or false expected", refusal("{\"allowed\":\"true\"}"));
        assertEquals("allowed: true or false expected", refusal("{\"allowed\":null}"));
        assertEquals("name: given twice", refusal("{\"name\":\"a\",\"name\":\"b\"}"));
        assertEquals("name: 1025 characters (expected: at most 1024)", refusal("{\"name\":\"" + "n".repeat(1025) + "\"}"));
        assertEquals("body: not UTF-8", assertThrows(IllegalArgumentException.class,
                () -> TorrentJson.entry(HASH, new byte[] {'{', '"', (byte) 0xC3, '"', '}'})).getMessage());
    }
}
