package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.netty.http.HttpCounters;

/**
 * A client pipelines far more plain GET requests than the socket buffers hold and never reads
 * (finding 4 of issue 7: 1.35 GB within 10 s). The server answers until the socket takes no more, then holds
 * that one response and reads nothing more until the client reads: at no point does it hold more than one
 * response for the client. Once the client reads, the server answers on.
 */
class PipelinedHttpTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("websocket.handshakeTimeoutSeconds = 60\n");

    /**
     * A keep-alive GET the server answers with its 400 explanation: the same path as {@code /health}, with a
     * longer answer, so the server's socket send buffer (several MB, tuned by the kernel) fills in fewer
     * answers and the test stays short. (Not /announce: a plain GET there is the HTTP tracker, whose
     * request budget would close this flood long before the buffers fill.)
     */
    private static final byte[] REQUEST = "GET /webtorrent HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String ANSWER = "HTTP/1.1 400 Bad Request";
    /** Far more than the socket buffers on both sides and the answers the server's send buffer takes. */
    private static final int REQUESTS = 200_000;

    @Test
    void aClientThatNeverReadsGetsOneHeldResponseAndTheServerAnswersOnOnceItReads() throws Exception {
        HttpCounters counters = SERVER.server().httpCounters();
        long answeredBefore = counters.responses();
        ByteBuffer requests = ByteBuffer.allocate(REQUEST.length * REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            requests.put(REQUEST);
        }
        requests.flip();
        try (SocketChannel client = SocketChannel.open(); Selector selector = Selector.open()) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            client.connect(new InetSocketAddress("127.0.0.1", SERVER.port()));
            client.configureBlocking(false);
            SelectionKey key = client.register(selector, SelectionKey.OP_WRITE);

            // Write, never read, and watch what the server holds for this client, until it holds a response
            // the socket will not take and the connection takes no more requests.
            long maxHeld = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                int written = client.write(requests);
                long held = counters.responsesAwaitingClient();
                maxHeld = Math.max(maxHeld, held);
                if (held == 1 && written == 0) {
                    break;
                }
                if (written == 0) {
                    selector.select(10);
                    selector.selectedKeys().clear();
                }
            }
            long answered = counters.responses() - answeredBefore;
            int sent = requests.position() / REQUEST.length;
            assertEquals(1, counters.responsesAwaitingClient(), "the server waits on a response the client does not read");
            assertEquals(1, maxHeld, "never more than one response held for the client");
            assertTrue(requests.hasRemaining(), "the connection took all " + REQUESTS + " requests");
            assertTrue(answered < sent, "the rest waits unread in the socket buffers: " + answered + " of " + sent);

            // The client reads again: the server answers on, past what it had read before.
            key.interestOps(SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            String carry = "";
            long answers = 0;
            long enough = answered + 5_000;
            long readDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (answers < enough && System.nanoTime() < readDeadline) {
                selector.select(100);
                selector.selectedKeys().clear();
                in.clear();
                int n = client.read(in);
                if (n < 0) {
                    break;
                }
                String text = carry + new String(in.array(), 0, n, StandardCharsets.ISO_8859_1);
                for (int at = text.indexOf(ANSWER); at >= 0; at = text.indexOf(ANSWER, at + ANSWER.length())) {
                    answers++;
                }
                carry = text.substring(Math.max(0, text.length() - (ANSWER.length() - 1)));
            }
            assertTrue(answers >= enough, "the server answers on once the client reads: " + answers + " answers");
        }
        Await.until("the closed connection holds no response", Duration.ofSeconds(5),
                () -> counters.responsesAwaitingClient() == 0);
    }
}
