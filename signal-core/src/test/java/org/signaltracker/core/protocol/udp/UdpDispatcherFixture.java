package org.signaltracker.core.protocol.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.metrics.UdpMetrics;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerCore;

/** The real core behind a UDP dispatcher, a wall clock for connection ids, and helpers to talk to it. */
abstract class UdpDispatcherFixture {

    static final ClassicConfig CLASSIC = new ClassicConfig("on", "on", 0, 1800, 900, 2700, 50, 200, 64, "", "off",
            30, 4 << 20);
    static final byte[] CLIENT = {127, 0, 0, 1};
    static final byte[] HASH = UdpPackets.id("udp-dispatcher-hash");

    final AtomicLong wallClock = new AtomicLong(1_700_000_030_000L);
    final ManualClock clock = new ManualClock();
    final TrackerMetrics trackerMetrics = new TrackerMetrics();
    final UdpMetrics metrics = trackerMetrics.udp;
    final TrackerCore core = new TrackerCore(TrackerConfig.defaults(), LimitsConfig.defaults(), clock,
            trackerMetrics);
    final ConnectionIds ids = ConnectionIds.fromSecret("", wallClock::get);
    final UdpTrackerDispatcher dispatcher = new UdpTrackerDispatcher(core, CLASSIC, ids, metrics);

    /** The reply to {@code packet} from {@code source}, or null when the dispatcher sends nothing. */
    byte[] send(byte[] packet, byte[] source) {
        int length = dispatcher.handle(packet, packet.length, source, source.length);
        assertTrue(length <= AmplificationBound.MAX_REPLY_BYTES);
        return length == 0 ? null : Arrays.copyOf(dispatcher.reply(), length);
    }

    long connect(byte[] source) {
        byte[] reply = send(UdpPackets.connect(7), source);
        assertNotNull(reply);
        return UdpPackets.readLong(reply, 8);
    }

    static void assertError(byte[] reply, int transactionId, TrackerError error) {
        assertNotNull(reply, "expected the error " + error);
        assertEquals(3, UdpPackets.readInt(reply, 0));
        assertEquals(transactionId, UdpPackets.readInt(reply, 4));
        assertEquals(error.reason(), UdpPackets.errorText(reply, reply.length));
    }

}
