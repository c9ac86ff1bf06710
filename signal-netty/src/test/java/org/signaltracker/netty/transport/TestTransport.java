package org.signaltracker.netty.transport;

/**
 * The transport the test suite's servers run on: {@code -Dsignal.test.transport=io_uring} (or epoll, nio, auto)
 * runs every test that starts a daemon on that transport, unless the test names its own in its config lines.
 * Without the property the daemon picks as an operator's would ({@code auto}).
 */
public final class TestTransport {

    public static final String PROPERTY = "signal.test.transport";

    private TestTransport() {
    }

    /** The transport named with {@value #PROPERTY}, or the empty string when none is. */
    public static String selected() {
        return System.getProperty(PROPERTY, "").trim();
    }

    /**
     * The config lines with {@code server.transport = <selected>} added at the end, when a transport is selected
     * and the lines do not name one themselves; the lines unchanged otherwise.
     */
    public static String appendTo(String lines) {
        String transport = selected();
        if (transport.isEmpty() || lines.contains("server.transport")) {
            return lines;
        }
        return lines + (lines.isEmpty() || lines.endsWith("\n") ? "" : "\n") + "server.transport = " + transport + "\n";
    }

}
