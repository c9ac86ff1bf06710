package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnnouncePairingTest {

    private static final long NONE = AnnouncePairing.NO_TORRENT;
    private final AnnouncePairing pairing = new AnnouncePairing();

    @Test
    void aResponsePairsWithItsAnnounce() {
        pairing.announceSent(100, 7);
        pairing.announceSent(200, 8);
        assertTrue(pairing.response(7));
        assertEquals(100, pairing.lastSentNanos());
        assertTrue(pairing.response(8));
        assertEquals(200, pairing.lastSentNanos());
        assertEquals(0, pairing.pending());
        assertFalse(pairing.response(9), "nothing pending");
    }

    @Test
    void aFailureNamingTheAnnouncesTorrentPairsWhenNoAnswerShares() {
        pairing.answerSent(3); // an earlier answer, into another torrent, still in doubt
        pairing.announceSent(100, 7);
        assertEquals(AnnouncePairing.Failure.ANNOUNCE, pairing.failure(7));
        assertEquals(100, pairing.lastSentNanos());
        assertEquals(0, pairing.pending());
    }

    @Test
    void aFailureOnlyAnAnswerCanHaveDrawnIsTheAnswers() {
        pairing.announceSent(100, 7);
        pairing.answerSent(3); // sent after the announce: its failure can only follow the announce's reply
        pairing.announceSent(300, 9);
        assertTrue(pairing.response(7));
        // Now the answer into torrent 3 is before the pending announce (torrent 9).
        assertEquals(AnnouncePairing.Failure.ANSWER, pairing.failure(3));
        assertEquals(1, pairing.pending(), "the announce still waits for its own reply");
        assertTrue(pairing.response(9));
        assertEquals(300, pairing.lastSentNanos());
    }

    @Test
    void aBudgetFailureAfterAnAnswerIsUnattributedAndTheAnnounceStillGetsItsResponse() {
        // The old pairing took any failure for the oldest announce: here that gave the announce the
        // answer's refusal time, and its real response then paired with nothing.
        pairing.answerSent(7);
        pairing.announceSent(100, 7);
        assertEquals(AnnouncePairing.Failure.UNATTRIBUTED, pairing.failure(NONE));
        assertTrue(pairing.wantsFence());
        assertTrue(pairing.response(7));
        assertEquals(100, pairing.lastSentNanos());
        assertEquals(0, pairing.unpaired());
        assertFalse(pairing.wantsFence(), "the response settled the doubt");
    }

    @Test
    void aFailureSharingTheTorrentOfAnEarlierAnswerIsAmbiguous() {
        pairing.answerSent(7);
        pairing.announceSent(100, 7);
        assertEquals(AnnouncePairing.Failure.UNATTRIBUTED, pairing.failure(7));
        assertEquals(1, pairing.pending());
    }

    @Test
    void aFencePongSettlesAnAnnounceWhoseReplyWasAnUnattributedFailure() {
        pairing.answerSent(5);
        pairing.announceSent(100, 7);
        assertEquals(AnnouncePairing.Failure.UNATTRIBUTED, pairing.failure(NONE)); // really the announce's
        assertEquals(AnnouncePairing.Failure.UNATTRIBUTED, pairing.failure(NONE), "nothing is attributed in doubt");
        long ping = pairing.pingSent();
        assertFalse(pairing.wantsFence(), "one ping at a time");
        pairing.announceSent(300, 8); // sent after the ping: not settled by its pong
        assertFalse(pairing.pong(ping + 1), "another pong");
        assertTrue(pairing.pong(ping));
        assertEquals(1, pairing.unpaired());
        assertEquals(1, pairing.pending());
        assertEquals(AnnouncePairing.Failure.ANNOUNCE, pairing.failure(NONE), "no answer in doubt any more");
        assertEquals(300, pairing.lastSentNanos());
    }

    @Test
    void aResponseForALaterAnnounceSettlesTheEarlierOnesUnpaired() {
        pairing.announceSent(100, 7);
        pairing.announceSent(200, 8);
        pairing.announceSent(300, 9);
        assertTrue(pairing.response(9));
        assertEquals(300, pairing.lastSentNanos());
        assertEquals(2, pairing.unpaired());
        assertEquals(0, pairing.pending());
    }

    @Test
    void aFailureWithNothingPendingIsAnAnswersWhenOneIsInDoubt() {
        assertEquals(AnnouncePairing.Failure.UNATTRIBUTED, pairing.failure(NONE), "nothing sent at all");
        AnnouncePairing fresh = new AnnouncePairing();
        fresh.answerSent(4);
        assertEquals(AnnouncePairing.Failure.ANSWER, fresh.failure(NONE));
        assertEquals(AnnouncePairing.Failure.UNATTRIBUTED, fresh.failure(NONE), "that answer is settled now");
    }

    @Test
    void forgottenAnswersKeepFailuresAmbiguousUntilAFence() {
        for (int i = 0; i < AnnouncePairing.MAX_ANSWERS + 1; i++) {
            pairing.answerSent(1000 + i);
        }
        pairing.announceSent(100, 7);
        assertEquals(AnnouncePairing.Failure.UNATTRIBUTED, pairing.failure(7),
                "the forgotten answer's torrent is unknown, so it might be 7");
        assertTrue(pairing.pong(pairing.pingSent()));
        assertEquals(1, pairing.unpaired());
    }

    @Test
    void atMostMaxPendingAnnouncesAreOutstanding() {
        for (int i = 0; i < AnnouncePairing.MAX_PENDING; i++) {
            assertTrue(pairing.announceSent(i, i));
        }
        assertFalse(pairing.announceSent(999, 999));
        assertTrue(pairing.response(0));
        assertTrue(pairing.announceSent(999, 999));
    }
}
