package org.signaltracker.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An innocent pair of peers that must still find each other while the daemon is under attack: B joins a
 * fresh swarm with no offers, A announces into it with one offer, B receives that offer and answers it
 * (to A's peer id, with the same offer id), and A receives the answer. That is a complete, valid
 * exchange (the answer goes to the peer that sent that offer), so it stays valid when the tracker starts
 * checking answers against the offers it relayed. Ids are random per run, so a message can be recognised
 * by the ids it contains without parsing JSON.
 *
 * <p>Stateless; each {@link #exchange} uses its own two connections on the calling thread.
 */
final class Bystander {

    /** Whether the exchange completed, how long it took, and where it failed. */
    record Result(boolean ok, long millis, String detail) {
        String summary() {
            return ok ? millis + " ms" : "FAILED after " + millis + " ms (" + detail + ")";
        }
    }

    private Bystander() {
    }

    /** Runs one exchange against {@code target}, giving up after {@code timeoutSeconds}. */
    static Result exchange(InetSocketAddress target, int timeoutSeconds) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String infoHash = id('H');
        String peerA = id('A');
        String peerB = id('B');
        String offerId = id('O');
        String step = "B connects";
        try (BlockingWebSocket b = BlockingWebSocket.connect(target, deadline)) {
            step = "B joins";
            b.sendText(announce(infoHash, peerB, ""));
            await(b, deadline, m -> m.contains(infoHash) && m.contains("\"interval\""));
            step = "A connects";
            try (BlockingWebSocket a = BlockingWebSocket.connect(target, deadline)) {
                step = "A announces one offer";
                a.sendText(announce(infoHash, peerA, ",\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\nbystander offer\"},"
                        + "\"offer_id\":\"" + offerId + "\"}]"));
                step = "B receives the offer";
                await(b, deadline, m -> m.contains(offerId) && m.contains(peerA) && m.contains("\"offer\""));
                step = "B answers";
                b.sendText("{\"action\":\"announce\",\"info_hash\":\"" + infoHash + "\",\"peer_id\":\"" + peerB
                        + "\",\"to_peer_id\":\"" + peerA + "\",\"offer_id\":\"" + offerId
                        + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\nbystander answer\"}}");
                step = "A receives the answer";
                await(a, deadline, m -> m.contains(offerId) && m.contains(peerB) && m.contains("\"answer\""));
            }
            return new Result(true, millisSince(start), "");
        } catch (IOException e) {
            return new Result(false, millisSince(start), step + ": " + e.getMessage());
        }
    }

    private static String announce(String infoHash, String peerId, String offers) {
        return "{\"action\":\"announce\",\"info_hash\":\"" + infoHash + "\",\"peer_id\":\"" + peerId
                + "\",\"event\":\"started\",\"left\":1000,\"uploaded\":0,\"downloaded\":0,\"numwant\":"
                + (offers.isEmpty() ? 0 : 1) + offers + "}";
    }

    /** Reads messages until one matches; anything else (replies, other relays) is skipped. */
    private static void await(BlockingWebSocket ws, long deadline, Predicate<String> wanted) throws IOException {
        while (true) {
            String message = ws.nextText(deadline);
            if (message == null) {
                throw new IOException("timed out");
            }
            if (message.contains("failure reason")) {
                throw new IOException("refused: " + message);
            }
            if (wanted.test(message)) {
                return;
            }
        }
    }

    /** A 20-character id: {@code kind} and 19 random digits (ids and info hashes are 20 bytes on the wire). */
    static String id(char kind) {
        return kind + String.format("%019d", ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
