package org.signaltracker.core.protocol.webtorrent;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.protocol.json.JsonSyntax;
import org.signaltracker.core.tracker.AnnounceEvent;
import org.signaltracker.core.tracker.AnnounceRequest;

/**
 * Decodes one WebTorrent tracker message (UTF-8 JSON) into a reused {@link InboundMessage}, or a
 * {@link TrackerError}. dsl-json's reader finds tokens and skips values; the values we need are read from
 * their raw byte ranges, so nothing is data-bound by reflection and no string is built for ids or SDPs.
 *
 * <p>Every message is first checked by {@link JsonSyntax} (strict JSON, well-formed UTF-8, bounded nesting),
 * because parts of it are relayed verbatim to other peers. Fields may come in any order, so the decoder then
 * records where each known field's value lies and validates them for the action the client asked for; a
 * repeated key replaces the earlier value, as {@code JSON.parse} does. Unknown fields are skipped (clients pass extra
 * parameters through). A failure still reports the action and a valid {@code info_hash} when they were
 * seen, so the client can match it to its torrent.
 *
 * <p>Not thread-safe: one per event loop.
 */
public final class WebTorrentDecoder {

    private static final byte[] ACTION = bytes("action");
    private static final byte[] INFO_HASH = bytes("info_hash");
    private static final byte[] PEER_ID = bytes("peer_id");
    private static final byte[] TO_PEER_ID = bytes("to_peer_id");
    private static final byte[] OFFER_ID = bytes("offer_id");
    private static final byte[] OFFERS = bytes("offers");
    private static final byte[] OFFER = bytes("offer");
    private static final byte[] ANSWER = bytes("answer");
    private static final byte[] EVENT = bytes("event");
    private static final byte[] LEFT = bytes("left");
    private static final byte[] NUMWANT = bytes("numwant");
    private static final byte[] UPLOADED = bytes("uploaded");
    private static final byte[] DOWNLOADED = bytes("downloaded");

    private static final byte[] ANNOUNCE_VALUE = bytes("announce");
    private static final byte[] SCRAPE_VALUE = bytes("scrape");

    private static final long NOT_A_NUMBER = Long.MIN_VALUE;
    private static final long NULL_VALUE = Long.MIN_VALUE + 1;
    private static final long ABSENT = Long.MIN_VALUE + 2;

    private final JsonReader<Object> reader;
    private final InboundMessage message;
    private final byte[] scratch = new byte[InboundMessage.MAX_OFFER_ID_CHARS];

    // Where each known field's value lies in the input, for this message; -1 when absent.
    private int actionStart;
    private int actionEnd;
    private int eventStart;
    private int eventEnd;
    /** Set by {@link #validOfferId}: the key of the offer_id it last accepted. */
    private long lastOfferKey;
    private int toPeerIdStart;
    private int toPeerIdEnd;
    private long left;
    private long numWant;
    private boolean numbersValid;
    private boolean offersInvalid;
    private boolean infoHashPresent;
    private boolean infoHashIsArray;
    private boolean scrapeArrayInvalid;

    private final int maxOffers;
    private final int maxScrapeHashes;

    public WebTorrentDecoder(int maxOffers, int maxScrapeHashes) {
        if (maxOffers < 0 || maxOffers > AnnounceRequest.MAX_OFFERS) {
            throw new IllegalArgumentException("maxOffers: " + maxOffers + " (expected: 0.." + AnnounceRequest.MAX_OFFERS + ")");
        }
        this.reader = new DslJson<>().newReader();
        // One slot past the limit lets the decoder tell "exactly the limit" from "too many".
        this.message = new InboundMessage(maxOffers, maxScrapeHashes + 1);
        this.maxOffers = maxOffers;
        this.maxScrapeHashes = maxScrapeHashes;
    }

    /** Whether this decoder enforces exactly these caps (a reload replaces it otherwise). */
    public boolean hasCaps(int offers, int scrapeHashes) {
        return offers == maxOffers && scrapeHashes == maxScrapeHashes;
    }

    /** Decodes {@code buf[0, length)}; the returned message is this decoder's reused instance. */
    public InboundMessage decode(byte[] buf, int length) {
        InboundMessage m = message;
        m.reset(buf);
        actionStart = -1;
        eventStart = -1;
        toPeerIdStart = -1;
        left = ABSENT;
        numWant = ABSENT;
        numbersValid = true;
        offersInvalid = false;
        infoHashPresent = false;
        infoHashIsArray = false;
        scrapeArrayInvalid = false;
        // Strict check first: what we relay must be valid JSON and UTF-8 (see JsonSyntax). On invalid input,
        // the valid prefix is still read, so the failure can say "scrape" and echo a valid info_hash.
        int firstError = JsonSyntax.firstError(buf, length);
        int readable = firstError == JsonSyntax.VALID ? length : firstError;
        try {
            reader.process(buf, readable);
            if (!parseObject(buf, readable) && firstError == JsonSyntax.VALID) {
                return m;
            }
        } catch (IOException | RuntimeException malformed) {
            // dsl-json reports broken JSON as exceptions: expected when reading up to the first error.
            firstError = Math.max(firstError, 0);
        }
        if (firstError != JsonSyntax.VALID) {
            m.error = TrackerError.MALFORMED_JSON;
            resolveActionForFailure(buf);
            return m;
        }
        resolve(buf);
        return m;
    }

    private boolean parseObject(byte[] buf, int length) throws IOException {
        byte token = reader.getNextToken();
        if (token != '{') {
            message.error = startsJsonValue(token) ? TrackerError.NOT_AN_OBJECT : TrackerError.MALFORMED_JSON;
            return false;
        }
        token = reader.getNextToken();
        while (token != '}') {
            if (token != '"') {
                throw reader.newParseError("expected a field name");
            }
            reader.fillName();
            reader.getNextToken();
            byte separator = parseField(buf);
            if (separator == '}') {
                break;
            }
            if (separator != ',') {
                throw reader.newParseError("expected , or }");
            }
            token = reader.getNextToken();
        }
        for (int i = reader.getCurrentIndex(); i < length; i++) {
            if (!isWhitespace(buf[i])) {
                throw reader.newParseError("trailing bytes after the object");
            }
        }
        return true;
    }

    /** Reads the value of the field just named; returns the separator that follows it. */
    private byte parseField(byte[] buf) throws IOException {
        int start = reader.getCurrentIndex() - 1;
        if (reader.wasLastName(OFFERS)) {
            return parseOffers(buf, start);
        }
        if (reader.wasLastName(INFO_HASH)) {
            return parseInfoHash(buf, start);
        }
        // Decide which field this is before skipping: skipping may reuse the reader's name buffer.
        byte[] name = knownName();
        byte separator = reader.skip();
        int end = valueEnd(buf);
        InboundMessage m = message;
        if (name == ACTION) {
            actionStart = start;
            actionEnd = end;
        } else if (name == PEER_ID) {
            m.peerIdStart = -1;
            if (Latin1JsonString.decode(buf, start, end, m.announce.peerId) == 20) {
                m.peerIdStart = start;
                m.peerIdEnd = end;
            }
        } else if (name == TO_PEER_ID) {
            toPeerIdStart = start;
            toPeerIdEnd = end;
        } else if (name == OFFER_ID) {
            m.offerIdTokenStart = start;
            m.offerIdTokenEnd = end;
        } else if (name == ANSWER) {
            m.answerStart = -1;
            if (!isNull(buf, start, end)) {
                m.answerStart = start;
                m.answerEnd = end;
            }
        } else if (name == EVENT) {
            eventStart = start;
            eventEnd = end;
        } else if (name == LEFT) {
            left = number(buf, start, end);
        } else if (name == NUMWANT) {
            numWant = number(buf, start, end);
        } else if (name == UPLOADED || name == DOWNLOADED) {
            long value = number(buf, start, end);
            numbersValid &= value == NULL_VALUE || value >= 0;
        }
        return separator;
    }

    private byte[] knownName() {
        if (reader.wasLastName(ACTION)) {
            return ACTION;
        } else if (reader.wasLastName(PEER_ID)) {
            return PEER_ID;
        } else if (reader.wasLastName(TO_PEER_ID)) {
            return TO_PEER_ID;
        } else if (reader.wasLastName(OFFER_ID)) {
            return OFFER_ID;
        } else if (reader.wasLastName(ANSWER)) {
            return ANSWER;
        } else if (reader.wasLastName(EVENT)) {
            return EVENT;
        } else if (reader.wasLastName(LEFT)) {
            return LEFT;
        } else if (reader.wasLastName(NUMWANT)) {
            return NUMWANT;
        } else if (reader.wasLastName(UPLOADED)) {
            return UPLOADED;
        } else if (reader.wasLastName(DOWNLOADED)) {
            return DOWNLOADED;
        }
        return null;
    }

    private byte parseOffers(byte[] buf, int start) throws IOException {
        message.validOffers = 0;
        message.junkOffers = 0;
        offersInvalid = false;
        if (buf[start] != '[') {
            byte separator = reader.skip();
            offersInvalid = !isNull(buf, start, valueEnd(buf));
            return separator;
        }
        byte token = reader.getNextToken();
        while (token != ']') {
            byte separator = token == '{' ? parseOfferEntry(buf) : skipJunkOffer();
            if (separator == ']') {
                break;
            }
            if (separator != ',') {
                throw reader.newParseError("expected , or ]");
            }
            token = reader.getNextToken();
        }
        return reader.getNextToken();
    }

    private byte skipJunkOffer() throws IOException {
        message.junkOffers++;
        return reader.skip();
    }

    /** Reads one {@code {offer, offer_id}} entry; entries missing either part are counted as junk. */
    private byte parseOfferEntry(byte[] buf) throws IOException {
        int offerStart = -1;
        int offerEnd = 0;
        int idStart = -1;
        int idEnd = 0;
        byte token = reader.getNextToken();
        while (token != '}') {
            if (token != '"') {
                throw reader.newParseError("expected a field name");
            }
            reader.fillName();
            reader.getNextToken();
            boolean isOffer = reader.wasLastName(OFFER);
            boolean isOfferId = !isOffer && reader.wasLastName(OFFER_ID);
            int start = reader.getCurrentIndex() - 1;
            byte separator = reader.skip();
            int end = valueEnd(buf);
            if (isOffer && buf[start] == '{') {
                offerStart = start;
                offerEnd = end;
            } else if (isOfferId) {
                idStart = start;
                idEnd = end;
            }
            if (separator == '}') {
                break;
            }
            if (separator != ',') {
                throw reader.newParseError("expected , or }");
            }
            token = reader.getNextToken();
        }
        InboundMessage m = message;
        if (offerStart >= 0 && idStart >= 0 && validOfferId(buf, idStart, idEnd)) {
            int slot = m.validOffers++;
            if (slot < m.offerStart.length) {
                m.offerStart[slot] = offerStart;
                m.offerEnd[slot] = offerEnd;
                m.offerIdStart[slot] = idStart;
                m.offerIdEnd[slot] = idEnd;
                m.announce.offerKeys[slot] = lastOfferKey;
            }
        } else {
            m.junkOffers++;
        }
        return reader.getNextToken();
    }

    private byte parseInfoHash(byte[] buf, int start) throws IOException {
        InboundMessage m = message;
        // A repeated key replaces the earlier value (as JSON.parse does), so forget what the earlier one set.
        m.infoHashStart = -1;
        m.scrapeCount = 0;
        infoHashIsArray = false;
        scrapeArrayInvalid = false;
        if (buf[start] != '[') {
            byte separator = reader.skip();
            int end = valueEnd(buf);
            infoHashPresent = !isNull(buf, start, end);
            if (Latin1JsonString.decode(buf, start, end, m.announce.infoHash) == 20) {
                m.infoHashStart = start;
                m.infoHashEnd = end;
            }
            return separator;
        }
        infoHashPresent = true;
        infoHashIsArray = true;
        byte token = reader.getNextToken();
        while (token != ']') {
            int elementStart = reader.getCurrentIndex() - 1;
            byte separator = reader.skip();
            int elementEnd = valueEnd(buf);
            int slot = m.scrapeCount;
            if (slot < m.scrapeHashes.length) {
                if (Latin1JsonString.decode(buf, elementStart, elementEnd, m.scrapeHashes[slot]) == 20) {
                    m.scrapeTokenStart[slot] = elementStart;
                    m.scrapeTokenEnd[slot] = elementEnd;
                } else {
                    scrapeArrayInvalid = true;
                }
            }
            m.scrapeCount++;
            if (separator == ']') {
                break;
            }
            if (separator != ',') {
                throw reader.newParseError("expected , or ]");
            }
            token = reader.getNextToken();
        }
        return reader.getNextToken();
    }

    /** Validates the recorded fields for the action the client asked for. */
    private void resolve(byte[] buf) {
        InboundMessage m = message;
        if (actionStart < 0) {
            m.error = TrackerError.MISSING_ACTION;
            return;
        }
        int n = Latin1JsonString.decode(buf, actionStart, actionEnd, scratch);
        if (equalsAscii(scratch, n, SCRAPE_VALUE)) {
            m.scrapeAction = true;
            resolveScrape(buf);
        } else if (equalsAscii(scratch, n, ANNOUNCE_VALUE)) {
            resolveAnnounce(buf);
        } else {
            m.error = TrackerError.UNKNOWN_ACTION;
        }
    }

    private void resolveScrape(byte[] buf) {
        InboundMessage m = message;
        if (!infoHashPresent) {
            m.error = TrackerError.FULL_SCRAPE_REFUSED;
        } else if (infoHashIsArray) {
            if (m.scrapeCount >= m.scrapeHashes.length) {
                m.error = TrackerError.TOO_MANY_SCRAPE_HASHES;
            } else if (scrapeArrayInvalid) {
                m.error = TrackerError.BAD_SCRAPE_INFO_HASH;
            } else {
                m.kind = MessageKind.SCRAPE;
            }
        } else if (m.hasInfoHash()) {
            System.arraycopy(m.announce.infoHash, 0, m.scrapeHashes[0], 0, 20);
            m.scrapeTokenStart[0] = m.infoHashStart;
            m.scrapeTokenEnd[0] = m.infoHashEnd;
            m.scrapeCount = 1;
            m.kind = MessageKind.SCRAPE;
        } else {
            m.error = TrackerError.BAD_SCRAPE_INFO_HASH;
        }
    }

    private void resolveAnnounce(byte[] buf) {
        InboundMessage m = message;
        AnnounceRequest request = m.announce;
        if (!m.hasInfoHash()) {
            m.error = TrackerError.BAD_INFO_HASH;
        } else if (m.peerIdStart < 0) {
            m.error = TrackerError.BAD_PEER_ID;
        } else if (m.answerStart >= 0) {
            if (buf[m.answerStart] != '{') {
                m.error = TrackerError.BAD_ANSWER;
            } else if (toPeerIdStart < 0
                    || Latin1JsonString.decode(buf, toPeerIdStart, toPeerIdEnd, m.toPeerId) != 20) {
                m.error = TrackerError.BAD_TO_PEER_ID;
            } else if (m.offerIdTokenStart < 0 || !validOfferId(buf, m.offerIdTokenStart, m.offerIdTokenEnd)) {
                m.error = TrackerError.BAD_OFFER_ID;
            } else {
                m.answerOfferKey = lastOfferKey;
                m.kind = MessageKind.ANSWER;
            }
        } else if (!resolveEvent(buf, request)) {
            m.error = TrackerError.BAD_EVENT;
        } else if (left != ABSENT && left != NULL_VALUE && left < 0) {
            m.error = TrackerError.BAD_LEFT;
        } else if (numWant != ABSENT && numWant != NULL_VALUE && numWant < 0) {
            m.error = TrackerError.BAD_NUMWANT;
        } else if (!numbersValid) {
            m.error = TrackerError.BAD_NUMBER_FIELD;
        } else if (offersInvalid) {
            m.error = TrackerError.BAD_OFFERS;
        } else {
            request.left = left >= 0 ? left : AnnounceRequest.LEFT_UNKNOWN;
            request.numWant = numWant >= 0 ? (int) Math.min(numWant, Integer.MAX_VALUE) : AnnounceRequest.NUMWANT_ABSENT;
            request.offerCount = m.storedOffers();
            m.kind = MessageKind.ANNOUNCE;
        }
    }

    private boolean resolveEvent(byte[] buf, AnnounceRequest request) {
        if (eventStart < 0 || isNull(buf, eventStart, eventEnd)) {
            request.event = AnnounceEvent.UPDATE;
            return true;
        }
        int n = Latin1JsonString.decode(buf, eventStart, eventEnd, scratch);
        AnnounceEvent event = EventNames.lookup(scratch, n);
        if (event == null) {
            return false;
        }
        request.event = event;
        return true;
    }

    /** After a parse error, still find out whether the client asked for a scrape, for the failure's action. */
    private void resolveActionForFailure(byte[] buf) {
        if (actionStart >= 0) {
            int n = Latin1JsonString.decode(buf, actionStart, actionEnd, scratch);
            message.scrapeAction = equalsAscii(scratch, n, SCRAPE_VALUE);
        }
    }

    /** Checks an offer_id token and, when valid, leaves its key ({@link AnnounceRequest#offerKey}) in lastOfferKey. */
    private boolean validOfferId(byte[] buf, int start, int end) {
        int n = Latin1JsonString.decode(buf, start, end, scratch);
        if (n < 1 || n > InboundMessage.MAX_OFFER_ID_CHARS) {
            return false;
        }
        lastOfferKey = AnnounceRequest.offerKey(scratch, n);
        return true;
    }

    /** The end of the value just skipped: the separator sits at currentIndex - 1; trailing spaces are trimmed. */
    private int valueEnd(byte[] buf) {
        int end = reader.getCurrentIndex() - 1;
        while (end > 0 && isWhitespace(buf[end - 1])) {
            end--;
        }
        return end;
    }

    /** A plain non-negative or negative integer, {@link #NULL_VALUE}, or {@link #NOT_A_NUMBER}. */
    private static long number(byte[] buf, int start, int end) {
        if (isNull(buf, start, end)) {
            return NULL_VALUE;
        }
        boolean negative = buf[start] == '-';
        int i = negative ? start + 1 : start;
        if (i >= end) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = buf[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_A_NUMBER;
            }
            // Saturate instead of overflowing: only "is it zero / positive" matters for huge counters.
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + digit;
        }
        return negative ? (value == 0 ? 0 : -1) : value;
    }

    private static boolean isNull(byte[] buf, int start, int end) {
        return end - start == 4 && buf[start] == 'n' && buf[start + 1] == 'u' && buf[start + 2] == 'l'
                && buf[start + 3] == 'l';
    }

    static boolean equalsAscii(byte[] decoded, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (decoded[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsJsonValue(byte token) {
        return token == '[' || token == '"' || token == '-' || (token >= '0' && token <= '9')
                || token == 't' || token == 'f' || token == 'n';
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
