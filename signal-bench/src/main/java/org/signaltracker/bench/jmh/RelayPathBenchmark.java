package org.signaltracker.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
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

    /** The info-hash database: off, or on (SQLite, open policy, written behind); see {@link BenchDatabase}. */
    @Param({"off", "on"})
    public String database;

    private BenchDatabase db;

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
        db = BenchDatabase.of(database);
        TrackerCore core = new TrackerCore(tracker, BenchConfig.limits(), SystemClock.INSTANCE, metrics,
                db.admission(), db.history());
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

    private static EmbeddedChannel connect(TrackerChannelInitializer initializer) {
        return EmbeddedWire.connect(initializer, "/announce");
    }

    private static ByteBuf maskedFrame(String json) {
        return EmbeddedWire.maskedFrame(json);
    }

    private static String id(String name) {
        StringBuilder sb = new StringBuilder(name);
        while (sb.length() < 20) {
            sb.append('-');
        }
        return sb.substring(0, 20);
    }

    private static int drain(EmbeddedChannel channel) {
        return EmbeddedWire.drain(channel);
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
        db.close();
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
