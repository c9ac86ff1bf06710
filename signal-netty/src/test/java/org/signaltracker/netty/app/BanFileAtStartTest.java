package org.signaltracker.netty.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.netty.transport.TestTransport;

/** A ban file that cannot be used stops the start, before anything is bound, naming the file and the line. */
class BanFileAtStartTest {

    @Test
    void aBadOrMissingBanFileStopsTheStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("banned.txt");
        Files.writeString(file, "192.0.2.0/24\n2001:db8::/129\n");
        SignalTrackerServer bad = new SignalTrackerServer(ConfigFile.parse(TestTransport.appendTo(
                "server.bindAddress = 127.0.0.1\nserver.port = 0\nadmin.port = 0\naccess.bannedRangesFile = " + file
                + "\n")), new ManualClock());
        assertEquals("access.bannedRangesFile: " + file + " line 2: '2001:db8::/129' has prefix length 129, over 128 "
                + "for IPv6", assertThrows(IllegalStateException.class, bad::start).getMessage());

        Path missing = dir.resolve("missing.txt");
        SignalTrackerServer none = new SignalTrackerServer(ConfigFile.parse(TestTransport.appendTo(
                "server.bindAddress = 127.0.0.1\nserver.port = 0\nadmin.port = 0\naccess.bannedRangesFile = " + missing
                + "\n")), new ManualClock());
        assertEquals("access.bannedRangesFile: " + missing + ": no such file",
                assertThrows(IllegalStateException.class, none::start).getMessage());
    }
}
