package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 200 identified peers send JOIN_ROOM for one room at the same moment, over real sockets on every event
 * loop: joins are atomic per room, so every two members learn of each other exactly once (one from its
 * ROOM_MEMBERS, the other from a NEW_PEER_IN_ROOM) and nobody is told about itself. Plain-socket clients
 * keep 200 connections cheap for the test JVM.
 */
class TwoHundredJoinOneRoomTest {

    private static final int PEERS = 200;

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("server.ioThreads = 4\n");

    @Test
    void everyPairLearnsOfEachOtherExactlyOnce() throws Exception {
        List<RawWebSocket> clients = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < PEERS; i++) {
                RawWebSocket client = new RawWebSocket(SERVER.port(), 0, "/ws");
                clients.add(client);
                client.sendText("{\"type\":\"IDENTIFY\",\"username\":\"p" + i + "\"}");
                assertEquals("AUTH_SUCCESS", Signaling.json(client.readFrame().text()).get("type"));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (RawWebSocket client : clients) {
                sent.add(senders.submit(() -> {
                    go.await();
                    client.sendText("{\"type\":\"JOIN_ROOM\",\"roomId\":\"crowd\"}");
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : sent) {
                f.get(10, TimeUnit.SECONDS);
            }
            // Each peer hears of exactly the 199 others: some in ROOM_MEMBERS, the rest one by one. Its messages
            // wait in the kernel's buffers until read here; 200 x 199 small ones fit.
            Set<String> pairs = new HashSet<>();
            for (int i = 0; i < PEERS; i++) {
                RawWebSocket client = clients.get(i);
                String self = "p" + i;
                Set<String> known = new HashSet<>();
                boolean sawMembers = false;
                while (known.size() < PEERS - 1 || !sawMembers) {
                    Map<String, Object> m = Signaling.json(client.readFrame().text());
                    if ("ROOM_MEMBERS".equals(m.get("type"))) {
                        assertFalse(sawMembers, "one ROOM_MEMBERS per join");
                        sawMembers = true;
                        for (Object member : (List<?>) m.get("members")) {
                            assertTrue(known.add((String) member), self + " heard of " + member + " twice");
                        }
                    } else {
                        assertEquals("NEW_PEER_IN_ROOM", m.get("type"), m.toString());
                        assertTrue(known.add((String) m.get("peerId")), self + " heard of " + m.get("peerId")
                                + " twice");
                    }
                }
                assertFalse(known.contains(self), "told about itself");
                for (String other : known) {
                    pairs.add(self.compareTo(other) < 0 ? self + "|" + other : other + "|" + self);
                }
            }
            assertEquals(PEERS * (PEERS - 1) / 2, pairs.size());
            assertEquals(PEERS, SERVER.server().hub().roomMembers("crowd").size());
        } finally {
            senders.shutdownNow();
            for (RawWebSocket client : clients) {
                client.close();
            }
        }
    }
}
