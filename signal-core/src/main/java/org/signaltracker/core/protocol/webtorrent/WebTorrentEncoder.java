package org.signaltracker.core.protocol.webtorrent;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import com.dslplatform.json.StringConverter;
import java.nio.charset.StandardCharsets;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.tracker.ScrapeCounts;

/**
 * Writes the tracker's outgoing messages into one reused dsl-json {@link JsonWriter}. Every message
 * starts with {@code action}, and carries {@code info_hash} whenever the request had a valid one: the JS
 * client routes messages on a shared socket by info hash and treats a message without action as a broken
 * tracker. Ids, offers and answers are copied as the raw bytes the sender wrote, so they round-trip
 * exactly and no string is built.
 *
 * <p>Not thread-safe: one per event loop. The bytes of a message are valid until the next write.
 */
public final class WebTorrentEncoder {

    private static final byte[] ANNOUNCE_OPEN = ascii("{\"action\":\"announce\"");
    private static final byte[] SCRAPE_OPEN = ascii("{\"action\":\"scrape\",\"files\":{");
    private static final byte[] COMPLETE = ascii(",\"complete\":");
    private static final byte[] INCOMPLETE = ascii(",\"incomplete\":");
    private static final byte[] INFO_HASH = ascii(",\"info_hash\":");
    private static final byte[] OFFER = ascii(",\"offer\":");
    private static final byte[] ANSWER = ascii(",\"answer\":");
    private static final byte[] OFFER_ID = ascii(",\"offer_id\":");
    private static final byte[] PEER_ID = ascii(",\"peer_id\":");
    private static final byte[] WARNING = ascii(",\"warning message\":");
    private static final byte[] FAILURE_SCRAPE = ascii("{\"action\":\"scrape\",\"failure reason\":");
    private static final byte[] FAILURE_ANNOUNCE = ascii("{\"action\":\"announce\",\"failure reason\":");
    private static final byte[] FILE_COMPLETE = ascii(":{\"complete\":");
    private static final byte[] FILE_DOWNLOADED = ascii(",\"downloaded\":");

    private final JsonWriter writer = new DslJson<>().newWriter(4096);
    /** {@code ,"interval":N,"min interval":M}: encoded once per configuration, not per reply. */
    private byte[] intervals;
    private byte[] scrapeClose;

    public WebTorrentEncoder(TrackerConfig tracker) {
        intervals(tracker);
    }

    /** The intervals later replies carry; called again on reload. */
    public void intervals(TrackerConfig tracker) {
        intervals = ascii(",\"interval\":" + tracker.announceIntervalSeconds()
                + ",\"min interval\":" + tracker.minAnnounceIntervalSeconds());
        scrapeClose = ascii("},\"flags\":{\"min_request_interval\":" + tracker.announceIntervalSeconds() + "}}");
    }

    /** The bytes written by the last call; valid until the next one. */
    public byte[] bytes() {
        return writer.getByteBuffer();
    }

    public int size() {
        return writer.size();
    }

    public void announceResponse(InboundMessage m, int complete, int incomplete, String warning) {
        JsonWriter w = writer;
        w.reset();
        w.writeAscii(ANNOUNCE_OPEN);
        w.writeAscii(intervals);
        w.writeAscii(COMPLETE);
        NumberConverter.serialize(complete, w);
        w.writeAscii(INCOMPLETE);
        NumberConverter.serialize(incomplete, w);
        writeInfoHash(m);
        if (warning != null) {
            w.writeAscii(WARNING);
            StringConverter.serialize(warning, w);
        }
        w.writeByte(JsonWriter.OBJECT_END);
    }

    /** The {@code index}-th offer of {@code m}, as its receiver sees it. */
    public void relayedOffer(InboundMessage m, int index) {
        JsonWriter w = writer;
        w.reset();
        w.writeAscii(ANNOUNCE_OPEN);
        w.writeAscii(OFFER);
        raw(m, m.offerStart[index], m.offerEnd[index]);
        w.writeAscii(OFFER_ID);
        raw(m, m.offerIdStart[index], m.offerIdEnd[index]);
        w.writeAscii(PEER_ID);
        raw(m, m.peerIdStart, m.peerIdEnd);
        writeInfoHash(m);
        w.writeByte(JsonWriter.OBJECT_END);
    }

    public void relayedAnswer(InboundMessage m) {
        JsonWriter w = writer;
        w.reset();
        w.writeAscii(ANNOUNCE_OPEN);
        w.writeAscii(ANSWER);
        raw(m, m.answerStart, m.answerEnd);
        w.writeAscii(OFFER_ID);
        raw(m, m.offerIdTokenStart, m.offerIdTokenEnd);
        w.writeAscii(PEER_ID);
        raw(m, m.peerIdStart, m.peerIdEnd);
        writeInfoHash(m);
        w.writeByte(JsonWriter.OBJECT_END);
    }

    /** Opens a scrape response; follow with one {@link #scrapeFile} per hash and {@link #endScrape}. */
    public void beginScrape() {
        writer.reset();
        writer.writeAscii(SCRAPE_OPEN);
    }

    public void scrapeFile(InboundMessage m, int index, ScrapeCounts counts) {
        JsonWriter w = writer;
        if (index > 0) {
            w.writeByte(JsonWriter.COMMA);
        }
        raw(m, m.scrapeTokenStart[index], m.scrapeTokenEnd[index]);
        w.writeAscii(FILE_COMPLETE);
        NumberConverter.serialize(counts.complete, w);
        w.writeAscii(INCOMPLETE);
        NumberConverter.serialize(counts.incomplete, w);
        w.writeAscii(FILE_DOWNLOADED);
        NumberConverter.serialize(counts.downloaded, w);
        w.writeByte(JsonWriter.OBJECT_END);
    }

    public void endScrape() {
        writer.writeAscii(scrapeClose);
    }

    /** A refusal; echoes {@code info_hash} when the request had a valid one ({@code m} may be null). */
    public void failure(TrackerError error, boolean scrape, InboundMessage m) {
        JsonWriter w = writer;
        w.reset();
        w.writeAscii(scrape ? FAILURE_SCRAPE : FAILURE_ANNOUNCE);
        StringConverter.serialize(error.reason(), w);
        if (m != null) {
            writeInfoHash(m);
        }
        w.writeByte(JsonWriter.OBJECT_END);
    }

    private void writeInfoHash(InboundMessage m) {
        if (m.hasInfoHash()) {
            writer.writeAscii(INFO_HASH);
            raw(m, m.infoHashStart, m.infoHashEnd);
        }
    }

    private void raw(InboundMessage m, int start, int end) {
        writer.writeRaw(m.buffer, start, end - start);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
