package org.signaltracker.core.tracker;

import org.signaltracker.core.error.TrackerError;

/**
 * Where an answer goes: the connection that owns {@code to_peer_id} in the swarm, or nothing. Mutable and
 * reused per event loop; not thread-safe.
 */
public final class AnswerRoute {

    /** Set when the answerer may not speak as its peer_id (another live connection owns it). */
    public TrackerError error;
    /** The receiver, or null when the target is not in the swarm (dropped quietly and counted). */
    public TrackerConnection target;

    public void reset() {
        error = null;
        target = null;
    }
}
