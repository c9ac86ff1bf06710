package org.signaltracker.core.protocol.webtorrent;

import java.nio.charset.StandardCharsets;
import org.signaltracker.core.tracker.AnnounceEvent;

/**
 * Maps the event names real clients send to {@link AnnounceEvent}: the JS client omits the event on
 * regular announces, anacrolix sends {@code "empty"}, libtorrent {@code "paused"}, the reference server
 * accepts {@code "update"}; an empty string is treated like a missing event, as the reference does.
 */
final class EventNames {

    private static final byte[][] NAMES = {
        bytes("started"), bytes("completed"), bytes("stopped"), bytes("update"), bytes("empty"), bytes(""),
        bytes("paused"),
    };
    private static final AnnounceEvent[] EVENTS = {
        AnnounceEvent.STARTED, AnnounceEvent.COMPLETED, AnnounceEvent.STOPPED, AnnounceEvent.UPDATE,
        AnnounceEvent.UPDATE, AnnounceEvent.UPDATE, AnnounceEvent.PAUSED,
    };

    private EventNames() {
    }

    /** The event named by {@code name[0, length)}, or null when the name is unknown. */
    static AnnounceEvent lookup(byte[] name, int length) {
        for (int i = 0; i < NAMES.length; i++) {
            if (WebTorrentDecoder.equalsAscii(name, length, NAMES[i])) {
                return EVENTS[i];
            }
        }
        return null;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
