package org.signaltracker.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.SignalingMetrics;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.signaling.SignalingDispatcher;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.signaling.Authenticator;
import org.signaltracker.core.signaling.SignalingHub;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.http.HttpCounters;
import org.signaltracker.netty.http.HttpRoutes;
import org.signaltracker.netty.http.SignalingRoutes;
import org.signaltracker.netty.pipeline.ConnectionLimiter;
import org.signaltracker.netty.pipeline.TrackerChannelInitializer;
import org.signaltracker.netty.websocket.LoopResourceTable;
import org.signaltracker.netty.websocket.WebSocketUpgrade;

/**
 * The native signaling relay path ({@code /ws}) through the daemon's own pipeline, in the shape of
 * {@link RelayPathBenchmark}: two channels upgraded by a real handshake on {@code /ws} and identified; the
 * masked wire bytes of an ICE_CANDIDATE go through Netty's frame decoder, the session and the signaling
 * dispatcher (decode, target lookup, the {@code fromPeerId} splice) and come out of the receiver as wire
 * bytes. The candidate is a browser's (about 200 bytes). Compare its allocation per operation with
 * {@code RelayPathBenchmark.offerAndAnswer}: the target is nothing beyond the outgoing buffer.
 */
@State(Scope.Thread)
public class SignalingRelayBenchmark extends BenchmarkBase {

    private static final String CANDIDATE = ",\"candidate\":{\"candidate\":\"candidate:842163049 1 udp 1677729535 "
            + "127.0.0.1 54400 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag sBnA network-cost 999\","
            + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}";

    private EmbeddedChannel alice;
    private EmbeddedChannel bob;
    private ByteBuf toBob;
    private ByteBuf toAlice;
    private SignalingMetrics signalingMetrics;

    @Setup(Level.Trial)
    public void setUp() {
        TrackerConfig tracker = BenchConfig.tracker();
        WebSocketConfig webSocket = BenchConfig.webSocket();
        SignalingConfig signaling = BenchConfig.signaling();
        TrackerMetrics metrics = new TrackerMetrics();
        signalingMetrics = new SignalingMetrics();
        TrackerCore core = new TrackerCore(tracker, BenchConfig.limits(), SystemClock.INSTANCE, metrics);
        SignalingHub hub = new SignalingHub(signaling, SystemClock.INSTANCE, Authenticator.none());
        LoopResourceTable loops = new LoopResourceTable(
                () -> new WebTorrentDispatcher(core, tracker, metrics, SystemClock.INSTANCE),
                () -> new SignalingDispatcher(hub, signalingMetrics, SystemClock.INSTANCE),
                signaling.reliableQueueBytes(), webSocket, new HeldBytesBudget(1L << 30));
        ConnectionLimiter limiter = new ConnectionLimiter(0);
        TrackerChannelInitializer initializer = new TrackerChannelInitializer(webSocket, limiter,
                new WebSocketUpgrade(webSocket, metrics, loops), limiter, new HttpCounters(),
                SignalingRoutes.addTo(HttpRoutes.tracker(), hub, loops));
        alice = EmbeddedWire.connect(initializer, "/ws");
        bob = EmbeddedWire.connect(initializer, "/ws");
        identify(alice, "alice");
        identify(bob, "bob");
        toBob = EmbeddedWire.maskedFrame("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\"" + CANDIDATE);
        toAlice = EmbeddedWire.maskedFrame("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"alice\"" + CANDIDATE);
        long relays = signalingMetrics.relays.sum();
        if (iceCandidate() == 0 || signalingMetrics.relays.sum() != relays + 1
                || signalingMetrics.relaysRefused.sum() != 0) {
            throw new IllegalStateException("the candidate was not relayed: it would measure a refusal");
        }
    }

    private static void identify(EmbeddedChannel channel, String name) {
        ByteBuf frame = EmbeddedWire.maskedFrame("{\"type\":\"IDENTIFY\",\"username\":\"" + name + "\"}");
        channel.writeInbound(frame);
        if (EmbeddedWire.drain(channel) == 0) {
            throw new IllegalStateException(name + " got no AUTH_SUCCESS");
        }
    }

    /** One candidate from alice relayed to bob: the wire bytes bob's socket would be given. */
    @Benchmark
    public int iceCandidate() {
        alice.writeInbound(toBob.retainedDuplicate());
        int bytes = EmbeddedWire.drain(alice);
        return bytes + EmbeddedWire.drain(bob);
    }

    /** alice → bob, then bob's candidate back to alice: two relays, the load scenario's round trip. */
    @Benchmark
    public void candidateRoundTrip(Blackhole hole) {
        alice.writeInbound(toBob.retainedDuplicate());
        hole.consume(EmbeddedWire.drain(alice));
        hole.consume(EmbeddedWire.drain(bob));
        bob.writeInbound(toAlice.retainedDuplicate());
        hole.consume(EmbeddedWire.drain(bob));
        hole.consume(EmbeddedWire.drain(alice));
    }

    /**
     * The harness's own share of the figures above: the duplicate of the input frame each operation hands
     * to the pipeline (a socket read hands a buffer of its own instead). Subtract it from their B/op.
     */
    @Benchmark
    public void inputDuplicateOnly(Blackhole hole) {
        ByteBuf in = toBob.retainedDuplicate();
        hole.consume(in);
        in.release();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (signalingMetrics.relaysRefused.sum() != 0) {
            throw new IllegalStateException(signalingMetrics.relaysRefused.sum() + " relays were refused");
        }
        toBob.release();
        toAlice.release();
        alice.finishAndReleaseAll();
        bob.finishAndReleaseAll();
    }
}
