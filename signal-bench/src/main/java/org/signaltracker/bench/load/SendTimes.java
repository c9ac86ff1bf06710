package org.signaltracker.bench.load;

/**
 * Send times (nanos) of one connection's requests whose reply has not come yet, oldest first: a fixed
 * ring, so a stalled tracker cannot make the generator queue without limit. Confined to the connection's
 * event loop. The relay and idle scenarios use it; their replies always come back in order and are never
 * ambiguous (the announce scenario needs {@link AnnouncePairing}).
 */
final class SendTimes {

    static final int CAPACITY = 64;

    private final long[] times = new long[CAPACITY];
    private int head;
    private int size;

    /** Remembers a send time; false if {@link #CAPACITY} requests are outstanding already. */
    boolean push(long nanos) {
        if (size == CAPACITY) {
            return false;
        }
        times[(head + size) % CAPACITY] = nanos;
        size++;
        return true;
    }

    /** The send time of the oldest outstanding request, removed, or -1 when there is none. */
    long pop() {
        if (size == 0) {
            return -1;
        }
        long value = times[head];
        head = (head + 1) % CAPACITY;
        size--;
        return value;
    }

    int size() {
        return size;
    }
}
