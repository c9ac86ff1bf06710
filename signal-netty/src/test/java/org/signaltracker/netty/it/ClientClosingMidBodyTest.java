package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that close in the middle of a request body are routine on a public port: each is counted, none
 * writes a log line (finding 10 of issue 7: 200 such connections gave 4,200 lines of stack traces).
 */
class ClientClosingMidBodyTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    private static final int CLIENTS = 200;

    @Test
    void twoHundredClientsClosingMidBodyAreCountedAndLogNothing() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            long before = SERVER.server().httpCounters().routineClientErrors();
            byte[] halfARequest = ("POST /announce HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100))
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < CLIENTS; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", SERVER.port()), 5000);
                    OutputStream out = socket.getOutputStream();
                    out.write(halfARequest);
                    out.flush();
                }
            }
            Await.until("every premature close is counted", Duration.ofSeconds(10),
                    () -> SERVER.server().httpCounters().routineClientErrors() - before == CLIENTS);
            assertEquals(List.of(), warnings.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
                    "no line per client");
            assertEquals(0, SERVER.server().httpCounters().unexpectedErrors());
            assertTrue(RawHttp.status(SERVER.port(), "GET /health HTTP/1.1\r\nHost: t\r\n\r\n") == 200,
                    "the server carries on");
        } finally {
            root.removeHandler(capture);
        }
    }
}
