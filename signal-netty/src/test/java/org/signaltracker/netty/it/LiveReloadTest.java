package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.ConfigReloader;
import org.signaltracker.netty.app.SignalTrackerServer;
import org.signaltracker.netty.transport.TestTransport;

/**
 * A reload (what SIGHUP runs) changes live limits of the running daemon without dropping a connection, as
 * a client sees them on the wire; a file with an error changes nothing; a restart-only change is named.
 * The config lives in a file, exactly as an operator edits it.
 */
class LiveReloadTest {

    private static final String BASE = TestTransport.appendTo("server.bindAddress = 127.0.0.1\nserver.port = 0\n"
            + "admin.port = 0\nserver.shutdownGraceSeconds = 1\n");
    private static final String RATE_FAILURE = TrackerError.MESSAGE_RATE_EXCEEDED.reason();

    /** Held here: java.util.logging keeps loggers weakly, and a collected one would lose the handler. */
    private static final Logger RELOAD_LOG = Logger.getLogger(ConfigReloader.class.getName());

    @TempDir
    Path dir;
    private Path file;
    private SignalTrackerServer server;
    private ConfigReloader reloader;
    private int port;
    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(record.getLevel() + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureReloadLog() {
        RELOAD_LOG.addHandler(capture);
    }

    @AfterEach
    void stop() {
        RELOAD_LOG.removeHandler(capture);
        if (server != null) {
            server.stop();
        }
    }

    private void start(String lines) throws Exception {
        file = dir.resolve("signal-tracker.conf");
        Files.writeString(file, BASE + lines);
        server = new SignalTrackerServer(ConfigFile.load(file), SystemClock.INSTANCE);
        port = server.start().getPort();
        reloader = new ConfigReloader(file, server.live());
    }

    private ConfigReloader.Outcome reloadWith(String lines) throws Exception {
        Files.writeString(file, BASE + lines);
        return reloader.reload();
    }

    private TestClient client() throws Exception {
        return TestClient.connect(java.net.URI.create("ws://127.0.0.1:" + port + "/announce"));
    }

    private List<String> log() {
        synchronized (logLines) {
            return List.copyOf(logLines);
        }
    }

    @Test
    void aLowerMessageRateReachesAnOpenConnectionWhichStaysOpen() throws Exception {
        start("limits.messagesPerSecond = 1000\nlimits.messageBurst = 1000\n");
        try (TestClient open = client()) {
            for (int i = 0; i < 20; i++) {
                open.send(Wire.scrape("before"));
                assertEquals("scrape", open.next().get("action"), "well under the first limit");
            }
            ConfigReloader.Outcome outcome = reloadWith("limits.messagesPerSecond = 1\nlimits.messageBurst = 5\n");
            assertEquals(List.of("limits.messagesPerSecond", "limits.messageBurst"), outcome.applied());
            assertTrue(log().contains("INFO reload of " + file + ": applied limits.messagesPerSecond, "
                    + "limits.messageBurst"), log().toString());
            // The loop applies the reload on its own thread, at a moment of its choosing: once it has, a
            // burst of 5 at 1/s shows within a few messages. The deadline only bounds a failure.
            Await.until("the open connection meets the new rate", Duration.ofSeconds(10), () -> {
                try {
                    open.send(Wire.scrape("after"));
                    return RATE_FAILURE.equals(open.next().get("failure reason"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertFalse(open.isClosed(), "the reload closed nothing");
        }
        assertEquals(0, server.connectionLimiter().refusedConnections());
    }

    @Test
    void aLowerConnectionCapAppliesToTheNextConnectionOnly() throws Exception {
        start("limits.maxConnections = 0\n");
        try (TestClient first = client(); TestClient second = client()) {
            reloadWith("limits.maxConnections = 1\n");
            assertEquals(1, server.connectionLimiter().maxConnections());
            String upgrade = RawHttp.untilClose(port, "GET /announce HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n");
            assertTrue(upgrade.startsWith("HTTP/1.1 503 Service Unavailable"), upgrade);
            assertTrue(upgrade.contains("connection limit 1 reached"), upgrade);
            first.send(Wire.scrape("x"));
            assertEquals("scrape", first.next().get("action"), "connections over the new cap stay open");
            second.send(Wire.scrape("x"));
            assertEquals("scrape", second.next().get("action"));
        }
    }

    @Test
    void theNextAnnounceReplyCarriesAReloadedInterval() throws Exception {
        start("tracker.announceIntervalSeconds = 120\n");
        try (TestClient peer = client()) {
            peer.send(Wire.announce("interval", "a", "started", 10));
            assertEquals(120L, ((Number) peer.next().get("interval")).longValue());
            reloadWith("tracker.announceIntervalSeconds = 60\n");
            Await.until("the loop applied the reload", Duration.ofSeconds(5), () -> {
                try {
                    peer.send(Wire.announce("interval", "a", null, 10));
                    Map<String, Object> reply = peer.next();
                    return ((Number) reply.get("interval")).longValue() == 60L;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void aFileWithAnErrorIsRefusedWholeAndTheOldLimitStays() throws Exception {
        start("limits.maxConnections = 1\n");
        ConfigReloader.Outcome outcome = reloadWith("limits.maxConnections = 5\nlimits.messagesPerSecond = -3\n");
        assertEquals(ConfigReloader.Outcome.Kind.REFUSED, outcome.kind());
        assertEquals("limits.messagesPerSecond: -3 (expected: an integer in 1..10000000)", outcome.reason());
        assertTrue(log().contains("WARNING reload refused, the running configuration stays: " + file
                + ": limits.messagesPerSecond: -3 (expected: an integer in 1..10000000)"), log().toString());
        assertEquals(1, server.live().current().limits().maxConnections());
        try (TestClient first = client()) {
            String upgrade = RawHttp.untilClose(port, "GET /announce HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n");
            assertTrue(upgrade.startsWith("HTTP/1.1 503"), "the old cap of 1 is still in force: " + upgrade);
        }
    }

    @Test
    void aBanFileWithABadLineRefusesTheWholeReload() throws Exception {
        start("limits.maxConnections = 1\n");
        Path bans = dir.resolve("bans.txt");
        Files.writeString(bans, "192.0.2.0/24\n10.0.0.0/33\n");
        ConfigReloader.Outcome outcome = reloadWith("limits.maxConnections = 5\naccess.bannedRangesFile = " + bans
                + "\n");
        assertEquals(ConfigReloader.Outcome.Kind.REFUSED, outcome.kind());
        assertTrue(outcome.reason().startsWith("access.bannedRangesFile: ") && outcome.reason().contains("line 2"),
                outcome.reason());
        assertEquals(1, server.live().current().limits().maxConnections(), "nothing of the refused file applied");
        assertEquals("", server.live().current().access().bannedRangesFile());
    }

    @Test
    void aRestartOnlyChangeIsNamedAndTheLiveRestApplied() throws Exception {
        start("server.ioThreads = 2\n");
        ConfigReloader.Outcome outcome = reloadWith("server.ioThreads = 3\nserver.soBacklog = 64\n"
                + "log.level = debug\n");
        assertEquals(List.of("server.ioThreads", "server.soBacklog"), outcome.restartOnly());
        assertEquals(List.of("log.level"), outcome.applied());
        assertTrue(log().contains("WARNING reload: server.ioThreads, server.soBacklog changed but only apply after"
                + " a restart; the running values stay until then"), log().toString());
        assertEquals(2, server.live().current().server().ioThreads(), "the running value stays");
        assertEquals("debug", server.live().current().log().level());
        ConfigReloader.Outcome again = reloader.reload();
        assertEquals(List.of("server.ioThreads", "server.soBacklog"), again.restartOnly(),
                "still named on the next reload: still not applied");
        assertEquals(List.of(), again.applied());
    }

    @Test
    void withoutAConfigFileAReloadChangesNothing() throws Exception {
        start("");
        ConfigReloader defaults = new ConfigReloader(null, server.live());
        assertEquals(ConfigReloader.Outcome.Kind.NO_FILE, defaults.reload().kind());
        assertTrue(log().stream().anyMatch(l -> l.startsWith("INFO reload: the daemon started with the embedded "
                + "defaults")), log().toString());
    }
}
