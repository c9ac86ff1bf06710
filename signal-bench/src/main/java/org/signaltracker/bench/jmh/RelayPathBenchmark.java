package org.signaltracker.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
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
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.pipeline.ConnectionLimiter;
import org.signaltracker.netty.pipeline.TrackerChannelInitializer;
import org.signaltracker.netty.websocket.LoopResourceTable;
import org.signaltracker.netty.websocket.WebSocketUpgrade;

/**
 * The hot relay path through the daemon's own pipeline: the masked wire bytes of an incoming
 * offer-carrying announce frame go through Netty's frame decoder and the tracker session (decode, choose
 * peers), and every receiver gets its outgoing frame as wire bytes. Also the answer path. Each channel
 * is upgraded by a real handshake first, exactly as {@code TrackerChannelInitializer} assembles it. One
 * operation is one incoming message with all its outputs.
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
    private EmbeddedChannel answerer;
    private ByteBuf oneOfferFrame;
    private ByteBuf answerFrame;

    @Setup(Level.Trial)
    public void setUp() {
        TrackerConfig tracker = BenchConfig.tracker();
        WebSocketConfig webSocket = BenchConfig.webSocket();
        TrackerMetrics metrics = new TrackerMetrics();
        TrackerCore core = new TrackerCore(tracker, BenchConfig.limits(), SystemClock.INSTANCE, metrics);
        LoopResourceTable loops = new LoopResourceTable(
                () -> new WebTorrentDispatcher(core, tracker, metrics, SystemClock.INSTANCE), webSocket,
                new HeldBytesBudget(1L << 30));
        TrackerChannelInitializer initializer = new TrackerChannelInitializer(webSocket, new ConnectionLimiter(0),
                new WebSocketUpgrade(webSocket, metrics, loops));
        sender = connect(initializer);
        for (int i = 0; i < RECEIVERS; i++) {
            receivers[i] = connect(initializer);
            receivers[i].writeInbound(maskedFrame("{\"action\":\"announce\",\"info_hash\":\"" + id("bench-hash")
                    + "\",\"peer_id\":\"" + id("receiver-" + i) + "\",\"event\":\"started\",\"left\":0}"));
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
        announceFrame = maskedFrame(announce.append("]}").toString());
        // The answer path: a swarm of two, so the one offer goes to the answerer, which answers it. The tracker
        // relays an answer only to the peer that sent that offer, once, so every operation needs a fresh offer.
        answerer = connect(initializer);
        answerer.writeInbound(maskedFrame("{\"action\":\"announce\",\"info_hash\":\"" + id("answer-hash")
                + "\",\"peer_id\":\"" + id("answerer") + "\",\"event\":\"started\",\"left\":0}"));
        drain(answerer);
        oneOfferFrame = maskedFrame("{\"action\":\"announce\",\"info_hash\":\"" + id("answer-hash")
                + "\",\"peer_id\":\"" + id("sender") + "\",\"numwant\":1,\"left\":100,\"offers\":[{\"offer\":{"
                + "\"type\":\"offer\",\"sdp\":\"" + sdp + "\"},\"offer_id\":\"" + id("offer-0") + "\"}]}");
        answerFrame = maskedFrame("{\"action\":\"announce\",\"info_hash\":\"" + id("answer-hash") + "\",\"peer_id\":\""
                + id("answerer") + "\",\"to_peer_id\":\"" + id("sender") + "\",\"offer_id\":\"" + id("offer-0")
                + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"" + sdp + "\"}}");
        sender.writeInbound(maskedFrame("{\"action\":\"announce\",\"info_hash\":\"" + id("bench-hash") + "\","
                + "\"peer_id\":\"" + id("sender") + "\",\"event\":\"started\",\"left\":100}"));
        drain(sender);
        offerAndAnswer(new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        if (metrics.answersRelayed.sum() != 1) {
            throw new IllegalStateException("the answer path refused the answer: it would measure the refusal");
        }
    }

    /** A channel with the daemon's pipeline, upgraded by a real handshake. */
    private static EmbeddedChannel connect(TrackerChannelInitializer initializer) {
        EmbeddedChannel channel = new EmbeddedChannel(initializer);
        channel.writeInbound(Unpooled.copiedBuffer("GET /announce HTTP/1.1\r\nHost: bench\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n", StandardCharsets.US_ASCII));
        drain(channel);
        if (channel.pipeline().get(TrackerChannelInitializer.TRACKER) == null) {
            throw new IllegalStateException("the handshake did not complete: " + channel.pipeline().names());
        }
        return channel;
    }

    /** A client frame as it arrives on the wire: final, text, masked. */
    private static ByteBuf maskedFrame(String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        ByteBuf frame = Unpooled.directBuffer(payload.length + 14).writeByte(0x81);
        if (payload.length < 126) {
            frame.writeByte(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.writeByte(0x80 | 126).writeShort(payload.length);
        } else {
            frame.writeByte(0x80 | 127).writeLong(payload.length);
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.writeByte(payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    private static String id(String name) {
        StringBuilder sb = new StringBuilder(name);
        while (sb.length() < 20) {
            sb.append('-');
        }
        return sb.substring(0, 20);
    }

    /** Runs the loop's queued flushes, then releases and counts what the channel wrote, as a socket would. */
    private static int drain(EmbeddedChannel channel) {
        channel.runPendingTasks();
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
        sender.writeInbound(announceFrame.retainedDuplicate());
        int bytes = drain(sender);
        for (EmbeddedChannel receiver : receivers) {
            bytes += drain(receiver);
        }
        return bytes;
    }

    /**
     * One offer to the answerer and its answer back: two incoming messages, two relays. Before the tracker
     * checked answers against the offers it relayed (2026-12-05), this benchmark sent the answer alone.
     */
    @Benchmark
    public void offerAndAnswer(Blackhole hole) {
        sender.writeInbound(oneOfferFrame.retainedDuplicate());
        hole.consume(drain(sender));
        hole.consume(drain(answerer));
        answerer.writeInbound(answerFrame.retainedDuplicate());
        hole.consume(drain(answerer));
        hole.consume(drain(sender));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        announceFrame.release();
        oneOfferFrame.release();
        answerFrame.release();
        answerer.finishAndReleaseAll();
        sender.finishAndReleaseAll();
        for (EmbeddedChannel receiver : receivers) {
            receiver.finishAndReleaseAll();
        }
    }
}
