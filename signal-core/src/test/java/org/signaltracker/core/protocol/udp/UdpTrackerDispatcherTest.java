package org.signaltracker.core.protocol.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.metrics.UdpMetrics;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * The UDP codec through the dispatcher and the real core: what each kind of datagram gets back (a reply,
 * an error, or nothing), byte by byte, and the counters it moves.
 */
class UdpTrackerDispatcherTest extends UdpDispatcherFixture {

    @Test
    void connectIsAnsweredWithSixteenBytesEchoingTheTransactionAndAValidId() {
        byte[] reply = send(UdpPackets.connect(0x0badf00d), CLIENT);
        assertEquals(16, reply.length);
        assertEquals(0, UdpPackets.readInt(reply, 0));
        assertEquals(0x0badf00d, UdpPackets.readInt(reply, 4));
        assertTrue(ids.isValid(UdpPackets.readLong(reply, 8), CLIENT, 4));
        assertEquals(1, metrics.connects.sum());
        assertEquals(1, metrics.repliesSent.sum());
    }

    @Test
    void anOversizedConnectStillGetsSixteenBytes() {
        byte[] packet = Arrays.copyOf(UdpPackets.connect(5), 1500);
        assertEquals(16, send(packet, CLIENT).length);
    }

    @Test
    void aConnectWithoutTheProtocolIdIsDroppedSilently() {
        byte[] packet = UdpPackets.connect(5);
        packet[7] ^= 1;
        assertNull(send(packet, CLIENT));
        assertEquals(1, metrics.drops(UdpMetrics.Drop.BAD_PROTOCOL_ID));
        assertEquals(0, metrics.repliesSent.sum());
    }

    @Test
    void everyDatagramShorterThanSixteenBytesIsDroppedSilently() {
        byte[] connect = UdpPackets.connect(5);
        for (int length = 0; length < 16; length++) {
            assertEquals(0, dispatcher.handle(connect, length, CLIENT, 4), "length " + length);
        }
        assertEquals(16, metrics.drops(UdpMetrics.Drop.SHORT));
        assertEquals(16, metrics.packetsReceived.sum());
    }

    @Test
    void anAnnounceTruncatedAtAnyLengthFromSixteenTo97GetsTheShortAnnounceError() {
        long id = connect(CLIENT);
        byte[] full = UdpPackets.announce(id, 9, HASH, UdpPackets.id("peer"), 2, 100, -1, 6881);
        for (int length = 16; length < 98; length++) {
            int replyLength = dispatcher.handle(full, length, CLIENT, 4);
            assertError(Arrays.copyOf(dispatcher.reply(), replyLength), 9, TrackerError.UDP_SHORT_ANNOUNCE);
        }
        assertEquals(82, metrics.errors(TrackerError.UDP_SHORT_ANNOUNCE));
        assertEquals(0, core.peerCount());
    }

    @Test
    void anAnnounceWithAForgedConnectionIdGetsTheInvalidIdError() {
        long id = connect(CLIENT);
        byte[] reply = send(UdpPackets.announce(id ^ 1, 11, HASH, UdpPackets.id("peer"), 2, 100, -1, 6881), CLIENT);
        assertError(reply, 11, TrackerError.UDP_BAD_CONNECTION_ID);
        assertEquals(1, metrics.errors(TrackerError.UDP_BAD_CONNECTION_ID));
        assertEquals(0, core.peerCount());
    }

    @Test
    void anIdIssuedToAnotherAddressIsRefused() {
        long id = connect(new byte[] {10, 1, 2, 3});
        byte[] reply = send(UdpPackets.scrape(id, 12, HASH), CLIENT);
        assertError(reply, 12, TrackerError.UDP_BAD_CONNECTION_ID);
    }

    @Test
    void anExpiredIdIsRefusedAndAFreshOneWorks() {
        long id = connect(CLIENT);
        wallClock.addAndGet(3 * ConnectionIds.EPOCH_MILLIS);
        assertError(send(UdpPackets.scrape(id, 13, HASH), CLIENT), 13, TrackerError.UDP_BAD_CONNECTION_ID);
        long fresh = connect(CLIENT);
        assertEquals(2, UdpPackets.readInt(send(UdpPackets.scrape(fresh, 14, HASH), CLIENT), 0));
    }

    @Test
    void aBadIdOnASixteenByteRequestGetsNothingBecauseTheErrorWouldBeLongerThanTheRequest() {
        byte[] packet = Arrays.copyOf(UdpPackets.scrape(42, 15), 16);
        assertNull(send(packet, CLIENT));
        assertEquals(1, metrics.drops(UdpMetrics.Drop.AMPLIFICATION_BOUND));
        assertEquals(0, metrics.errors(TrackerError.UDP_BAD_CONNECTION_ID), "an error not sent is not counted");
    }

    @Test
    void otherActionsWithABadIdAreDroppedSoThatRepliesNeverStartALoop() {
        for (int action : new int[] {3, 4, -1, 0x696e7661}) {
            byte[] packet = UdpPackets.scrape(42, 16, HASH);
            packet[8] = (byte) (action >>> 24);
            packet[9] = (byte) (action >>> 16);
            packet[10] = (byte) (action >>> 8);
            packet[11] = (byte) action;
            assertNull(send(packet, CLIENT), "action " + action);
        }
        // Our own error reply, sent back to us by a spoofed source, is dropped.
        byte[] error = send(UdpPackets.scrape(42, 17, HASH), CLIENT);
        assertError(error, 17, TrackerError.UDP_BAD_CONNECTION_ID);
        assertNull(send(error, CLIENT));
        assertEquals(5, metrics.drops(UdpMetrics.Drop.UNVERIFIED_OTHER_ACTION));
    }

    @Test
    void anUnknownActionWithAValidIdGetsAnError() {
        long id = connect(CLIENT);
        byte[] packet = UdpPackets.scrape(id, 18, HASH);
        packet[11] = 9;
        assertError(send(packet, CLIENT), 18, TrackerError.UDP_UNKNOWN_ACTION);
    }

    @Test
    void announceAnswersWithIntervalAndCountsAndNoPeersForTheFirstPeer() {
        long id = connect(CLIENT);
        byte[] reply = send(UdpPackets.announce(id, 21, HASH, UdpPackets.id("first"), 2, 0, -1, 6881), CLIENT);
        assertEquals(20, reply.length);
        assertEquals(1, UdpPackets.readInt(reply, 0));
        assertEquals(21, UdpPackets.readInt(reply, 4));
        assertEquals(CLASSIC.announceIntervalSeconds(), UdpPackets.readInt(reply, 8));
        assertEquals(0, UdpPackets.readInt(reply, 12), "leechers");
        assertEquals(1, UdpPackets.readInt(reply, 16), "seeders");
        assertEquals(1, metrics.announces.sum());
    }

    @Test
    void libtorrentsUrlDataOptionAndMalformedOptionTailsAreIgnored() {
        long id = connect(CLIENT);
        byte[] urlData = ("\u0002\u0015/announce?passkey=abc").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(23, urlData.length);
        byte[][] tails = {
            urlData,
            {0},
            {1, 1, 0},
            {2, 0},
            {2, (byte) 0xFF, 'x'},
            {(byte) 0x77, 5, 1},
            {(byte) 0x77},
            {2},
        };
        int transaction = 30;
        for (byte[] tail : tails) {
            byte[] packet = UdpPackets.announce(id, transaction, HASH, UdpPackets.id("opts"), 0, 5, -1, 6881, tail);
            byte[] reply = send(packet, CLIENT);
            assertNotNull(reply, Arrays.toString(tail));
            assertEquals(1, UdpPackets.readInt(reply, 0), Arrays.toString(tail));
            assertEquals(transaction++, UdpPackets.readInt(reply, 4));
        }
        assertEquals(121, UdpPackets.announce(id, 0, HASH, HASH, 0, 0, 0, 1, urlData).length,
                "the length libtorrent 2.0.8 was seen sending");
    }

    @Test
    void eventsFollowBep15sOrderAndAnUnknownEventIsAnError() {
        long id = connect(CLIENT);
        for (int event = 0; event <= 4; event++) {
            byte[] reply = send(UdpPackets.announce(id, 40 + event, HASH, UdpPackets.id("ev"), event, 5, -1, 6881),
                    CLIENT);
            assertEquals(1, UdpPackets.readInt(reply, 0), "event " + event);
        }
        assertError(send(UdpPackets.announce(id, 45, HASH, UdpPackets.id("ev"), 5, 5, -1, 6881), CLIENT), 45,
                TrackerError.UDP_BAD_EVENT);
        assertError(send(UdpPackets.announce(id, 46, HASH, UdpPackets.id("ev"), -1, 5, -1, 6881), CLIENT), 46,
                TrackerError.UDP_BAD_EVENT);
    }

    @Test
    void theEventCodesMapToTheCoresEvents() {
        assertEquals(org.signaltracker.core.tracker.AnnounceEvent.UPDATE, UdpAnnounceDecoder.event(0));
        assertEquals(org.signaltracker.core.tracker.AnnounceEvent.COMPLETED, UdpAnnounceDecoder.event(1));
        assertEquals(org.signaltracker.core.tracker.AnnounceEvent.STARTED, UdpAnnounceDecoder.event(2));
        assertEquals(org.signaltracker.core.tracker.AnnounceEvent.STOPPED, UdpAnnounceDecoder.event(3));
        assertNull(UdpAnnounceDecoder.event(5));
    }

    @Test
    void portZeroIsAnError() {
        long id = connect(CLIENT);
        assertError(send(UdpPackets.announce(id, 50, HASH, UdpPackets.id("p0"), 2, 5, -1, 0), CLIENT), 50,
                TrackerError.UDP_PORT_ZERO);
        assertEquals(0, core.peerCount());
    }

    @Test
    void scrapeAnswersSeedersCompletedLeechersPerHashInOrder() {
        long id = connect(CLIENT);
        send(UdpPackets.announce(id, 60, HASH, UdpPackets.id("seed"), 2, 0, -1, 6881), CLIENT);
        byte[] reply = send(UdpPackets.scrape(id, 61, UdpPackets.id("unknown"), HASH), CLIENT);
        assertEquals(8 + 24, reply.length);
        assertEquals(2, UdpPackets.readInt(reply, 0));
        assertEquals(61, UdpPackets.readInt(reply, 4));
        assertArrayEquals(new int[] {0, 0, 0}, new int[] {UdpPackets.readInt(reply, 8), UdpPackets.readInt(reply, 12),
            UdpPackets.readInt(reply, 16)});
        assertEquals(1, UdpPackets.readInt(reply, 20), "seeders");
        assertEquals(0, UdpPackets.readInt(reply, 28), "leechers");
        assertEquals(1, metrics.scrapes.sum());
    }

    @Test
    void aScrapeWithNoHashIsRefusedAndOneOverTheCapToo() {
        long id = connect(CLIENT);
        assertError(send(UdpPackets.scrape(id, 70), CLIENT), 70, TrackerError.FULL_SCRAPE_REFUSED);
        // A partial hash is not a hash.
        assertError(send(Arrays.copyOf(UdpPackets.scrape(id, 71), 35), CLIENT), 71,
                TrackerError.FULL_SCRAPE_REFUSED);
        assertEquals(8 + 12 * 64, send(UdpPackets.scrape(id, 72, UdpPackets.hashes(64)), CLIENT).length);
        assertError(send(UdpPackets.scrape(id, 73, UdpPackets.hashes(65)), CLIENT), 73,
                TrackerError.TOO_MANY_SCRAPE_HASHES);
    }

    @Test
    void aScrapeIsCappedAtSeventyFourHashesWhateverTheConfigAllowsAndReloadsApply() {
        long id = connect(CLIENT);
        dispatcher.reconfigure(new ClassicConfig("on", "on", 0, 1800, 900, 2700, 50, 200, 1000, "", "off", 30,
                4 << 20));
        assertEquals(8 + 12 * 74, send(UdpPackets.scrape(id, 80, UdpPackets.hashes(74)), CLIENT).length);
        assertError(send(UdpPackets.scrape(id, 81, UdpPackets.hashes(75)), CLIENT), 81,
                TrackerError.TOO_MANY_SCRAPE_HASHES);
        assertError(send(UdpPackets.scrape(id, 82, UdpPackets.hashes(200)), CLIENT), 82,
                TrackerError.TOO_MANY_SCRAPE_HASHES);
        dispatcher.reconfigure(new ClassicConfig("on", "on", 0, 600, 300, 2700, 50, 200, 2, "", "off", 30, 4 << 20));
        assertError(send(UdpPackets.scrape(id, 83, UdpPackets.hashes(3)), CLIENT), 83,
                TrackerError.TOO_MANY_SCRAPE_HASHES);
        byte[] reply = send(UdpPackets.announce(id, 84, HASH, UdpPackets.id("r"), 2, 5, -1, 6881), CLIENT);
        assertEquals(600, UdpPackets.readInt(reply, 8), "the reloaded interval");
    }

    @Test
    void randomGarbageNeverThrowsAndNeverGetsMoreThanTheBound() {
        long id = connect(CLIENT);
        SplittableRandom random = new SplittableRandom(41);
        byte[] packet = new byte[1600];
        for (int round = 0; round < 20_000; round++) {
            int length = random.nextInt(packet.length + 1);
            for (int i = 0; i < length; i++) {
                packet[i] = (byte) random.nextInt(256);
            }
            if (round % 3 == 0 && length >= 16) {
                // A valid id with a random action and body reaches the deeper paths.
                for (int i = 0; i < 8; i++) {
                    packet[i] = (byte) (id >>> (56 - 8 * i));
                }
                packet[8] = 0;
                packet[9] = 0;
                packet[10] = 0;
                packet[11] = (byte) random.nextInt(4);
            }
            boolean verified = length >= 16 && UdpPackets.readInt(packet, 8) != 0
                    && ids.isValid(UdpPackets.readLong(packet, 0), CLIENT, 4);
            int replyLength = dispatcher.handle(packet, length, CLIENT, 4);
            assertTrue(replyLength <= AmplificationBound.maxReplyBytes(length, verified),
                    "round " + round + ": " + replyLength + " bytes for " + length);
        }
        assertTrue(metrics.packetsReceived.sum() > 20_000);
    }

    @Test
    void everyErrorTextIsAsciiAndFitsAReply() {
        byte[] reply = new byte[AmplificationBound.MAX_REPLY_BYTES];
        for (TrackerError error : TrackerError.values()) {
            assertTrue(java.nio.charset.StandardCharsets.US_ASCII.newEncoder().canEncode(error.reason()), error.name());
            int length = UdpReplies.error(reply, 1, error);
            assertEquals(error.reason(), UdpPackets.errorText(reply, length));
        }
        int badId = UdpReplies.error(reply, 1, TrackerError.UDP_BAD_CONNECTION_ID);
        assertTrue(badId <= 16 + 20, "the bad-id error fits the reply to a one-hash scrape: " + badId);
    }

    @Test
    void theBoundIsOneForUnverifiedSourcesAndAtMost1220BytesOtherwise() {
        assertEquals(16, AmplificationBound.maxReplyBytes(16, false));
        assertEquals(98, AmplificationBound.maxReplyBytes(98, false));
        assertEquals(1220, AmplificationBound.maxReplyBytes(98, true));
        assertEquals(16 * 13, AmplificationBound.maxReplyBytes(16, true));
        assertEquals(1220, AmplificationBound.maxReplyBytes(65_507, true));
        assertTrue(20 + 200 * 6 <= AmplificationBound.maxReplyBytes(98, true), "a full IPv4 answer fits");
        assertTrue(20 + 66 * 18 <= AmplificationBound.maxReplyBytes(98, true), "a full IPv6 answer fits");
    }
}
