package org.signaltracker.core.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.access.IpAddress;
import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.limit.MessageBudget;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TorrentAdmission;
import org.signaltracker.core.tracker.TorrentHistory;
import org.signaltracker.core.tracker.TrackerCore;

/** The dispatcher over the real core: addresses and families, the ip parameter, the min interval, caps, budget. */
class HttpTrackerDispatcherTest {

    private static final IpAddress A = IpAddress.parse("192.0.2.1");
    private static final IpAddress B = IpAddress.parse("192.0.2.2");
    private static final IpAddress V6 = IpAddress.parse("2001:db8::1");
    private static final IpAddress V6_OTHER = IpAddress.parse("2001:db8::2");

    private final ManualClock clock = new ManualClock();
    private final TrackerMetrics metrics = new TrackerMetrics();
    private final TorrentAdmission admission = hash -> hash[0] != 'x';
    private final TrackerCore core = new TrackerCore(TrackerConfig.defaults(), LimitsConfig.defaults(),
            ClassicConfig.defaults(), clock, metrics, admission, TorrentHistory.NONE);
    private final HttpTrackerDispatcher dispatcher = new HttpTrackerDispatcher(core, ClassicConfig.defaults(),
            LimitsConfig.defaults(), metrics, clock);
    private final MessageBudget budget = dispatcher.newBudget();

    private static ClassicConfig classic(int maxNumWant, String trustIp) {
        ClassicConfig d = ClassicConfig.defaults();
        return new ClassicConfig(d.http(), d.udp(), d.udpPort(), d.announceIntervalSeconds(),
                d.minAnnounceIntervalSeconds(), d.peerTimeoutSeconds(), d.defaultNumWant(), maxNumWant,
                d.maxScrapeHashes(), d.connectionIdSecret(), trustIp, d.httpKeepAliveSeconds(),
                d.udpReceiveBufferBytes());
    }

    private static String query(String torrent, String peer, int port, String event) {
        return "info_hash=" + pad(torrent) + "&peer_id=" + pad(peer) + "&port=" + port + "&left=10"
                + (event == null ? "" : "&event=" + event);
    }

    private static String pad(String name) {
        return (name + "-".repeat(20)).substring(0, 20);
    }

    private String announce(String query, IpAddress from) {
        byte[] q = query.getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(dispatcher.announce(q, 0, q.length, from, budget));
        return written();
    }

    private String written() {
        return new String(dispatcher.bytes(), 0, dispatcher.size(), StandardCharsets.ISO_8859_1);
    }

    private static String compact(int a, int b, int c, int d, int port) {
        return new String(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d, (byte) (port >> 8), (byte) port},
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void ipv4CallersGetIpv4PeersAndIpv6CallersPeers6() {
        announce(query("t", "a", 6881, "started"), A);
        announce(query("t", "six", 6883, "started"), V6);
        String second = announce(query("t", "b", 6882, "started"), B);
        assertTrue(second.contains("5:peers6:" + compact(192, 0, 2, 1, 6881) + "e"), second);
        String six = announce(query("t", "six2", 6884, "started"), V6_OTHER);
        assertTrue(six.contains("5:peers0:6:peers618:"), six);
        assertTrue(six.contains("complete"), six);
        assertTrue(six.contains("i4e"), "four leechers of both families: " + six);
    }

    @Test
    void anIpv4MappedClientIsAnIpv4Peer() {
        announce(query("mapped", "a", 6881, "started"), IpAddress.parse("::ffff:10.1.2.3"));
        String answer = announce(query("mapped", "b", 6882, "started"), B);
        assertTrue(answer.contains("5:peers6:" + compact(10, 1, 2, 3, 6881)), answer);
    }

    @Test
    void theIpParameterCountsOnlyWhenTrusted() {
        announce(query("ip", "a", 6881, "started") + "&ip=198.51.100.9", A);
        String ignored = announce(query("ip", "b", 6882, "started"), B);
        assertTrue(ignored.contains(compact(192, 0, 2, 1, 6881)), "off by default: the socket address");

        dispatcher.reconfigure(classic(200, ClassicConfig.ON), LimitsConfig.defaults());
        announce(query("ip2", "a", 6881, "started") + "&ip=198.51.100.9", A);
        announce(query("ip2", "c", 6883, "started") + "&ip=not-an-address", A);
        String trusted = announce(query("ip2", "b", 6882, "started"), B);
        assertTrue(trusted.contains(compact(198, 51, 100, 9, 6881)), "trusted: the named address");
        assertTrue(trusted.contains(compact(192, 0, 2, 1, 6883)), "a host name or garbage: the socket address");
    }

    @Test
    void aReannounceBeforeTheMinIntervalGetsCountsAndAWarning() {
        announce(query("min", "a", 6881, "started"), A);
        announce(query("min", "b", 6882, "started"), B);
        String early = announce(query("min", "a", 6881, null), A);
        assertTrue(early.endsWith("5:peers0:15:warning message" + HttpTrackerDispatcher.RATE_LIMITED_WARNING.length
                + ":" + new String(HttpTrackerDispatcher.RATE_LIMITED_WARNING, StandardCharsets.US_ASCII) + "e"), early);
        assertTrue(early.contains("10:incompletei2e"), early);
    }

    @Test
    void numwantIsCappedByTheReloadedMaximum() {
        for (int i = 0; i < 5; i++) {
            announce(query("cap", "p" + i, 7000 + i, "started"), A);
        }
        dispatcher.reconfigure(classic(2, ClassicConfig.OFF), LimitsConfig.defaults());
        String answer = announce(query("cap", "last", 7100, "started") + "&numwant=100", A);
        assertTrue(answer.contains("5:peers12:"), "two peers of 6 bytes: " + answer);
    }

    @Test
    void refusalsFromTheCoreAndTheDecoderAreFailureReasons() {
        announce(query("xnot-served", "a", 6881, "started"), A);
        assertEquals("d14:failure reason" + TrackerError.TORRENT_NOT_ALLOWED.reason().length() + ":"
                + TrackerError.TORRENT_NOT_ALLOWED.reason() + "e", written());
        announce("info_hash=%4", A);
        assertTrue(written().contains(TrackerError.BAD_PERCENT_ENCODING.reason()));
        assertEquals(1, metrics.httpFailures(TrackerError.TORRENT_NOT_ALLOWED));
        assertEquals(1, metrics.httpFailures(TrackerError.BAD_PERCENT_ENCODING));
        assertEquals(2, metrics.httpAnnounces.sum());
        assertEquals(0, metrics.httpAnnounceResponses.sum());
    }

    @Test
    void scrapeCountsEachNamedHash() {
        announce(query("s1", "a", 6881, "started"), A);
        byte[] q = ("info_hash=" + pad("s1") + "&info_hash=" + pad("xdenied")).getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(dispatcher.scrape(q, 0, q.length, budget));
        assertEquals("d5:filesd20:" + pad("s1") + "d8:completei0e10:downloadedi0e10:incompletei1ee"
                + "20:" + pad("xdenied") + "d8:completei0e10:downloadedi0e10:incompletei0eeee", written());
        assertEquals(1, metrics.httpScrapeResponses.sum());
    }

    @Test
    void overTheBudgetTheAnswerIsAFailureAndTheConnectionShouldClose() {
        HttpTrackerDispatcher tight = new HttpTrackerDispatcher(core, ClassicConfig.defaults(),
                new LimitsConfig(512, 10_000, 2_000_000, 1, 2, 100_000), metrics, clock);
        MessageBudget small = tight.newBudget();
        byte[] q = ("info_hash=" + pad("b")).getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(tight.scrape(q, 0, q.length, small));
        assertTrue(tight.scrape(q, 0, q.length, small));
        assertFalse(tight.scrape(q, 0, q.length, small));
        assertTrue(new String(tight.bytes(), 0, tight.size(), StandardCharsets.US_ASCII)
                .contains(TrackerError.MESSAGE_RATE_EXCEEDED.reason()));
        clock.advanceMillis(1000);
        assertTrue(tight.scrape(q, 0, q.length, small), "refilled at one a second");
    }
}
