package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The closing handshake of RFC 6455 section 5.5.1: valid close frames are echoed, invalid ones get 1002. */
class CloseHandshakeTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    private static byte[] closeBody(int code, byte[] reason) {
        byte[] body = new byte[2 + reason.length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(reason, 0, body, 2, reason.length);
        return body;
    }

    private static int closeCodeAnswering(byte[] body) throws Exception {
        try (RawWebSocket client = new RawWebSocket(SERVER.port())) {
            client.sendFrame(RawWebSocket.CLOSE, true, body);
            RawWebSocket.Frame answer = client.readUntilClose();
            return answer.payload().length == 0 ? 0 : answer.closeCode();
        }
    }

    @Test
    void aValidCloseFrameIsEchoed() throws Exception {
        assertEquals(1000, closeCodeAnswering(closeBody(1000, "bye".getBytes(StandardCharsets.UTF_8))));
        assertEquals(4000, closeCodeAnswering(closeBody(4000, new byte[0])));
        assertEquals(0, closeCodeAnswering(new byte[0]), "an empty close frame is echoed empty");
    }

    @Test
    void aCloseCodeNoPeerMaySendGets1002() throws Exception {
        for (int code : new int[] {999, 1004, 1005, 1006, 1015, 2000, 5000}) {
            assertEquals(1002, closeCodeAnswering(closeBody(code, new byte[0])), "code " + code);
        }
    }

    @Test
    void aReasonThatIsNotUtf8Gets1002() throws Exception {
        assertEquals(1002, closeCodeAnswering(closeBody(1000, new byte[] {'o', 'k', (byte) 0xFF})));
    }
}
