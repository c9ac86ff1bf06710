package org.signaltracker.core.protocol.signaling;

import org.signaltracker.core.protocol.json.JsonStrings;
import org.signaltracker.core.signaling.Names;

/**
 * Turns the raw JSON string token of a relay target into its name without building a String per message:
 * a direct-mapped cache from token bytes to the decoded name. A peer in a mesh sends candidates to each of
 * its peers in turn, so the cache is per event loop with many slots rather than per connection with one.
 * A miss decodes and takes the slot; tokens longer than any valid name are decoded and not cached.
 *
 * <p>Not thread-safe: one per dispatcher (per event loop).
 */
final class TargetNames {

    private static final int SLOTS = 1024; // a power of two
    /** The longest token a valid name can have: its 64 characters and two quotes. */
    private static final int MAX_TOKEN = Names.MAX_LENGTH + 2;

    private final byte[][] tokens = new byte[SLOTS][];
    private final int[] lengths = new int[SLOTS];
    private final String[] names = new String[SLOTS];

    String name(byte[] buf, int start, int end) {
        int length = end - start;
        if (length > MAX_TOKEN) {
            return JsonStrings.decode(buf, start, end);
        }
        int hash = 0x811C9DC5;
        for (int i = start; i < end; i++) {
            hash = (hash ^ buf[i]) * 0x01000193;
        }
        int slot = (hash ^ hash >>> 16) & (SLOTS - 1);
        byte[] cached = tokens[slot];
        if (cached != null && lengths[slot] == length && same(cached, buf, start, length)) {
            return names[slot];
        }
        String name = JsonStrings.decode(buf, start, end);
        if (cached == null) {
            cached = new byte[MAX_TOKEN];
            tokens[slot] = cached;
        }
        System.arraycopy(buf, start, cached, 0, length);
        lengths[slot] = length;
        names[slot] = name;
        return name;
    }

    private static boolean same(byte[] cached, byte[] buf, int start, int length) {
        for (int i = 0; i < length; i++) {
            if (cached[i] != buf[start + i]) {
                return false;
            }
        }
        return true;
    }
}
