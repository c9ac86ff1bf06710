package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The info hashes, and the whitelist printed for opentracker, agree with each other and with SHA-1. */
class ClassicTorrentsTest {

    @Test
    void hashesAreSha1OfTheTorrentNumberAndTheWhitelistListsThemAll() throws Exception {
        ClassicTorrents torrents = new ClassicTorrents(3);
        byte[] expected = MessageDigest.getInstance("SHA-1")
                .digest("signal-tracker load torrent 2".getBytes(StandardCharsets.US_ASCII));
        assertEquals(HexFormat.of().formatHex(expected), torrents.hex(2));
        StringBuilder escaped = new StringBuilder();
        for (byte b : expected) {
            escaped.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        assertEquals(escaped.toString(), new String(torrents.escaped(), 120, 60, StandardCharsets.US_ASCII));

        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.US_ASCII));
        try {
            ClassicTorrents.main(new String[] {"3"});
        } finally {
            System.setOut(out);
        }
        assertEquals(torrents.hex(0) + "\n" + torrents.hex(1) + "\n" + torrents.hex(2) + "\n",
                captured.toString(StandardCharsets.US_ASCII));
    }
}
