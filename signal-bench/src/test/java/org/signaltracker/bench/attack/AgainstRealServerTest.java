package org.signaltracker.bench.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.SignalTrackerServer;

/** The probe's own instruments against the real server on 127.0.0.1: they must see a healthy daemon as healthy. */
@Timeout(20)
class AgainstRealServerTest {

    private static SignalTrackerServer server;
    private static InetSocketAddress address;

    @BeforeAll
    static void start() throws Exception {
        server = new SignalTrackerServer(ConfigFile.parse(
                "server.bindAddress = 127.0.0.1\nserver.port = 0\nadmin.port = 0\nserver.shutdownGraceSeconds = 1\n"), SystemClock.INSTANCE);
        address = server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        server.awaitStopped();
    }

    @Test
    void aBystanderPairCompletesAnOfferAndAnAnswer() {
        Bystander.Result result = Bystander.exchange(address, 5);
        assertTrue(result.ok(), result.summary());
    }

    @Test
    void healthAnswers200() {
        assertEquals(200, HealthProbe.get(address, 2000).status());
    }

    @Test
    void clientsUpgradeSendAndHoldOrClose() throws Exception {
        ByteBuffer announce = ByteBuffer.wrap(ClientFrames.text("{\"action\":\"scrape\",\"info_hash\":\""
                + Bystander.id('H') + "\"}"));
        ByteBuffer partialPost = ByteBuffer.wrap("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n{".getBytes());
        try (RawClients clients = new RawClients(address, 2)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            clients.open(3, i -> new RawClients.Plan(true, announce, false, false, 0), deadline);
            clients.open(2, i -> new RawClients.Plan(false, partialPost, false, true, 0), deadline);
            clients.pumpUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
            RawClients.Counts counts = clients.counts();
            assertEquals(5, counts.connected);
            assertEquals(3, counts.upgraded);
            assertEquals(5, counts.payloadsSent);
            assertEquals(3, clients.countOpen(), "the WebSockets hold; the two POSTs closed themselves");
        }
    }
}
