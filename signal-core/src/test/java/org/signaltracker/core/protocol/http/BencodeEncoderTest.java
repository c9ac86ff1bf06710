package org.signaltracker.core.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.tracker.AddressOutcome;
import org.signaltracker.core.tracker.ScrapeCounts;

/** Exact bytes of every answer; binary parts are compared as ISO-8859-1 text, one char per byte. */
class BencodeEncoderTest {

    private final BencodeEncoder encoder = new BencodeEncoder(10, 4);

    private String written() {
        return new String(encoder.bytes(), 0, encoder.size(), StandardCharsets.ISO_8859_1);
    }

    private static String text(int... bytes) {
        StringBuilder s = new StringBuilder();
        for (int b : bytes) {
            s.append((char) b);
        }
        return s.toString();
    }

    private static AddressOutcome ipv4Peers() {
        AddressOutcome out = new AddressOutcome(10);
        out.complete = 3;
        out.incomplete = 12;
        out.downloaded = 1234567890123L;
        out.addressLength = 4;
        out.peerCount = 2;
        byte[] e = {10, 0, 0, 1, 0x1A, (byte) 0xE1, (byte) 192, (byte) 168, 1, (byte) 254, (byte) 0xFF, (byte) 0xFF};
        System.arraycopy(e, 0, out.endpoints, 0, e.length);
        byte[] ids = ("-LT2080-aaaaaaaaaaaa" + "-TR3000-bbbbbbbbbbbb").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ids, 0, out.peerIds, 0, ids.length);
        return out;
    }

    @Test
    void compactIpv4PeersInByteOrderOfKeys() {
        encoder.announce(ipv4Peers(), true, false, 1800, 900, null);
        assertEquals("d8:completei3e10:downloadedi1234567890123e10:incompletei12e8:intervali1800e12:min intervali900e"
                + "5:peers12:" + text(10, 0, 0, 1, 0x1A, 0xE1, 192, 168, 1, 254, 0xFF, 0xFF) + "e", written());
    }

    @Test
    void noPeersIsAnEmptyString() {
        AddressOutcome out = new AddressOutcome(10);
        encoder.announce(out, true, true, 60, 0, null);
        assertEquals("d8:completei0e10:downloadedi0e10:incompletei0e8:intervali60e12:min intervali0e5:peers0:e",
                written());
    }

    @Test
    void dictionaryModelListsIpPeerIdAndPort() {
        encoder.announce(ipv4Peers(), false, false, 1800, 900, null);
        assertEquals("d8:completei3e10:downloadedi1234567890123e10:incompletei12e8:intervali1800e12:min intervali900e"
                + "5:peersl"
                + "d2:ip8:10.0.0.17:peer id20:-LT2080-aaaaaaaaaaaa4:porti6881ee"
                + "d2:ip13:192.168.1.2547:peer id20:-TR3000-bbbbbbbbbbbb4:porti65535ee"
                + "ee", written());
    }

    @Test
    void dictionaryModelWithoutPeerIds() {
        encoder.announce(ipv4Peers(), false, true, 1800, 900, null);
        assertEquals("d8:completei3e10:downloadedi1234567890123e10:incompletei12e8:intervali1800e12:min intervali900e"
                + "5:peersld2:ip8:10.0.0.14:porti6881eed2:ip13:192.168.1.2544:porti65535eeee", written());
    }

    private static AddressOutcome ipv6Peer() {
        AddressOutcome out = new AddressOutcome(10);
        out.addressLength = 16;
        out.peerCount = 1;
        out.incomplete = 1;
        byte[] e = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x1A, (byte) 0xE1};
        System.arraycopy(e, 0, out.endpoints, 0, e.length);
        Arrays.fill(out.peerIds, 0, 20, (byte) 'p');
        return out;
    }

    @Test
    void ipv6CallersGetPeers6BesideAnEmptyPeers() {
        encoder.announce(ipv6Peer(), true, false, 1800, 900, null);
        assertEquals("d8:completei0e10:downloadedi0e10:incompletei1e8:intervali1800e12:min intervali900e"
                + "5:peers0:6:peers618:" + text(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x1A, 0xE1)
                + "e", written());
    }

    @Test
    void ipv6InTheDictionaryModelIsWrittenAsText() {
        encoder.announce(ipv6Peer(), false, false, 1800, 900, null);
        assertEquals("d8:completei0e10:downloadedi0e10:incompletei1e8:intervali1800e12:min intervali900e"
                + "5:peersld2:ip20:2001:db8:0:0:0:0:0:17:peer id20:pppppppppppppppppppp4:porti6881eeee", written());
    }

    @Test
    void warningComesLast() {
        AddressOutcome out = new AddressOutcome(10);
        out.complete = 1;
        encoder.announce(out, true, false, 1800, 900, "slow down".getBytes(StandardCharsets.US_ASCII));
        assertEquals("d8:completei1e10:downloadedi0e10:incompletei0e8:intervali1800e12:min intervali900e"
                + "5:peers0:15:warning message9:slow downe", written());
    }

    @Test
    void failureIsTheWholeAnswer() {
        encoder.failure(TrackerError.BAD_PORT);
        String reason = TrackerError.BAD_PORT.reason();
        assertEquals("d14:failure reason" + reason.length() + ":" + reason + "e", written());
        for (TrackerError error : TrackerError.values()) {
            encoder.failure(error);
            assertEquals("d14:failure reason" + error.reason().length() + ":" + error.reason() + "e", written(),
                    "every reason is ASCII, so its length in bytes is its length in characters");
        }
    }

    @Test
    void scrapeOfSeveralFiles() {
        byte[] hashes = new byte[40];
        Arrays.fill(hashes, 0, 20, (byte) 'a');
        Arrays.fill(hashes, 20, 40, (byte) 0xF0);
        ScrapeCounts counts = new ScrapeCounts();
        encoder.beginScrape();
        counts.complete = 5;
        counts.downloaded = 50;
        counts.incomplete = 7;
        encoder.scrapeFile(hashes, 0, counts);
        counts.reset();
        encoder.scrapeFile(hashes, 20, counts);
        encoder.endScrape();
        assertEquals("d5:filesd20:aaaaaaaaaaaaaaaaaaaad8:completei5e10:downloadedi50e10:incompletei7ee"
                + "20:" + String.valueOf((char) 0xF0).repeat(20) + "d8:completei0e10:downloadedi0e10:incompletei0ee"
                + "ee", written());
    }

    @Test
    void aGrownCapGrowsTheBuffer() {
        AddressOutcome out = new AddressOutcome(200);
        out.peerCount = 200;
        out.addressLength = 16;
        Arrays.fill(out.endpoints, (byte) 0xFF);
        encoder.fit(200, 4);
        encoder.announce(out, false, false, 1800, 900, HttpTrackerDispatcher.RATE_LIMITED_WARNING);
        String written = written();
        assertEquals(200, written.split("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", -1).length - 1);
        assertEquals('e', written.charAt(written.length() - 1));
    }
}
