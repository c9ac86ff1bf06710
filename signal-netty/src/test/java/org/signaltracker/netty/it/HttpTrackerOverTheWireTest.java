package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.netty.it.TrackerHttp.announce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.error.TrackerError;

/**
 * The HTTP tracker over real sockets on 127.0.0.1, as desktop clients use it: two peers (two ports on one
 * address) find each other in compact form, the dictionary model for {@code compact=0}, {@code stopped}
 * removes a peer and {@code completed} shows in the scrape, keep-alive carries several requests, HTTP/1.0
 * closes unless asked not to, and garbage gets a bencoded failure while the connection stays usable.
 */
class HttpTrackerOverTheWireTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("classic.minAnnounceIntervalSeconds = 0\n");

    private static TrackerHttp client() throws Exception {
        return new TrackerHttp("127.0.0.1", SERVER.port());
    }

    /** The compact peers of an answer as "a.b.c.d:port". */
    static List<String> peers(Map<String, Object> answer) {
        byte[] p = ((String) answer.get("peers")).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(0, p.length % 6, "6 bytes a peer");
        List<String> list = new ArrayList<>();
        for (int i = 0; i < p.length; i += 6) {
            list.add((p[i] & 0xFF) + "." + (p[i + 1] & 0xFF) + "." + (p[i + 2] & 0xFF) + "." + (p[i + 3] & 0xFF) + ":"
                    + ((p[i + 4] & 0xFF) << 8 | p[i + 5] & 0xFF));
        }
        return list;
    }

    static String failure(TrackerError error) {
        return "d14:failure reason" + error.reason().length() + ":" + error.reason() + "e";
    }

    @Test
    void twoPeersOnOneAddressFindEachOtherInCompactForm() throws Exception {
        try (TrackerHttp a = client(); TrackerHttp b = client()) {
            Map<String, Object> first = a.get("/announce?" + announce("compact", "peer-a", 7001, "started", 100)).dict();
            assertEquals(200, a.status());
            assertEquals("text/plain", a.header("Content-Type"));
            assertEquals(List.of("complete", "downloaded", "incomplete", "interval", "min interval", "peers"),
                    List.copyOf(first.keySet()));
            assertEquals(1L, first.get("incomplete"));
            assertEquals(1800L, first.get("interval"));
            assertEquals(List.of(), peers(first), "never the caller itself");

            Map<String, Object> second = b.get("/announce?" + announce("compact", "peer-b", 7002, "started", 100)).dict();
            assertEquals(List.of("127.0.0.1:7001"), peers(second));
            assertEquals(2L, second.get("incomplete"));

            Map<String, Object> again = a.get("/announce?" + announce("compact", "peer-a", 7001, null, 100)).dict();
            assertEquals(List.of("127.0.0.1:7002"), peers(again), "the second request on the same connection");
        }
    }

    @Test
    void compactZeroGetsTheDictionaryModel() throws Exception {
        try (TrackerHttp a = client(); TrackerHttp b = client()) {
            a.get("/announce?" + announce("dict", "peer-a", 7101, "started", 0));
            Map<String, Object> dict = b.get("/announce?" + announce("dict", "peer-b", 7102, "started", 100)
                    + "&compact=0").dict();
            assertEquals(List.of(Map.of("ip", "127.0.0.1", "peer id", Wire.id("peer-a"), "port", 7101L)),
                    dict.get("peers"));
            assertEquals(1L, dict.get("complete"));
            Map<String, Object> noIds = b.get("/announce?" + announce("dict", "peer-b", 7102, null, 100)
                    + "&compact=0&no_peer_id=1").dict();
            assertEquals(List.of(Map.of("ip", "127.0.0.1", "port", 7101L)), noIds.get("peers"));
        }
    }

    @Test
    void completedShowsInTheScrapeAndStoppedRemovesThePeer() throws Exception {
        String hash = TrackerHttp.id("lifecycle");
        try (TrackerHttp a = client(); TrackerHttp b = client(); TrackerHttp scraper = client()) {
            a.get("/announce?" + announce("lifecycle", "peer-a", 7201, "started", 100));
            b.get("/announce?" + announce("lifecycle", "peer-b", 7202, "started", 100));
            assertEquals(Map.of("complete", 0L, "downloaded", 0L, "incomplete", 2L), file(scraper, hash));

            a.get("/announce?" + announce("lifecycle", "peer-a", 7201, "completed", 0));
            assertEquals(Map.of("complete", 1L, "downloaded", 1L, "incomplete", 1L), file(scraper, hash));

            Map<String, Object> stopped = b.get("/announce?" + announce("lifecycle", "peer-b", 7202, "stopped", 100)
                    + "&numwant=0").dict();
            assertEquals(List.of(), peers(stopped));
            assertEquals(Map.of("complete", 1L, "downloaded", 1L, "incomplete", 0L), file(scraper, hash));
            assertEquals(List.of(), peers(a.get("/announce?" + announce("lifecycle", "peer-a", 7201, null, 0)).dict()),
                    "the stopped peer is gone");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> file(TrackerHttp scraper, String hash) throws Exception {
        Map<String, Object> files = (Map<String, Object>) scraper.get("/scrape?info_hash=" + hash).dict().get("files");
        assertEquals(1, files.size());
        return (Map<String, Object>) files.values().iterator().next();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScrapeOfSeveralHashesIsSortedAndUnknownOnesAreZeros() throws Exception {
        try (TrackerHttp c = client()) {
            c.get("/announce?" + announce("scrape-known", "peer-a", 7301, "started", 0));
            byte[] high = new byte[20];
            high[0] = (byte) 0xEE;
            Map<String, Object> files = (Map<String, Object>) c.get("/scrape?info_hash=" + TrackerHttp.percent(high)
                    + "&info_hash=" + TrackerHttp.id("scrape-known") + "&info_hash=" + TrackerHttp.id("scrape-unknown"))
                    .dict().get("files");
            assertEquals(List.of(Wire.id("scrape-known"), Wire.id("scrape-unknown"),
                    new String(high, StandardCharsets.ISO_8859_1)), List.copyOf(files.keySet()), "raw byte order");
            assertEquals(Map.of("complete", 1L, "downloaded", 0L, "incomplete", 0L), files.get(Wire.id("scrape-known")));
            assertEquals(Map.of("complete", 0L, "downloaded", 0L, "incomplete", 0L), files.get(Wire.id("scrape-unknown")));
        }
    }

    @Test
    void garbageGetsAFailureReasonAndTheConnectionStaysUsable() throws Exception {
        long before = SERVER.server().metrics().httpFailures(TrackerError.BAD_PERCENT_ENCODING);
        try (TrackerHttp c = client()) {
            String[][] cases = {
                    {"/announce", failure(TrackerError.MISSING_INFO_HASH)},
                    {"/announce?info_hash=%4", failure(TrackerError.BAD_PERCENT_ENCODING)},
                    {"/announce?info_hash=%zz%zz", failure(TrackerError.BAD_PERCENT_ENCODING)},
                    {"/announce?info_hash=" + TrackerHttp.percent(new byte[19]), failure(TrackerError.BAD_QUERY_INFO_HASH)},
                    {"/announce?info_hash=" + TrackerHttp.id("g") + "&peer_id=" + TrackerHttp.id("p") + "&port=0",
                            failure(TrackerError.BAD_PORT)},
                    {"/announce?info_hash=" + TrackerHttp.id("g") + "&peer_id=" + TrackerHttp.id("p") + "&port=1"
                            + "&event=bogus", failure(TrackerError.BAD_EVENT)},
                    {"/announce?&&&===&info_hash", failure(TrackerError.BAD_QUERY_INFO_HASH)},
                    {"/scrape", failure(TrackerError.FULL_SCRAPE_REFUSED)},
                    {"/scrape?info_hash=%", failure(TrackerError.BAD_PERCENT_ENCODING)},
            };
            for (String[] c2 : cases) {
                c.get(c2[0]);
                assertEquals(200, c.status(), c2[0]);
                assertEquals(c2[1], new String(c.body(), StandardCharsets.ISO_8859_1), c2[0]);
            }
            c.get("/health");
            assertEquals(200, c.status(), "the same connection still serves");
        }
        assertTrue(SERVER.server().metrics().httpFailures(TrackerError.BAD_PERCENT_ENCODING) >= before + 3);
        assertTrue(SERVER.server().metrics().httpAnnounces.sum() > 0);
    }

    @Test
    void announceUrlsBrokenByATrailingSpaceAreServed() throws Exception {
        try (TrackerHttp c = client()) {
            String query = announce("space", "peer-a", 7901, "started", 0);
            c.send("GET /announce ?" + query + " HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(1L, c.dict().get("complete"), "a space before the query");
            c.send("GET /announce%20?" + query + " HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(1L, c.dict().get("complete"), "the same space percent-encoded");
            assertEquals(List.of(), peers(c.dict()));
        }
    }

    @Test
    void http10ClosesUnlessItAsksForKeepAlive() throws Exception {
        String target = "/scrape?info_hash=" + TrackerHttp.id("ten");
        try (TrackerHttp c = client()) {
            c.send("GET " + target + " HTTP/1.0\r\n\r\n");
            assertEquals("close", c.header("Connection"));
            assertTrue(c.closedByServer());
        }
        try (TrackerHttp c = client()) {
            c.send("GET " + target + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals("keep-alive", c.header("Connection"));
            c.send("GET " + target + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals(200, c.status());
            c.send("GET " + target + " HTTP/1.1\r\nConnection: close\r\n\r\n");
            assertEquals("close", c.header("Connection"));
            assertTrue(c.closedByServer());
        }
        try (TrackerHttp c = client()) {
            for (int i = 0; i < 5; i++) {
                c.get(target);
                assertEquals(200, c.status());
                assertEquals(null, c.header("Connection"), "HTTP/1.1 keeps the connection without saying so");
            }
            assertFalse(c.body().length == 0);
        }
    }
}
