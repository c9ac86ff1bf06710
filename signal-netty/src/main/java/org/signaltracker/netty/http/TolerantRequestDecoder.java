package org.signaltracker.netty.http;

import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder, tolerant of one broken request line that BitTorrent clients send when a
 * torrent's announce URL ends in a space: {@code GET /announce ?info_hash=... HTTP/1.1}. The request line
 * then has four words, and Netty would take {@code ?info_hash=... HTTP/1.1} for the version and refuse the
 * request; here the query is joined back to the path. Every other request line costs one character
 * comparison more. Not shared: one per connection, like its parent.
 */
public final class TolerantRequestDecoder extends HttpRequestDecoder {

    @Override
    protected HttpMessage createMessage(String[] initialLine) throws Exception {
        String version = initialLine[2];
        if (!version.isEmpty() && version.charAt(0) == '?') {
            int space = version.lastIndexOf(' ');
            if (space > 0 && version.startsWith("HTTP/", space + 1)) {
                initialLine[1] = initialLine[1] + version.substring(0, space).strip();
                initialLine[2] = version.substring(space + 1);
            }
        }
        return super.createMessage(initialLine);
    }

    /** Whether bytes read from the socket wait here past what was decoded so far (a pipelined request). */
    public boolean holdsUnreadBytes() {
        return actualReadableBytes() > 0;
    }
}
