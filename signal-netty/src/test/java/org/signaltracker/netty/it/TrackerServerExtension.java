package org.signaltracker.netty.it;

import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.signaltracker.core.config.ConfigException;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.time.Clock;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.SignalTrackerServer;
import org.signaltracker.netty.transport.TestTransport;

/**
 * Starts the real server on 127.0.0.1 with an ephemeral port once per test class and stops it after.
 * Tests tune it with config-file lines, exactly as an operator would; a run can put every such server on one
 * transport ({@link TestTransport}).
 */
final class TrackerServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final String configLines;
    private final Clock clock;
    private SignalTrackerServer server;
    private InetSocketAddress address;

    TrackerServerExtension(String configLines) {
        this(configLines, SystemClock.INSTANCE);
    }

    TrackerServerExtension(String configLines, Clock clock) {
        this.configLines = configLines;
        this.clock = clock;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new SignalTrackerServer(config(configLines), clock);
        address = server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    static SignalTrackerConfig config(String lines) throws ConfigException {
        String admin = lines.contains("admin.port") ? "" : "admin.port = 0\n";
        String bind = lines.contains("server.bindAddress") ? "" : "server.bindAddress = 127.0.0.1\n";
        return ConfigFile.parse(
                TestTransport.appendTo(bind + "server.port = 0\nserver.shutdownGraceSeconds = 2\n" + admin + lines));
    }

    SignalTrackerServer server() {
        return server;
    }

    /** The admin listener's port; fails the test when the listener is off. */
    int adminPort() {
        return server.adminAddress().getPort();
    }

    int port() {
        return address.getPort();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }
}
