package org.signaltracker.core.signaling;

/** A keyed-room connection's role, from the key it presented. Immutable. */
public enum KeyedRole {
    MASTER("master"), CLIENT("client");

    private final String wire;

    KeyedRole(String wire) {
        this.wire = wire;
    }

    /** The role as WELCOME spells it. */
    public String wire() {
        return wire;
    }
}
