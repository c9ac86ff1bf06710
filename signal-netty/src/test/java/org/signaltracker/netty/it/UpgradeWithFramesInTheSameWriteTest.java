package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client may send its first frames right behind the upgrade request, without waiting for the 101 (both
 * then usually arrive in one read): those frames are served like any other.
 */
class UpgradeWithFramesInTheSameWriteTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @Test
    void aScrapeSentInTheSameWriteAsTheUpgradeRequestIsAnswered() throws Exception {
        assertFramesBehindTheUpgradeAreAnswered(SERVER.port());
    }

    /**
     * Sends an upgrade request and two scrape frames in one write to the server on {@code port} and checks
     * that the 101 and both scrape answers come back; used for each transport.
     */
    static void assertFramesBehindTheUpgradeAreAnswered(int port) throws java.io.IOException {
        ByteArrayOutputStream together = new ByteArrayOutputStream();
        together.writeBytes(("GET /announce HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        together.writeBytes(maskedText(Wire.scrape("same-write")));
        together.writeBytes(maskedText(Wire.scrape("same-write-too")));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(together.toByteArray());
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            for (String hash : new String[] {"same-write", "same-write-too"}) {
                assertEquals(0x81, in.readUnsignedByte(), "a final text frame");
                int length = in.readUnsignedByte();
                if (length == 126) {
                    length = in.readUnsignedShort();
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                String reply = new String(payload, StandardCharsets.UTF_8);
                assertTrue(reply.startsWith("{\"action\":\"scrape\"") && reply.contains(Wire.id(hash)), reply);
            }
        }
    }

    private static String readHead(DataInputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    /** A client text frame under 126 bytes, masked as a client must (with a zero mask: the bytes stay readable). */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length);
        frame.writeBytes(new byte[4]);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }
}
