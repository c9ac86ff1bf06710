package org.signaltracker.core.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of CIDR ranges ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare address for one host) that
 * answers "is this address in it" in O(log n). The ranges are kept as sorted, merged intervals of 128-bit
 * numbers, IPv4 in its mapped form, so an IPv4-mapped IPv6 peer ({@code ::ffff:10.1.2.3}) matches
 * {@code 10.0.0.0/8}, and {@code ::/0} matches every address of both families. A range with host bits
 * set ({@code 10.0.0.1/8}) is refused as a likely typo rather than silently widened. Immutable and
 * thread-safe; built off the event loops (config load, reload, the ban file), read on them.
 */
public final class AddressRanges {

    public static final AddressRanges NONE = new AddressRanges(new long[0], new long[0], new long[0], new long[0], 0);

    /** The interval i is [start, end], each 128 bits as (high, low) compared unsigned. */
    private final long[] startHigh;
    private final long[] startLow;
    private final long[] endHigh;
    private final long[] endLow;
    /** How many ranges were written, before merging: for logs ("1,204 banned ranges"). */
    private final int written;

    private AddressRanges(long[] startHigh, long[] startLow, long[] endHigh, long[] endLow, int written) {
        this.startHigh = startHigh;
        this.startLow = startLow;
        this.endHigh = endHigh;
        this.endLow = endLow;
        this.written = written;
    }

    /**
     * Parses a comma-separated list; empty or blank text is the empty set.
     *
     * @throws IllegalArgumentException naming the first bad entry and what is wrong with it
     */
    public static AddressRanges parse(String list) {
        Builder builder = new Builder();
        if (!list.isBlank()) {
            for (String entry : list.split(",", -1)) {
                builder.add(entry.strip());
            }
        }
        return builder.build();
    }

    public boolean contains(IpAddress address) {
        int lo = 0;
        int hi = startHigh.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(startHigh[mid], startLow[mid], address.high(), address.low()) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && compare(address.high(), address.low(), endHigh[found], endLow[found]) <= 0;
    }

    public boolean isEmpty() {
        return startHigh.length == 0;
    }

    /** Ranges as written (before overlapping ones were merged). */
    public int size() {
        return written;
    }

    /** Every address in this set or in {@code other}. */
    public AddressRanges union(AddressRanges other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder builder = new Builder();
        builder.addIntervals(this);
        builder.addIntervals(other);
        builder.written = written + other.written;
        return builder.build();
    }

    @Override
    public String toString() {
        return written + (written == 1 ? " range" : " ranges");
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int c = Long.compareUnsigned(aHigh, bHigh);
        return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
    }

    /** Collects ranges one at a time (the ban file adds one per line); not thread-safe. */
    public static final class Builder {

        private final List<long[]> intervals = new ArrayList<>();
        private int written;

        /**
         * Adds one {@code address/prefix} or bare address.
         *
         * @throws IllegalArgumentException saying what is wrong with {@code entry}
         */
        public Builder add(String entry) {
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("an empty entry (two commas in a row, or a trailing comma)");
            }
            int slash = entry.indexOf('/');
            String addressText = slash < 0 ? entry : entry.substring(0, slash);
            IpAddress address = IpAddress.parse(addressText);
            if (address == null) {
                throw new IllegalArgumentException("'" + entry + "' is not a literal IPv4 or IPv6 address"
                        + (slash < 0 ? "" : " with a prefix length"));
            }
            boolean ipv4 = addressText.indexOf(':') < 0;
            int familyBits = ipv4 ? 32 : 128;
            int prefix = familyBits;
            if (slash >= 0) {
                String prefixText = entry.substring(slash + 1);
                if (!prefixText.matches("[0-9]{1,3}") || (prefixText.length() > 1 && prefixText.charAt(0) == '0')) {
                    throw new IllegalArgumentException("'" + entry + "' has no valid prefix length after the /");
                }
                prefix = Integer.parseInt(prefixText);
                if (prefix > familyBits) {
                    throw new IllegalArgumentException("'" + entry + "' has prefix length " + prefix + ", over "
                            + familyBits + " for " + (ipv4 ? "IPv4" : "IPv6"));
                }
            }
            int bits = ipv4 ? prefix + 96 : prefix;
            IpAddress network = address.masked(bits);
            if (!network.equals(address)) {
                throw new IllegalArgumentException("'" + entry + "' has bits set after its prefix (did you mean "
                        + network + "/" + prefix + "?)");
            }
            long endHigh = network.high() | ~IpAddress.highMask(bits);
            long endLow = network.low() | ~IpAddress.lowMask(bits);
            intervals.add(new long[] {network.high(), network.low(), endHigh, endLow});
            written++;
            return this;
        }

        private void addIntervals(AddressRanges ranges) {
            for (int i = 0; i < ranges.startHigh.length; i++) {
                intervals.add(new long[] {ranges.startHigh[i], ranges.startLow[i], ranges.endHigh[i],
                    ranges.endLow[i]});
            }
        }

        public int size() {
            return written;
        }

        public AddressRanges build() {
            if (intervals.isEmpty()) {
                return written == 0 ? NONE : new AddressRanges(new long[0], new long[0], new long[0], new long[0],
                        written);
            }
            long[][] sorted = intervals.toArray(new long[0][]);
            Arrays.sort(sorted, (a, b) -> compare(a[0], a[1], b[0], b[1]));
            List<long[]> merged = new ArrayList<>();
            long[] current = sorted[0].clone();
            for (int i = 1; i < sorted.length; i++) {
                long[] next = sorted[i];
                if (compare(next[0], next[1], current[2], current[3]) <= 0) {
                    if (compare(next[2], next[3], current[2], current[3]) > 0) {
                        current[2] = next[2];
                        current[3] = next[3];
                    }
                } else {
                    merged.add(current);
                    current = next.clone();
                }
            }
            merged.add(current);
            int n = merged.size();
            long[] sh = new long[n];
            long[] sl = new long[n];
            long[] eh = new long[n];
            long[] el = new long[n];
            for (int i = 0; i < n; i++) {
                long[] interval = merged.get(i);
                sh[i] = interval[0];
                sl[i] = interval[1];
                eh[i] = interval[2];
                el[i] = interval[3];
            }
            return new AddressRanges(sh, sl, eh, el, written);
        }
    }
}
