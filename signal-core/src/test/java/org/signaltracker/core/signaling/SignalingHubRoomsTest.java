package org.signaltracker.core.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.error.SignalingError;

class SignalingHubRoomsTest {

    @Test
    void theFirstFindsNobodyLaterOnesFindTheOthersAndEveryoneElseHears() {
        HubFixture f = new HubFixture();
        SignalingConnection a = f.identified("a");
        SignalingConnection b = f.identified("b");
        SignalingConnection c = f.identified("c");
        assertNull(f.hub.join(a, "r", f.events));
        assertNull(f.hub.join(b, "r", f.events));
        assertNull(f.hub.join(c, "r", f.events));
        assertEquals(List.of("a joined r []", "b joined r [a]", "a +r b", "c joined r [a, b]", "a +r c", "b +r c"),
                f.events.drain());
        assertNull(f.hub.leave(b, "r", f.events));
        assertEquals(List.of("a -r b", "c -r b"), f.events.drain());
        f.hub.close(a, f.events);
        assertEquals(List.of("c -r a"), f.events.drain());
        assertEquals(1, f.hub.roomCount());
        f.hub.close(c, f.events);
        assertEquals(0, f.hub.roomCount(), "a room vanishes with its last member");
    }

    @Test
    void joinAndLeaveErrors() {
        HubFixture f = new HubFixture(HubFixture.config("reject", 2, 2, ""));
        SignalingConnection a = f.identified("a");
        assertEquals(SignalingError.MISSING_ROOM_ID, f.hub.join(a, "bad room", f.events));
        assertEquals(SignalingError.MISSING_ROOM_ID, f.hub.join(a, "", f.events));
        assertEquals(SignalingError.NOT_IN_ROOM, f.hub.leave(a, "r", f.events));
        assertNull(f.hub.join(a, "r", f.events));
        assertEquals(SignalingError.ALREADY_IN_ROOM, f.hub.join(a, "r", f.events));
        assertNull(f.hub.join(a, "s", f.events));
        assertEquals(SignalingError.TOO_MANY_ROOMS, f.hub.join(a, "t", f.events));
        assertNull(f.hub.join(f.identified("b"), "r", f.events));
        assertEquals(SignalingError.ROOM_FULL, f.hub.join(f.identified("c"), "r", f.events));
    }

    @Test
    void concurrentJoinsTellEveryPairExactlyOnceAndNobodyAboutItself() throws Exception {
        HubFixture f = new HubFixture();
        int peers = 200;
        List<SignalingConnection> conns = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            conns.add(f.identified("p" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<SignalingError>> results = new ArrayList<>();
            for (SignalingConnection conn : conns) {
                results.add(pool.submit(() -> {
                    start.await();
                    return f.hub.join(conn, "big", f.events);
                }));
            }
            start.countDown();
            for (Future<SignalingError> result : results) {
                assertNull(result.get(5, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        // Who learned of whom: from its own member list, or from a join notice.
        Map<String, List<String>> learned = new HashMap<>();
        for (String event : f.events.drain()) {
            String[] parts = event.split(" ", 3);
            List<String> known = learned.computeIfAbsent(parts[0], k -> new ArrayList<>());
            if (parts[1].equals("joined")) {
                String list = parts[2].substring(parts[2].indexOf('[') + 1, parts[2].length() - 1);
                if (!list.isEmpty()) {
                    known.addAll(List.of(list.split(", ")));
                }
            } else {
                known.add(parts[2]);
            }
        }
        for (SignalingConnection conn : conns) {
            List<String> known = learned.get(conn.name());
            assertEquals(peers - 1, known.size(), conn.name() + " learned " + known.size());
            assertEquals(peers - 1, known.stream().distinct().count(), conn.name() + " heard someone twice");
            assertTrue(!known.contains(conn.name()), conn.name() + " was told about itself");
        }
        assertEquals(peers, f.hub.roomMembers("big").size());
    }

    @Test
    void aReplacementRacingJoinsLeavesTheOldConnectionInNoRoom() throws Exception {
        for (int round = 0; round < 20; round++) {
            HubFixture f = new HubFixture(HubFixture.config("replace", 1000, 1000, ""));
            SignalingConnection old = f.identified("alice");
            SignalingConnection watcher = f.identified("watcher");
            for (int i = 0; i < 50; i++) {
                f.hub.join(watcher, "r" + i, f.events);
            }
            CountDownLatch start = new CountDownLatch(1);
            Thread joiner = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < 50; i++) {
                    f.hub.join(old, "r" + i, f.events);
                }
            });
            joiner.start();
            start.countDown();
            SignalingConnection fresh = f.open(Dialect.NATIVE);
            assertNull(f.hub.identify(fresh, "alice", null, null, f.events));
            joiner.join(5_000);
            assertTrue(old.isGone());
            for (int i = 0; i < 50; i++) {
                assertEquals(List.of(watcher), f.hub.roomMembers("r" + i), "round " + round + " room r" + i);
            }
            // The watcher heard alice join a room only if it also heard her leave it, in that order.
            List<String> heard = f.events.drain().stream().filter(e -> e.startsWith("watcher ")).toList();
            for (int i = 0; i < 50; i++) {
                int joined = heard.indexOf("watcher +r" + i + " alice");
                int left = heard.indexOf("watcher -r" + i + " alice");
                assertEquals(joined < 0, left < 0, "round " + round + " room r" + i + ": " + heard);
                assertTrue(joined <= left, "round " + round + " room r" + i + ": left before joined");
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
