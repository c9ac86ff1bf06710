package org.signaltracker.netty.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TolerantRequestDecoderTest {

    private static HttpRequest decode(String requestLine) {
        EmbeddedChannel channel = new EmbeddedChannel(new TolerantRequestDecoder());
        channel.writeInbound(Unpooled.copiedBuffer(requestLine + "\r\nHost: t\r\n\r\n", StandardCharsets.US_ASCII));
        HttpRequest request = channel.readInbound();
        if (request.decoderResult().isSuccess()) {
            Object last = channel.readInbound();
            assertTrue(last instanceof LastHttpContent, String.valueOf(last));
            ReferenceCountUtil.release(last);
        }
        channel.finishAndReleaseAll();
        return request;
    }

    @Test
    void aSpaceBeforeTheQueryIsClosed() {
        HttpRequest request = decode("GET /announce ?info_hash=%00abc&port=1 HTTP/1.1");
        assertTrue(request.decoderResult().isSuccess(), String.valueOf(request.decoderResult()));
        assertEquals("/announce?info_hash=%00abc&port=1", request.uri());
        assertEquals(HttpVersion.HTTP_1_1, request.protocolVersion());
    }

    @Test
    void ordinaryRequestLinesAreUntouched() {
        HttpRequest request = decode("GET /announce?info_hash=x HTTP/1.0");
        assertEquals("/announce?info_hash=x", request.uri());
        assertEquals(HttpVersion.HTTP_1_0, request.protocolVersion());
    }

    @Test
    void otherBrokenLinesAreStillRefused() {
        assertFalse(decode("GET /announce ?info_hash=x HTTP/9").decoderResult().isSuccess());
        assertFalse(decode("GET /announce junk HTTP/1.1").decoderResult().isSuccess());
    }
}
