package org.signaltracker.core.error;

/**
 * Every way a request can be refused, with the stable numeric code used in metrics and logs and the text
 * sent to the client as {@code "failure reason"} (or as the close reason for close-level errors).
 *
 * <p>The core and the codecs yield these; one stage of the dispatcher maps them to the wire. Codes are
 * grouped: 1xx malformed input (WebSocket JSON, and the HTTP tracker's query string from 115), 2xx protocol
 * semantics, 3xx limits, 4xx connection-level.
 */
public enum TrackerError {

    // 1xx: the message could not be understood.
    MALFORMED_JSON(100, "invalid JSON: the message must be one JSON object"),
    NOT_AN_OBJECT(101, "invalid message: expected a JSON object"),
    MISSING_ACTION(102, "missing action: expected \"announce\" or \"scrape\""),
    UNKNOWN_ACTION(103, "unknown action: expected \"announce\" or \"scrape\""),
    BAD_INFO_HASH(104, "invalid info_hash: expected a string of 20 characters in U+0000..U+00FF"),
    BAD_PEER_ID(105, "invalid peer_id: expected a string of 20 characters in U+0000..U+00FF"),
    BAD_TO_PEER_ID(106, "invalid to_peer_id: an answer needs a string of 20 characters in U+0000..U+00FF"),
    BAD_OFFER_ID(107, "invalid offer_id: an answer needs a string of 1 to 64 characters in U+0000..U+00FF"),
    BAD_ANSWER(108, "invalid answer: expected a JSON object"),
    BAD_OFFERS(109, "invalid offers: expected an array of {offer, offer_id} objects or null"),
    BAD_EVENT(110, "invalid event: expected started, stopped, completed, update, paused or empty"),
    BAD_LEFT(111, "invalid left: expected a non-negative integer or null"),
    BAD_NUMWANT(112, "invalid numwant: expected a non-negative integer"),
    BAD_NUMBER_FIELD(113, "invalid uploaded/downloaded: expected a non-negative integer or null"),
    BAD_SCRAPE_INFO_HASH(114, "invalid info_hash: expected a 20-character string or an array of them"),
    // The HTTP tracker's query string (ids are percent-encoded bytes there, not JSON strings).
    BAD_PERCENT_ENCODING(115, "invalid query: every % must be followed by two hex digits"),
    MISSING_INFO_HASH(116, "missing info_hash: an announce names its torrent"),
    BAD_QUERY_INFO_HASH(117, "invalid info_hash: expected 20 bytes, percent-encoded"),
    DUPLICATE_INFO_HASH(118, "an announce names one info_hash, not several"),
    BAD_QUERY_PEER_ID(119, "missing or invalid peer_id: expected 20 bytes, percent-encoded"),
    BAD_PORT(120, "missing or invalid port: expected 1..65535"),
    BAD_QUERY_NUMBER(121, "invalid uploaded, downloaded, left or numwant: expected a decimal integer"),

    // 2xx: understood, but not allowed.
    FULL_SCRAPE_REFUSED(200, "full scrape is not allowed: name the info_hash values to scrape"),
    PEER_ID_IN_USE(201, "peer_id is in use by another connection in this swarm"),
    ANSWER_FROM_NON_MEMBER(202, "answer refused: announce in this swarm with this peer_id before answering"),
    ANSWER_WITHOUT_OFFER(203,
            "answer refused: to_peer_id sent you no open offer with this offer_id (unknown, expired or already answered)"),
    TORRENT_NOT_ALLOWED(204, "torrent not allowed: this tracker does not serve this info_hash"),

    // 3xx: a configured limit was reached.
    TOO_MANY_SWARMS_ON_CONNECTION(300, "too many swarms on this connection"),
    SWARM_FULL(301, "this swarm is full"),
    TRACKER_FULL(302, "the tracker is full; try again later"),
    MESSAGE_RATE_EXCEEDED(303, "too many messages: slow down"),
    TOO_MANY_SCRAPE_HASHES(304, "too many info_hash values in one scrape"),

    // UDP tracker (BEP 15): 15x malformed, 25x not allowed. Texts stay short: an error to an unverified
    // source may be no longer than its request (see protocol.udp.AmplificationBound).
    UDP_UNKNOWN_ACTION(150, "unknown action: expected 0 (connect), 1 (announce) or 2 (scrape)"),
    UDP_SHORT_ANNOUNCE(151, "malformed announce: shorter than 98 bytes"),
    UDP_BAD_EVENT(152, "invalid event: expected 0 (none), 1 (completed), 2 (started) or 3 (stopped)"),
    UDP_PORT_ZERO(153, "invalid port: 0"),
    UDP_BAD_CONNECTION_ID(250, "invalid connection id");

    private final int code;
    private final String reason;

    TrackerError(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** Stable numeric code for metrics and logs. */
    public int code() {
        return code;
    }

    /** Human-readable text sent to the client. */
    public String reason() {
        return reason;
    }
}
