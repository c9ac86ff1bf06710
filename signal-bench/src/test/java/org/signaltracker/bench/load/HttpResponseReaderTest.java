package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tracker answers read as they arrive, in pieces, delimited by length or by the close. */
class HttpResponseReaderTest {

    private static final String ANNOUNCE_BODY = "d8:completei1e10:incompletei0e8:intervali1800e5:peers12:"
            + "\u007f\0\0\u0001\0\u0001\u007f\0\0\u0002\0\u0002e";

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    @Test
    void contentLengthEndsTheAnswerEvenInPieces() {
        HttpResponseReader reader = new HttpResponseReader();
        reader.reset();
        String whole = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + ANNOUNCE_BODY.length()
                + "\r\n\r\n" + ANNOUNCE_BODY;
        int cut = 20;
        assertEquals(HttpResponseReader.State.MORE, reader.read(bytes(whole.substring(0, cut))));
        assertFalse(reader.empty());
        assertEquals(HttpResponseReader.State.MORE, reader.read(bytes(whole.substring(cut, whole.length() - 1))));
        assertEquals(HttpResponseReader.State.DONE, reader.read(bytes(whole.substring(whole.length() - 1))));
        assertEquals(200, reader.status());
        assertEquals(HttpResponseReader.Body.ANNOUNCE, reader.body());
        assertEquals(2, reader.peers());
        assertFalse(reader.serverCloses(), "HTTP/1.1 without Connection: close");
    }

    @Test
    void withoutContentLengthTheCloseEndsIt() {
        HttpResponseReader reader = new HttpResponseReader();
        reader.reset();
        assertEquals(HttpResponseReader.State.MORE,
                reader.read(bytes("HTTP/1.0 200 OK\r\n\r\nd5:filesd20:aaaaaaaaaaaaaaaaaaaad8:completei0eeee")));
        assertTrue(reader.serverCloses());
        assertEquals(HttpResponseReader.State.DONE, reader.closed());
        assertEquals(HttpResponseReader.Body.SCRAPE, reader.body());
    }

    @Test
    void failuresAndBrokenAnswersAreToldApart() {
        HttpResponseReader reader = new HttpResponseReader();
        reader.reset();
        String body = "d14:failure reason9:not founde";
        assertEquals(HttpResponseReader.State.DONE, reader.read(bytes("HTTP/1.1 200 OK\r\nconnection: Close\r\n"
                + "content-length: " + body.length() + "\r\n\r\n" + body)));
        assertEquals(HttpResponseReader.Body.FAILURE, reader.body());
        assertTrue(reader.serverCloses());

        reader.reset();
        assertEquals(HttpResponseReader.State.BAD, reader.read(bytes("SSH-2.0-OpenSSH\r\n\r\n")));
        reader.reset();
        assertEquals(HttpResponseReader.State.MORE, reader.read(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nd")));
        assertEquals(HttpResponseReader.State.BAD, reader.closed(), "cut short by the close");
        reader.reset();
        assertEquals(HttpResponseReader.State.BAD, reader.read(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nde")),
                "more than one answer");
        reader.reset();
        assertEquals(HttpResponseReader.State.BAD, reader.read(Unpooled.buffer().writeZero(HttpResponseReader.MAX_BYTES + 1)));
        reader.reset();
        assertEquals(HttpResponseReader.State.DONE, reader.read(bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")));
        assertEquals(404, reader.status());
        assertEquals(HttpResponseReader.Body.OTHER, reader.body());
        reader.reset();
        assertTrue(reader.empty());
        assertEquals(HttpResponseReader.State.BAD, reader.closed(), "closed before any answer");
    }
}
