package org.signaltracker.bench.load;

/**
 * Pairs the replies one connection receives with the announces it sent, so that announce → reply latency
 * is measured against the right announce. Confined to the connection's event loop.
 *
 * <p>What it relies on: a tracker answers one connection's messages in the order they were sent. Each
 * announce draws exactly one reply on its own connection, a response or a failure; each answer draws none
 * (it is relayed to the offerer) or a failure. Responses carry the announce's info_hash; a failure carries
 * the info_hash of the message it refuses when that message had a valid one, but a message-budget refusal
 * carries none. So a failure is paired with the oldest pending announce only when no answer that is still
 * in doubt could have drawn it; otherwise it is unattributed, counted apart, and pairing waits for a fence.
 *
 * <p>Fences settle doubt: a response (everything the connection sent before its announce has been
 * processed), or the pong to a ping sent for the purpose ({@link #pingSent}). Announces a fence passes
 * without a reply of their own were refused by one of the unattributed failures ({@link #unpaired()}).
 */
final class AnnouncePairing {

    /** Announces a connection may have outstanding; one more is refused (the tracker is saturated). */
    static final int MAX_PENDING = 64;
    /** Answers remembered between fences; older ones are forgotten, which makes every failure ambiguous. */
    static final int MAX_ANSWERS = 64;
    /** Torrent of a failure without an info_hash (or with one this generator did not make). */
    static final long NO_TORRENT = -1;

    /** What a failure turned out to be. */
    enum Failure { ANNOUNCE, ANSWER, UNATTRIBUTED }

    private final long[] sentNanos = new long[MAX_PENDING];
    private final long[] torrents = new long[MAX_PENDING];
    private final long[] sequences = new long[MAX_PENDING];
    private int head;
    private int size;

    private final long[] answerTorrents = new long[MAX_ANSWERS];
    private final long[] answerSequences = new long[MAX_ANSWERS];
    private int answerHead;
    private int answerSize;
    /** Sequence of the newest answer forgotten because the ring was full; -1 when none is in doubt. */
    private long forgottenAnswer = -1;

    /** Messages sent on the connection so far: each announce, answer and ping takes the next number. */
    private long sequence;
    /** An unattributed failure arrived since the last fence: nothing more is attributed until one. */
    private boolean inDoubt;
    /** Sequence of the outstanding fence ping, or -1. */
    private long fence = -1;

    private long lastSentNanos;
    private int unpaired;

    /** Records an announce about to be sent; false (and nothing recorded) when too many are outstanding. */
    boolean announceSent(long intendedNanos, long torrent) {
        if (size == MAX_PENDING) {
            return false;
        }
        int slot = (head + size) % MAX_PENDING;
        sentNanos[slot] = intendedNanos;
        torrents[slot] = torrent;
        sequences[slot] = sequence++;
        size++;
        return true;
    }

    /** Records an answer about to be sent into {@code torrent}. */
    void answerSent(long torrent) {
        if (answerSize == MAX_ANSWERS) {
            forgottenAnswer = answerSequences[answerHead];
            answerHead = (answerHead + 1) % MAX_ANSWERS;
            answerSize--;
        }
        int slot = (answerHead + answerSize) % MAX_ANSWERS;
        answerTorrents[slot] = torrent;
        answerSequences[slot] = sequence++;
        answerSize++;
    }

    /** Whether a fence ping should be sent now: something is in doubt and no ping is outstanding. */
    boolean wantsFence() {
        return inDoubt && fence < 0;
    }

    /** Records a fence ping about to be sent; returns its sequence, to be echoed in the pong's payload. */
    long pingSent() {
        fence = sequence++;
        return fence;
    }

    int pending() {
        return size;
    }

    /** The send time of the announce the last {@link #response} or {@link #failure} paired. */
    long lastSentNanos() {
        return lastSentNanos;
    }

    /** Announces the last call settled without a reply of their own (refused by unattributed failures). */
    int unpaired() {
        return unpaired;
    }

    /**
     * A response into {@code torrent} (or {@link #NO_TORRENT}) arrived. Pairs it with the oldest pending
     * announce into that torrent; returns false when none matches (and then wants a fence).
     */
    boolean response(long torrent) {
        unpaired = 0;
        int k = 0;
        while (k < size && torrent != NO_TORRENT && torrents[(head + k) % MAX_PENDING] != torrent) {
            k++;
        }
        if (k == size) {
            // A response to none of ours: the model does not hold for this connection until a fence.
            inDoubt = size > 0;
            return false;
        }
        int slot = (head + k) % MAX_PENDING;
        lastSentNanos = sentNanos[slot];
        settleThrough(sequences[slot]);
        return true;
    }

    /** A failure into {@code torrent} (or {@link #NO_TORRENT} when it names none) arrived. */
    Failure failure(long torrent) {
        unpaired = 0;
        if (inDoubt) {
            return Failure.UNATTRIBUTED;
        }
        long before = size > 0 ? sequences[head] : Long.MAX_VALUE;
        int answer = candidateAnswer(torrent, before);
        boolean answerMayMatch = answer >= 0 || (forgottenAnswer >= 0 && forgottenAnswer < before);
        boolean announceMatches = size > 0 && (torrent == NO_TORRENT || torrents[head] == torrent);
        if (announceMatches && !answerMayMatch) {
            lastSentNanos = sentNanos[head];
            settleThrough(sequences[head]);
            return Failure.ANNOUNCE;
        }
        if (answer >= 0 && (size == 0 || (torrent != NO_TORRENT && !announceMatches))) {
            // Certainly an answer's: no announce is pending, or only answers carry this info hash. The
            // answers before the one refused have been processed; which of equal-hash answers it was
            // does not matter, they are interchangeable here.
            dropAnswersThrough(answer);
            return Failure.ANSWER;
        }
        inDoubt = true;
        return Failure.UNATTRIBUTED;
    }

    /**
     * The pong to fence ping {@code echoedSequence} arrived: every message sent before it has been
     * processed, so pending announces sent before it were refused. Returns false for any other pong.
     */
    boolean pong(long echoedSequence) {
        unpaired = 0;
        if (fence < 0 || echoedSequence != fence) {
            return false;
        }
        fence = -1;
        int passed = 0;
        while (passed < size && sequences[(head + passed) % MAX_PENDING] < echoedSequence) {
            passed++;
        }
        head = (head + passed) % MAX_PENDING;
        size -= passed;
        unpaired = passed;
        dropAnswersBefore(echoedSequence);
        inDoubt = false;
        return true;
    }

    /** Pops pending announces up to and including the one with {@code seq}; earlier ones are unpaired. */
    private void settleThrough(long seq) {
        int popped = 0;
        while (size > 0 && sequences[head] <= seq) {
            head = (head + 1) % MAX_PENDING;
            size--;
            popped++;
        }
        unpaired = popped - 1;
        dropAnswersBefore(seq);
        inDoubt = false;
    }

    /** Index (0 = oldest) of the oldest remembered answer sent before {@code before} that could have drawn this failure. */
    private int candidateAnswer(long torrent, long before) {
        for (int i = 0; i < answerSize; i++) {
            int slot = (answerHead + i) % MAX_ANSWERS;
            if (answerSequences[slot] >= before) {
                return -1;
            }
            if (torrent == NO_TORRENT || answerTorrents[slot] == torrent) {
                return i;
            }
        }
        return -1;
    }

    private void dropAnswersThrough(int index) {
        answerHead = (answerHead + index + 1) % MAX_ANSWERS;
        answerSize -= index + 1;
    }

    private void dropAnswersBefore(long seq) {
        while (answerSize > 0 && answerSequences[answerHead] < seq) {
            answerHead = (answerHead + 1) % MAX_ANSWERS;
            answerSize--;
        }
        if (forgottenAnswer >= 0 && forgottenAnswer < seq) {
            forgottenAnswer = -1;
        }
    }
}
