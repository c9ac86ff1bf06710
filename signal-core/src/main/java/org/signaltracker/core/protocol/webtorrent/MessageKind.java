package org.signaltracker.core.protocol.webtorrent;

/** What one decoded client message asks for. */
public enum MessageKind {
    /** An announce (possibly carrying offers). */
    ANNOUNCE,
    /** An announce that carries an {@code answer} to another peer's offer. */
    ANSWER,
    /** A scrape of one or more info hashes. */
    SCRAPE
}
