package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaultsAndOverrides() {
        LoadConfig defaults = LoadOptions.parse(new String[0]);
        assertEquals("announce", defaults.scenario());
        assertEquals(1000, defaults.connections());
        assertEquals(5, defaults.offersPerAnnounce());
        LoadConfig custom = LoadOptions.parse(new String[] {"--scenario", "relay", "--connections", "10",
            "--url", "ws://127.3.4.5:9000/x", "--ratePerSecond", "500"});
        assertEquals("relay", custom.scenario());
        assertEquals(10, custom.connections());
        assertEquals(500, custom.ratePerSecond());
        assertEquals("127.3.4.5", custom.url().getHost());
        assertEquals(LoadConfig.SpinWait.AUTO, defaults.spinWait());
        assertEquals(LoadConfig.SpinWait.OFF, LoadOptions.parse(new String[] {"--spinWait", "off"}).spinWait());
    }

    @Test
    void spinWaitingIsForOpenLoopsWithACorePerLoop() {
        LoadConfig closed = LoadOptions.parse(new String[0]);
        LoadConfig open = LoadOptions.parse(new String[] {"--ratePerSecond", "100"});
        LoadConfig openFourLoops = LoadOptions.parse(new String[] {"--ratePerSecond", "100", "--threads", "4"});
        LoadConfig forced = LoadOptions.parse(new String[] {"--spinWait", "on"});
        assertEquals(false, EventLoops.spins(closed, 1));
        assertEquals(io.netty.channel.epoll.Epoll.isAvailable(), EventLoops.spins(open, 1));
        assertEquals(false, EventLoops.spins(openFourLoops, 2), "four spinning loops on two cores would starve each other");
        assertEquals(io.netty.channel.epoll.Epoll.isAvailable(), EventLoops.spins(forced, 1));
        assertEquals(false, EventLoops.spins(LoadOptions.parse(new String[] {"--ratePerSecond", "100", "--spinWait", "off"}), 1));
    }

    @Test
    void loadIsOnlyEverSentToLoopback() {
        for (String url : new String[] {"ws://10.0.0.1:80/", "ws://192.168.1.2:8000/", "ws://8.8.8.8:80/",
                "ws://localhost:8000/", "ws://example.org:80/", "wss://10.0.0.1:8443/", "http://127.0.0.1:8000/", "ws://127.0.0.1/"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LoadOptions.parse(new String[] {"--url", url}), url);
            assertTrue(e.getMessage().startsWith("url: "), e.getMessage());
        }
    }

    @Test
    void wssOnLoopbackIsAccepted() {
        assertEquals("wss", LoadOptions.parse(new String[] {"--url", "wss://127.0.0.1:8443/announce"}).url().getScheme());
    }

    @Test
    void badValuesNameTheOptionAndRange() {
        assertEquals("connections: 0 (expected: an integer in 1..19000)", assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--connections", "0"})).getMessage());
        assertEquals("scenario: flood (expected: announce, relay, idle, signal, churn, udp, http-new or http-keepalive)",
                assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--scenario", "flood"})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--bogus", "1"})).getMessage().startsWith("unknown option"));
        assertEquals("spinWait: maybe (expected: auto, on or off)", assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--spinWait", "maybe"})).getMessage());
    }

    @Test
    void theSignalScenarioTargetsWsUnlessAUrlIsGivenAndBoundsItsRooms() {
        LoadConfig signal = LoadOptions.parse(new String[] {"--scenario", "signal"});
        assertEquals("/ws", signal.url().getPath());
        assertEquals(0.25, signal.roomShare());
        assertEquals(10, signal.roomSize());
        assertEquals("/ws/x", LoadOptions.parse(new String[] {"--scenario", "signal", "--url",
            "ws://127.0.0.1:9/ws/x"}).url().getPath());
        assertEquals("/announce", LoadOptions.parse(new String[] {"--scenario", "relay"}).url().getPath());
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(new String[] {"--roomShare", "1.5"}));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(new String[] {"--roomSize", "1"}));
        assertTrue(LoadOptions.help().contains("signal"));
    }

    @Test
    void churnOptionsHaveDefaultsAndTheirSharesCannotExceedOne() {
        LoadConfig.Churn defaults = LoadOptions.parse(new String[] {"--scenario", "churn"}).churn();
        assertEquals(new LoadConfig.Churn(8, 2000, 0.3, 0.2, 60), defaults);
        LoadConfig custom = LoadOptions.parse(new String[] {"--scenario", "churn", "--churnLifeAnnounces", "3",
            "--churnAnnounceMillis", "500", "--churnAbruptShare", "0.5", "--churnSilentShare", "0.5",
            "--churnSilentSeconds", "90"});
        assertEquals(new LoadConfig.Churn(3, 500, 0.5, 0.5, 90), custom.churn());
        assertTrue(LoadOptions.describe(custom).contains("churn=(life 3 announces every 500 ms"));
        assertEquals("churnAbruptShare + churnSilentShare: 1.2 (expected: at most 1)",
                assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(new String[] {
                    "--churnAbruptShare", "0.6", "--churnSilentShare", "0.6"})).getMessage());
        assertEquals("churnAnnounceMillis: 5 (expected: an integer in 10..600000)",
                assertThrows(IllegalArgumentException.class,
                        () -> LoadOptions.parse(new String[] {"--churnAnnounceMillis", "5"})).getMessage());
        assertEquals("churnLifeAnnounces: 0 (expected: an integer in 1..10000)",
                assertThrows(IllegalArgumentException.class,
                        () -> LoadOptions.parse(new String[] {"--churnLifeAnnounces", "0"})).getMessage());
    }

    @Test
    void classicScenariosSpeakUdpOrHttpToLoopbackOnly() {
        LoadConfig udp = LoadOptions.parse(new String[] {"--scenario", "udp"});
        assertEquals("udp://127.0.0.1:8000", udp.url().toString());
        assertEquals(new LoadConfig.Classic(8, 16, 50, 5, 0, 100, 5, 60, 1000), udp.classic());
        assertEquals("http://127.0.0.1:8000/announce",
                LoadOptions.parse(new String[] {"--scenario", "http-new"}).url().toString());
        assertEquals(6969, LoadOptions.parse(new String[] {"--scenario", "http-keepalive", "--url",
            "http://127.9.0.1:6969/announce"}).url().getPort());
        assertTrue(LoadOptions.classic("http-keepalive") && LoadOptions.classic("udp") && !LoadOptions.classic("announce"));
        for (String[] wrong : new String[][] {{"udp", "ws://127.0.0.1:8000/announce"}, {"udp", "http://127.0.0.1:8000/"},
                {"udp", "udp://10.0.0.1:6969"}, {"udp", "udp://localhost:6969"}, {"udp", "udp://127.0.0.1"},
                {"http-new", "udp://127.0.0.1:6969"}, {"http-new", "https://127.0.0.1:443/announce"},
                {"http-keepalive", "http://192.168.0.1:80/announce"}, {"announce", "http://127.0.0.1:8000/announce"},
                {"udp", "udp://127.0.0.1:6969/ a b"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LoadOptions.parse(new String[] {"--scenario", wrong[0], "--url", wrong[1]}), String.join(" ", wrong));
            assertTrue(e.getMessage().startsWith("url: "), e.getMessage());
        }
    }

    @Test
    void classicOptionsAreBoundedAndTheMixNeedsAnnouncesOrScrapes() {
        LoadConfig custom = LoadOptions.parse(new String[] {"--scenario", "udp", "--udpSockets", "4", "--window", "64",
            "--numWant", "-1", "--scrapeHashes", "74", "--weightConnect", "100", "--weightAnnounce", "100",
            "--weightScrape", "1", "--connectionIdSeconds", "120", "--timeoutMillis", "500"});
        assertEquals(new LoadConfig.Classic(4, 64, -1, 74, 100, 100, 1, 120, 500), custom.classic());
        assertTrue(LoadOptions.describe(custom).contains("classic=(udpSockets 4, window 64, numWant -1"));
        assertEquals("weightAnnounce + weightScrape: 0 (expected: at least 1)", assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--scenario", "udp", "--weightAnnounce", "0", "--weightScrape", "0"}))
                .getMessage());
        assertEquals("scrapeHashes: 75 (expected: an integer in 1..74)", assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--scenario", "udp", "--scrapeHashes", "75"})).getMessage());
        assertEquals("numWant: 201 (expected: an integer in -1..200)", assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--scenario", "udp", "--numWant", "201"})).getMessage());
        assertEquals("window: 0 (expected: an integer in 1..4096)", assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--scenario", "udp", "--window", "0"})).getMessage());
        assertEquals("udpSockets: 257 (expected: an integer in 1..256)", assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--scenario", "udp", "--udpSockets", "257"})).getMessage());
        assertEquals("ratePerSecond: 100 (the udp scenario runs closed loop only: expected 0)",
                assertThrows(IllegalArgumentException.class,
                        () -> LoadOptions.parse(new String[] {"--scenario", "udp", "--ratePerSecond", "100"})).getMessage());
        assertEquals("timeoutMillis: 5 (expected: an integer in 10..60000)", assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--scenario", "udp", "--timeoutMillis", "5"})).getMessage());
    }
}
