package org.signaltracker.netty.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.uring.IoUring;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.signaltracker.core.access.AccessControl;
import org.signaltracker.core.config.AccessConfig;
import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.metrics.AccessMetrics;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.udp.ConnectionIds;
import org.signaltracker.core.protocol.udp.UdpTrackerDispatcher;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.transport.TestTransport;
import org.signaltracker.netty.transport.Transport;

/**
 * With a wildcard bind address, an address added to an interface while the tracker runs is served within
 * a rescan, its replies leaving from it; one removed has its sockets closed, so a datagram to it is no
 * longer answered; a reload reaches the sockets bound later; close() closes them too. Real sockets and
 * real interface addresses (added to lo with ip(8)), on both transports, with the rescan shortened.
 */
class UdpTrackerListenerFollowsInterfacesTest {

    private static final Duration RESCAN = Duration.ofMillis(50);
    /** Bounds a failure; a passing test waits a rescan or two. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int REPLY_MILLIS = 5000;
    /** How long a datagram that must stay unanswered is given. */
    private static final int SILENCE_MILLIS = 300;
    private static final long PROTOCOL_ID = 0x41727101980L;
    private static final ClassicConfig CLASSIC = new ClassicConfig("on", "on", 0, 1800, 0, 2700, 50, 200, 64, "",
            "off", 30, 1 << 20);

    /** auto, or the transport the run selects ({@link TestTransport}). */
    private static final String DEFAULT_TRANSPORT = TestTransport.selected().isEmpty() ? "auto" : TestTransport.selected();

    private MultiThreadIoEventLoopGroup loops;
    private UdpTrackerListener listener;
    private int nextTransaction = 1;

    private void start(String transportMode, String wildcard) throws Exception {
        if (transportMode.equals("io_uring")) {
            Assumptions.assumeTrue(IoUring.isAvailable(), "io_uring unavailable here, so not tested: "
                    + IoUring.unavailabilityCause());
        }
        // As the server does: the datagrams of a transport that sends them elsewhere (io_uring's go to epoll).
        Transport transport = Transport.select(transportMode).datagrams();
        loops = transport.newEventLoopGroup(2, "udp-follow-test");
        TrackerMetrics metrics = new TrackerMetrics();
        TrackerConfig tracker = TrackerConfig.defaults();
        org.signaltracker.core.tracker.TrackerCore core = new org.signaltracker.core.tracker.TrackerCore(tracker,
                LimitsConfig.defaults(), SystemClock.INSTANCE, metrics);
        ConnectionIds ids = ConnectionIds.fromSecret("", System::currentTimeMillis);
        AccessControl access = AccessControl.start(AccessConfig.defaults(), SystemClock.INSTANCE, new AccessMetrics());
        listener = UdpTrackerListener.bind(transport, loops, wildcard, 0, 1 << 20,
                () -> new UdpTrackerDispatcher(core, CLASSIC, ids, metrics.udp), access, metrics.udp, RESCAN);
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"auto", "nio"})
    void anIpv4AddressIsServedOnceAddedAndClosedOnceRemoved(String transport) throws Exception {
        start(transport, "0.0.0.0");
        InetSocketAddress tracker = new InetSocketAddress(LoopbackAlias.randomIpv4(), listener.localAddress().getPort());
        assertFalse(listener.localAddresses().contains(tracker), listener.localAddresses().toString());
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            assertNull(connect(client, tracker, SILENCE_MILLIS), "nothing listens on an address not there yet");
            try (LoopbackAlias alias = LoopbackAlias.add(tracker.getAddress())) {
                await("the listener binds " + tracker, () -> listener.localAddresses().contains(tracker));
                Long id = connect(client, tracker, REPLY_MILLIS);
                assertNotNull(id, "the new address answers");

                ClassicConfig reloaded = new ClassicConfig("on", "on", 0, 1234, 0, 2700, 50, 200, 64, "", "off", 30,
                        1 << 20);
                listener.reconfigure(reloaded);
                await("a reload reaches the sockets of the new address",
                        () -> announceInterval(client, tracker, id) == 1234);

                assertTrue(alias.remove());
                await("the listener closes " + tracker, () -> !listener.localAddresses().contains(tracker));
            }
            assertNull(connect(client, tracker, SILENCE_MILLIS), "a removed address is no longer answered");
            assertTrue(listener.localAddresses().contains(new InetSocketAddress("127.0.0.1", tracker.getPort())),
                    "the other addresses stay: " + listener.localAddresses());
            assertNotNull(connect(client, new InetSocketAddress("127.0.0.1", tracker.getPort()), REPLY_MILLIS));
        }
    }

    @Test
    void anIpv6AddressIsServedOnceAddedAndClosedOnceRemoved() throws Exception {
        if (NetworkInterface.getByInetAddress(InetAddress.getByName("::1")) == null) {
            String reason = "SKIPPED: this machine has no ::1 (IPv6 loopback); the IPv6 address-follow test does not run";
            System.err.println(reason);
            Assumptions.abort(reason);
        }
        start(DEFAULT_TRANSPORT, "::");
        InetSocketAddress tracker = new InetSocketAddress(LoopbackAlias.randomIpv6(), listener.localAddress().getPort());
        assertFalse(listener.localAddresses().contains(tracker), listener.localAddresses().toString());
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("::1", 0));
                LoopbackAlias alias = LoopbackAlias.add(tracker.getAddress())) {
            await("the listener binds " + tracker, () -> listener.localAddresses().contains(tracker));
            assertNotNull(connect(client, tracker, REPLY_MILLIS), "the new address answers, from itself");
            assertTrue(alias.remove());
            // Nothing is sent to it now: without the address on lo, the datagram would leave by the default route.
            await("the listener closes " + tracker, () -> !listener.localAddresses().contains(tracker));
        }
    }

    /**
     * Another socket holds the port on the new address (without SO_REUSEPORT, so ours cannot share it):
     * the bind fails, is logged once however many passes retry it, and succeeds at the pass after the port
     * is free. The tracker serves its other addresses all along.
     */
    @Test
    void aNewAddressThatCannotBeBoundIsLoggedOnceAndRetriedUntilItBinds() throws Exception {
        start(DEFAULT_TRANSPORT, "0.0.0.0");
        InetSocketAddress tracker = new InetSocketAddress(LoopbackAlias.randomIpv4(), listener.localAddress().getPort());
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING && record.getMessage().contains(
                        tracker.getAddress().getHostAddress() + ":" + tracker.getPort())) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(UdpTrackerListener.class.getName());
        log.addHandler(capture);
        // 127.0.0.0/8 is local as a whole: the port can be taken on the address before lo has it.
        try (DatagramSocket blocker = new DatagramSocket(tracker);
                LoopbackAlias alias = LoopbackAlias.add(tracker.getAddress());
                DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            await("the failed bind is logged", () -> !warnings.isEmpty());
            long passes = listener.rescanPasses();
            await("three more passes retry it", () -> listener.rescanPasses() >= passes + 3);
            assertEquals(1, warnings.size(), "logged once, not at every pass: " + warnings);
            assertFalse(listener.localAddresses().contains(tracker));
            assertNotNull(connect(client, new InetSocketAddress("127.0.0.1", tracker.getPort()), REPLY_MILLIS),
                    "the other addresses are served");
            blocker.close();
            await("a later pass binds " + tracker, () -> listener.localAddresses().contains(tracker));
            assertNotNull(connect(client, tracker, REPLY_MILLIS), "the address answers once bound");
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void closingClosesTheSocketsOfAnAddressAddedLater() throws Exception {
        start(DEFAULT_TRANSPORT, "0.0.0.0");
        InetSocketAddress tracker = new InetSocketAddress(LoopbackAlias.randomIpv4(), listener.localAddress().getPort());
        try (LoopbackAlias alias = LoopbackAlias.add(tracker.getAddress())) {
            await("the listener binds " + tracker, () -> listener.localAddresses().contains(tracker));
            listener.close();
            assertEquals(0, listener.localAddresses().size());
            // A socket without SO_REUSEPORT binds only where no socket is left open on the address and port.
            try (DatagramSocket alone = new DatagramSocket(tracker)) {
                assertEquals(tracker, alone.getLocalSocketAddress());
            }
            await("the rescan thread ends", () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(thread -> thread.getName().equals(InterfaceAddressRescan.THREAD_NAME)));
        }
    }

    /** The connection id of a connect's reply, or null when none came within {@code millis}. */
    private Long connect(DatagramSocket client, InetSocketAddress tracker, int millis) throws IOException {
        int transaction = nextTransaction++;
        ByteBuffer reply = exchange(client, tracker,
                ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(0).putInt(transaction).array(), millis);
        if (reply == null) {
            return null;
        }
        assertEquals(16, reply.remaining());
        assertEquals(transaction, reply.getInt(4));
        return reply.getLong(8);
    }

    /** The interval of an announce's reply (a started leecher; repeating it changes nothing). */
    private int announceInterval(DatagramSocket client, InetSocketAddress tracker, long id) {
        int transaction = nextTransaction++;
        byte[] request = ByteBuffer.allocate(98).putLong(id).putInt(1).putInt(transaction)
                .put(new byte[20]).put(new byte[] {'-', 'F', 'O', 'L', 'L', 'O', 'W'}).put(new byte[13])
                .putLong(0).putLong(100).putLong(0).putInt(2).putInt(0).putInt(7).putInt(-1)
                .putShort((short) 6881).array();
        request[16] = 1;
        try {
            ByteBuffer reply = exchange(client, tracker, request, REPLY_MILLIS);
            assertNotNull(reply, "no reply to an announce");
            assertEquals(1, reply.getInt(0), "an announce reply");
            assertEquals(transaction, reply.getInt(4));
            return reply.getInt(8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ByteBuffer exchange(DatagramSocket client, InetSocketAddress tracker, byte[] request, int millis)
            throws IOException {
        client.send(new DatagramPacket(request, request.length, tracker));
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        client.setSoTimeout(millis);
        try {
            client.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        assertEquals(tracker, packet.getSocketAddress(), "the reply leaves from the address the request went to");
        return ByteBuffer.wrap(buffer, 0, packet.getLength()).slice();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + WAIT.toMillis() + " ms waiting until " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
