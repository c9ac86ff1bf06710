package org.signaltracker.core.protocol.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.metrics.SignalingMetrics;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.signaling.Authenticator;
import org.signaltracker.core.signaling.SignalingConnection;
import org.signaltracker.core.signaling.SignalingHub;
import org.signaltracker.core.time.ManualClock;

/**
 * The {@code /ws} relay path allocates nothing per message beyond the output buffer it reuses: decode,
 * target lookup (a cached name), the splice of {@code fromPeerId} and the send. Measured with the JVM's
 * per-thread allocation counter over many steady-state ICE_CANDIDATE and SDP relays both ways, native and
 * to a /v1 peer.
 */
class SignalingRelayAllocationTest {

    private static final int MESSAGES = 5_000;

    /** A session that only counts: it must not allocate, or it would hide the dispatcher's allocations. */
    private static final class CountingSession implements PeerSession {
        private static long nextId = 500;
        private final long id = nextId++;
        long messages;

        @Override
        public long id() {
            return id;
        }

        @Override
        public boolean send(byte[] buf, int offset, int length) {
            messages++;
            return true;
        }

        @Override
        public void close(int closeCode, String reason) {
        }

        @Override
        public String remoteAddress() {
            return "counting";
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void steadyStateRelaysAllocateNothing() {
        ManualClock clock = new ManualClock();
        SignalingConfig d = SignalingConfig.defaults();
        SignalingConfig config = new SignalingConfig(d.authMode(), d.hmacSecret(), d.adminToken(), d.clientVersions(),
                d.duplicateName(), 1_000_000, 1_000_000, d.maxRoomMembers(), d.maxRoomsPerConnection(),
                d.keyedRoomIdleSeconds(), d.maxKeyedRoomsPerAddress(), d.maxKeyedRooms(), d.maxRegistrations(),
                d.registrationTtlSeconds(), d.reliableQueueBytes(), d.unidentifiedTimeoutSeconds());
        SignalingHub hub = new SignalingHub(config, clock, Authenticator.none());
        SignalingMetrics metrics = new SignalingMetrics();
        SignalingDispatcher dispatcher = new SignalingDispatcher(hub, metrics, clock);
        CountingSession aliceSession = new CountingSession();
        CountingSession bobSession = new CountingSession();
        CountingSession carolSession = new CountingSession();
        SignalingConnection alice = dispatcher.openNative(aliceSession);
        SignalingConnection bob = dispatcher.openNative(bobSession);
        send(dispatcher, alice, "{\"type\":\"IDENTIFY\",\"username\":\"alice\"}");
        send(dispatcher, bob, "{\"type\":\"IDENTIFY\",\"username\":\"bob\"}");
        hub.register("carol");
        SignalingConnection carol = dispatcher.openV1(carolSession, "carol");

        byte[] candidate = utf8("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\",\"fromPeerId\":\"mallory\","
                + "\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host\","
                + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
        byte[] answer = utf8("{\"type\":\"SDP_ANSWER\",\"toPeerId\":\"alice\",\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n"
                + "a=candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host\\r\\n".repeat(5) + "\"}}");
        byte[] toV1 = utf8("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"carol\",\"candidate\":\"c\"}");
        byte[] fromV1 = utf8("{\"target\":\"alice\",\"type\":\"offer\",\"payload\":{\"sdp\":\"v=0\"}}");

        for (int i = 0; i < MESSAGES; i++) { // warm-up: lazy state, caches and the JIT's first compilations
            round(dispatcher, alice, bob, carol, candidate, answer, toV1, fromV1);
        }
        long relaysBefore = metrics.relays.sum();
        long bobBefore = bobSession.messages;
        long aliceBefore = aliceSession.messages;
        long carolBefore = carolSession.messages;
        long before = allocatedBytes();
        for (int i = 0; i < MESSAGES; i++) {
            round(dispatcher, alice, bob, carol, candidate, answer, toV1, fromV1);
        }
        long allocated = allocatedBytes() - before;

        assertEquals(MESSAGES, bobSession.messages - bobBefore, "every candidate reached bob");
        assertEquals(2L * MESSAGES, aliceSession.messages - aliceBefore, "alice got every answer and /v1 offer");
        assertEquals(MESSAGES, carolSession.messages - carolBefore, "carol got every candidate");
        assertEquals(4L * MESSAGES, metrics.relays.sum() - relaysBefore);
        // A few hundred bytes of slack for the counter's own bookkeeping; one object per message would already
        // be 16 bytes x 20,000 messages.
        assertTrue(allocated < 1024, "the relay path allocated " + allocated + " bytes over " + 4 * MESSAGES
                + " relays");
    }

    private static void round(SignalingDispatcher dispatcher, SignalingConnection alice, SignalingConnection bob,
            SignalingConnection carol, byte[] candidate, byte[] answer, byte[] toV1, byte[] fromV1) {
        dispatcher.onText(alice, candidate, 0, candidate.length);
        dispatcher.onText(bob, answer, 0, answer.length);
        dispatcher.onText(alice, toV1, 0, toV1.length);
        dispatcher.onText(carol, fromV1, 0, fromV1.length);
    }

    private static void send(SignalingDispatcher dispatcher, SignalingConnection conn, String json) {
        byte[] bytes = utf8(json);
        dispatcher.onText(conn, bytes, 0, bytes.length);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
