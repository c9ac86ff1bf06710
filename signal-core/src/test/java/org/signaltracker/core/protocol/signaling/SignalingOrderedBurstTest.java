package org.signaltracker.core.protocol.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.signaling.SignalingConnection;

/**
 * Issue 8 section 1 at the core: with the default config one peer sends another 10,000 ICE_CANDIDATEs back to
 * back (no time passes) and all arrive in order, unchanged but for the stamp, with no ERROR and no close.
 * Over a real socket the edge's reliable queue must keep this; here the dispatcher and budget must.
 */
class SignalingOrderedBurstTest {

    @Test
    void tenThousandCandidatesArriveInOrderWithDefaults() {
        SignalingFixture f = new SignalingFixture();
        SignalingConnection alice = f.identified("alice");
        SignalingConnection bob = f.identified("bob");
        // IDENTIFY took a token; a real client identifies before it negotiates, and in the second between
        // the bucket is full again. The burst itself is back to back: no time passes during it.
        f.clock.advanceSeconds(1);
        for (int i = 0; i < 10_000; i++) {
            f.send(alice, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\",\"candidate\":{\"candidate\":\"candidate:" + i
                    + " 1 udp 2122260223 192.0.2.1 54400 typ host\",\"sdpMid\":\"0\"}}");
        }
        List<String> got = SignalingFixture.session(bob).drain();
        assertEquals(10_000, got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\",\"candidate\":{\"candidate\":\"candidate:" + i
                    + " 1 udp 2122260223 192.0.2.1 54400 typ host\",\"sdpMid\":\"0\"},\"fromPeerId\":\"alice\"}", got.get(i));
        }
        assertEquals(List.of(), SignalingFixture.session(alice).sent(), "no ERROR");
        assertEquals(-1, SignalingFixture.session(alice).closeCode());
        assertEquals(-1, SignalingFixture.session(bob).closeCode());
    }
}
