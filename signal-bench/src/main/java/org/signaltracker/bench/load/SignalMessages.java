package org.signaltracker.bench.load;

import static org.signaltracker.bench.load.OutboundMessages.ascii;

/**
 * Writes the native {@code /ws} signaling messages the simulated clients send ({@code IDENTIFY},
 * {@code JOIN_ROOM}, {@code ICE_CANDIDATE}) into a {@link ClientFrame} from byte templates, as
 * {@link OutboundMessages} does for WebTorrent: per message only a name is copied in. Names are
 * {@code sb}, a run tag, {@code -} and a number, all from the server's name alphabet
 * ({@code A-Z a-z 0-9 _ . -}), so nothing needs escaping; a reply's {@code toPeerId} is the received
 * {@code fromPeerId} copied byte for byte.
 *
 * <p>Why a run tag: the server refuses an IDENTIFY of a name in use (its default), and a previous run's
 * connections may still be closing on the server when the next run identifies.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class SignalMessages {

    private static final int NAME_DIGITS = 7;
    private static final byte[] IDENTIFY = ascii("{\"type\":\"IDENTIFY\",\"username\":\"");
    private static final byte[] JOIN_ROOM = ascii("{\"type\":\"JOIN_ROOM\",\"roomId\":\"");
    private static final byte[] CANDIDATE_TO = ascii("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"");
    /**
     * The rest of a candidate: a browser's server-reflexive candidate line as Chrome writes it, so the
     * message is the size of a real one (about 230 bytes with the names).
     */
    private static final byte[] CANDIDATE_TAIL = ascii("\",\"candidate\":{\"candidate\":\"candidate:842163049 1 udp "
            + "1677729535 127.0.0.1 54400 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag sBnA network-cost 999\","
            + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
    private static final byte[] CLOSE = ascii("\"}");

    private final byte[] userPrefix;
    private final byte[] roomPrefix;

    /** @param runTag letters and digits that make this run's names differ from any other run's */
    SignalMessages(String runTag) {
        this.userPrefix = ascii("sb" + runTag + "-");
        this.roomPrefix = ascii("sb" + runTag + "-room-");
    }

    /** A run tag of six characters from [a-z0-9], different for runs started at different nanoseconds. */
    static String runTag(long nanos) {
        String tag = Long.toString(Math.floorMod(nanos * 0x9E3779B97F4A7C15L, 36L * 36 * 36 * 36 * 36 * 36), 36);
        return "0".repeat(6 - tag.length()) + tag;
    }

    /** The username of connection {@code index}: built once per connection, then only copied. */
    byte[] username(int index) {
        byte[] name = new byte[userPrefix.length + NAME_DIGITS];
        System.arraycopy(userPrefix, 0, name, 0, userPrefix.length);
        long n = index;
        for (int i = name.length - 1; i >= userPrefix.length; i--) {
            name[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return name;
    }

    void identify(ClientFrame f, byte[] username) {
        f.begin().put(IDENTIFY).put(username).put(CLOSE);
    }

    void joinRoom(ClientFrame f, long room) {
        f.begin().put(JOIN_ROOM).put(roomPrefix).putDigits(room, NAME_DIGITS).put(CLOSE);
    }

    /** An ICE_CANDIDATE to {@code toPeerId}. */
    void candidate(ClientFrame f, byte[] toPeerId) {
        f.begin().put(CANDIDATE_TO).put(toPeerId).put(CANDIDATE_TAIL);
    }

    /** The reply to the relayed candidate {@code m}: a candidate to its {@code fromPeerId}, copied byte for byte. */
    void reply(ClientFrame f, ReceivedMessage m) {
        f.begin().put(CANDIDATE_TO).put(m.bytes(), m.fromPeerIdStart(), m.fromPeerIdLength()).put(CANDIDATE_TAIL);
    }
}
