package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.signaltracker.core.config.WebSocketConfig;

/**
 * Property: whatever bytes a client sends after the upgrade (well-formed frames, fragments, control
 * frames, bad close frames, unmasked or reserved frames, oversized or truncated frames, split anywhere),
 * the frame decoder and the session never let an exception escape, never hold more than one connection's
 * bounds, and give back everything they held once the connection is closed. The default run is brief (CI);
 * {@code scripts/fuzz.sh} runs it with many more tries ({@code -Djqwik.tries.default=N}).
 */
class WebSocketFramePropertyTest {

    private static final int MAX_FRAME = 4096;
    private static final int MAX_MESSAGE = 8192;
    /** The decoder's partial frame (its buffer may double), a joined message, and slack for headers. */
    private static final long CONNECTION_BOUND = 4L * MAX_FRAME + 2L * MAX_MESSAGE + 1024;

    private static final String[] JSON = {
        "{\"action\":\"announce\",\"info_hash\":\"aaaaaaaaaaaaaaaaaaaa\",\"peer_id\":\"pppppppppppppppppppp\","
                + "\"event\":\"started\",\"left\":0,\"numwant\":5,\"offers\":[{\"offer_id\":\"oooooooooooooooooooo\","
                + "\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}]}",
        "{\"action\":\"scrape\",\"info_hash\":\"aaaaaaaaaaaaaaaaaaaa\"}",
        "{\"action\":\"announce\",\"info_hash\":\"aaaaaaaaaaaaaaaaaaaa\",\"peer_id\":\"qqqqqqqqqqqqqqqqqqqq\","
                + "\"to_peer_id\":\"pppppppppppppppppppp\",\"offer_id\":\"oooooooooooooooooooo\","
                + "\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}",
        "{\"action\":", "[]", "\u00ff\u00fe", "{}",
    };

    /** One frame as a client could put it on the wire, possibly broken. */
    record Frame(int firstByte, boolean masked, int declaredLength, byte[] payload) {
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(firstByte);
            int maskBit = masked ? 0x80 : 0;
            if (declaredLength < 126) {
                out.write(maskBit | declaredLength);
            } else if (declaredLength < 65_536) {
                out.write(maskBit | 126);
                out.write(declaredLength >>> 8);
                out.write(declaredLength);
            } else {
                out.write(maskBit | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) declaredLength >>> shift));
                }
            }
            byte[] mask = {0x11, 0x22, 0x33, 0x44};
            if (masked) {
                out.write(mask, 0, 4);
            }
            for (int i = 0; i < payload.length; i++) {
                out.write(masked ? payload[i] ^ mask[i & 3] : payload[i]);
            }
            return out.toByteArray();
        }
    }

    @Provide
    Arbitrary<List<byte[]>> clientStreams() {
        Arbitrary<byte[]> payloads = Arbitraries.oneOf(
                Arbitraries.of(JSON).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.integers().between(0, MAX_MESSAGE + 100).map(byte[]::new));
        Arbitrary<Integer> opcodes = Arbitraries.of(0x0, 0x1, 0x2, 0x3, 0x8, 0x9, 0xA, 0xB);
        Arbitrary<Frame> frames = Combinators.combine(opcodes, Arbitraries.of(true, false),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(20, Arbitraries.just(0)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(0x10, 0x40))),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(20, Arbitraries.just(true)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(false))),
                payloads, Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(10, Arbitraries.just(-1)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 200_000))))
                .as((opcode, fin, rsv, masked, payload, lie) -> {
                    // A lie about the length makes an oversized or never-ending frame.
                    int declared = lie < 0 ? payload.length : lie;
                    return new Frame((fin ? 0x80 : 0) | rsv | opcode, masked, declared, payload);
                });
        return frames.list().ofMinSize(1).ofMaxSize(12).flatMap(list -> {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (Frame frame : list) {
                byte[] bytes = frame.bytes();
                wire.write(bytes, 0, bytes.length);
            }
            byte[] all = wire.toByteArray();
            // Split the stream at arbitrary points, as TCP may.
            return Arbitraries.integers().between(1, Math.max(1, all.length)).list().ofMaxSize(6).map(cuts -> {
                List<byte[]> chunks = new java.util.ArrayList<>();
                int from = 0;
                for (int cut : cuts.stream().sorted().distinct().toList()) {
                    if (cut > from && cut < all.length) {
                        chunks.add(java.util.Arrays.copyOfRange(all, from, cut));
                        from = cut;
                    }
                }
                chunks.add(java.util.Arrays.copyOfRange(all, from, all.length));
                return chunks;
            });
        });
    }

    @Property
    void whateverAClientSendsTheSessionStaysBoundedAndGivesEverythingBack(
            @ForAll("clientStreams") List<byte[]> chunks) {
        WebSocketConfig config = new WebSocketConfig(MAX_FRAME, MAX_MESSAGE, 30, 180, 10, 32_768, 65_536, 30, 30, 64);
        SessionFixture fixture = new SessionFixture(config);
        EmbeddedChannel channel = new EmbeddedChannel();
        WebSocketSession session = fixture.newSession(channel);
        channel.pipeline().addLast(new BudgetedFrameDecoder(WebSocketUpgrade.decoderConfig(config), session.held));
        channel.pipeline().addLast("tracker", session);
        session.start(null);
        try {
            for (byte[] chunk : chunks) {
                if (!channel.isOpen()) {
                    break;
                }
                channel.writeInbound(Unpooled.wrappedBuffer(chunk)); // rethrows anything that escaped the pipeline
                long held = fixture.loops.budget().heldBytes();
                assertTrue(held >= 0 && held <= CONNECTION_BOUND, "held " + held + " bytes");
                for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
                    ReferenceCountUtil.release(out);
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        assertEquals(0, fixture.loops.budget().heldBytes(), "a closed connection holds nothing");
        assertEquals(0, fixture.loops.openWebSockets());
        assertEquals(0, fixture.core.peerCount());
    }
}
