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
        assertEquals("scenario: flood (expected: announce, relay, idle, signal or churn)", assertThrows(IllegalArgumentException.class,
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
}
