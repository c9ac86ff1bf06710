package org.signaltracker.netty.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class AcceptFailureLogTest {

    @Test
    void repeatedAcceptFailuresGiveOneLineWithoutAStackTraceAndNothingReachesTheTail() {
        List<LogRecord> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record);
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
            AcceptFailureLog log = new AcceptFailureLog();
            EmbeddedChannel listener = new EmbeddedChannel(log);
            for (int i = 0; i < 100; i++) {
                listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));
            }
            listener.checkException();
            assertEquals(100, log.failures());
            assertEquals(1, lines.size(), "one line a second at most, and none from the pipeline's tail");
            assertNull(lines.get(0).getThrown(), "no stack trace");
            assertTrue(lines.get(0).getMessage().contains("Too many open files"), lines.get(0).getMessage());
            assertTrue(listener.isOpen(), "the listener stays open");
        } finally {
            root.removeHandler(capture);
        }
    }
}
