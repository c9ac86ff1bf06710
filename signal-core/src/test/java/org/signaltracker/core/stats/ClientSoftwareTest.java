package org.signaltracker.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Client names and versions read from peer id prefixes as bittorrent-peerid reads them. */
class ClientSoftwareTest {

    private static ClientSoftware.Client of(String prefix) {
        byte[] b = prefix.getBytes(StandardCharsets.ISO_8859_1);
        long packed = 0;
        for (int i = 0; i < 8; i++) {
            packed = packed << 8 | (b[i] & 0xFF);
        }
        return ClientSoftware.of(packed);
    }

    @Test
    void webTorrentVersionsDropALeadingZero() {
        assertEquals(new ClientSoftware.Client("WebTorrent", "1.3"), of("-WW0103-"));
        assertEquals(new ClientSoftware.Client("WebTorrent", "2.0"), of("-WW0200-"));
        assertEquals(new ClientSoftware.Client("WebTorrent", "10.12"), of("-WW1012-"));
        assertEquals(new ClientSoftware.Client("WebTorrent Desktop", "0.24"), of("-WD0024-"));
    }

    @Test
    void otherKnownStyles() {
        assertEquals(new ClientSoftware.Client("qBittorrent", "4.6.3"), of("-qB4630-"));
        assertEquals(new ClientSoftware.Client("Transmission", "4.05"), of("-TR4050-"));
        assertEquals(new ClientSoftware.Client("Transmission", "0.72"), of("-TR0072-"));
        assertEquals(new ClientSoftware.Client("Transmission", "3.00+"), of("-TR300Z-"));
        assertEquals(new ClientSoftware.Client("libtorrent (Rasterbar)", "2.0.9.0"), of("-LT2090-"));
    }

    @Test
    void unknownPrefixesAreListedAsTheirEightCharacters() {
        assertEquals(new ClientSoftware.Client("unknown", "-ZZ0001-"), of("-ZZ0001-"));
        assertEquals(new ClientSoftware.Client("unknown", "01234567"), of("01234567"));
    }
}
