package org.signaltracker.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.websocket.LoopResources;
import org.signaltracker.netty.websocket.TrackerFrameHandler;

/**
 * The hot relay path through the real handlers: the bytes of an incoming offer-carrying announce frame
 * are decoded, peers are chosen, and every receiver's outgoing frame is encoded to wire bytes by Netty's
 * WebSocket encoder. Also the answer path. One operation is one incoming message with all its outputs.
 */
@State(Scope.Thread)
public class RelayPathBenchmark extends BenchmarkBase {

    private static final int RECEIVERS = 10;

    @Param({"1", "5", "10"})
    public int offers;

    @Param({"300", "3072"})
    public int sdpBytes;

    private EmbeddedChannel sender;
    private final EmbeddedChannel[] receivers = new EmbeddedChannel[RECEIVERS];
    private ByteBuf announceFrame;
    private ByteBuf answerFrame;

    @Setup(Level.Trial)
    public void setUp() {
        TrackerConfig tracker = BenchConfig.tracker();
        TrackerMetrics metrics = new TrackerMetrics();
        TrackerCore core = new TrackerCore(tracker, BenchConfig.limits(), SystemClock.INSTANCE, metrics);
        FastThreadLocal<LoopResources> resources = TrackerFrameHandler.loopResources(
                () -> new WebTorrentDispatcher(core, tracker, metrics, SystemClock.INSTANCE), 1 << 20);
        DefaultChannelGroup group = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);
        sender = connect(core, resources, group);
        for (int i = 0; i < RECEIVERS; i++) {
            receivers[i] = connect(core, resources, group);
            receivers[i].writeInbound(frame("{\"action\":\"announce\",\"info_hash\":\"" + id("bench-hash") + "\","
                    + "\"peer_id\":\"" + id("receiver-" + i) + "\",\"event\":\"started\",\"left\":0}"));
            drain(receivers[i]);
        }
        String sdp = "v=0\\r\\n" + "a".repeat(Math.max(0, sdpBytes - 7));
        StringBuilder announce = new StringBuilder("{\"action\":\"announce\",\"info_hash\":\"" + id("bench-hash")
                + "\",\"peer_id\":\"" + id("sender") + "\",\"numwant\":" + offers
                + ",\"uploaded\":0,\"downloaded\":0,\"left\":100,\"offers\":[");
        for (int i = 0; i < offers; i++) {
            announce.append(i == 0 ? "" : ",").append("{\"offer\":{\"type\":\"offer\",\"sdp\":\"").append(sdp)
                    .append("\"},\"offer_id\":\"").append(id("offer-" + i)).append("\"}");
        }
        announceFrame = Unpooled.directBuffer().writeBytes(announce.append("]}").toString()
                .getBytes(StandardCharsets.UTF_8));
        answerFrame = Unpooled.directBuffer().writeBytes(("{\"action\":\"announce\",\"info_hash\":\""
                + id("bench-hash") + "\",\"peer_id\":\"" + id("receiver-0") + "\",\"to_peer_id\":\"" + id("sender")
                + "\",\"offer_id\":\"" + id("offer-0") + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"" + sdp
                + "\"}}").getBytes(StandardCharsets.UTF_8));
        sender.writeInbound(frame("{\"action\":\"announce\",\"info_hash\":\"" + id("bench-hash") + "\","
                + "\"peer_id\":\"" + id("sender") + "\",\"event\":\"started\",\"left\":100}"));
        drain(sender);
    }

    private static EmbeddedChannel connect(TrackerCore core, FastThreadLocal<LoopResources> resources,
            DefaultChannelGroup group) {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameEncoder(false),
                new TrackerFrameHandler(core, resources, group, pipeline -> { }));
        channel.pipeline().fireUserEventTriggered(
                new WebSocketServerProtocolHandler.HandshakeComplete("/announce", new DefaultHttpHeaders(), null));
        return channel;
    }

    private static TextWebSocketFrame frame(String json) {
        return new TextWebSocketFrame(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    private static String id(String name) {
        StringBuilder sb = new StringBuilder(name);
        while (sb.length() < 20) {
            sb.append('-');
        }
        return sb.substring(0, 20);
    }

    /** Releases and counts what a channel wrote, as the socket would have consumed it. */
    private static int drain(EmbeddedChannel channel) {
        int bytes = 0;
        Object out;
        while ((out = channel.readOutbound()) != null) {
            if (out instanceof ByteBuf buf) {
                bytes += buf.readableBytes();
            }
            ReferenceCountUtil.release(out);
        }
        return bytes;
    }

    @Benchmark
    public int offerCarryingAnnounce() {
        sender.writeInbound(new TextWebSocketFrame(announceFrame.retainedDuplicate()));
        int bytes = drain(sender);
        for (EmbeddedChannel receiver : receivers) {
            bytes += drain(receiver);
        }
        return bytes;
    }

    @Benchmark
    public void answer(Blackhole hole) {
        receivers[0].writeInbound(new TextWebSocketFrame(answerFrame.retainedDuplicate()));
        hole.consume(drain(sender));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        announceFrame.release();
        answerFrame.release();
        sender.finishAndReleaseAll();
        for (EmbeddedChannel receiver : receivers) {
            receiver.finishAndReleaseAll();
        }
    }
}
