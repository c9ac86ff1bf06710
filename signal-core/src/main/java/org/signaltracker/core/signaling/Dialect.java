package org.signaltracker.core.signaling;

/** The wire dialect a signaling connection speaks, fixed when it opens (the edge picks it by path). Immutable. */
public enum Dialect {
    /** {@code /ws}: seed 001's vocabulary; the peer id is the username from IDENTIFY. */
    NATIVE,
    /** {@code /ws/{roomId}}: seed 000's keyed rooms; a server-assigned peer id, relay inside the room only. */
    KEYED,
    /** {@code /v1/connect}: seed 002's {target, type, payload}; the identity is the registered cookie user. */
    V1
}
