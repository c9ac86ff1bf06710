package org.signaltracker.core.config;

/**
 * A rule between two integer keys, such as {@code websocket.writeBufferLowBytes} less than
 * {@code websocket.writeBufferHighBytes}. The same object checks a config and documents the rule next to
 * both keys in the rendered file, so the file never states a rule the loader does not enforce. Immutable.
 */
final class Relation {

    enum Op {
        LESS("less than"), AT_MOST("at most"), MORE("more than"), AT_LEAST("at least");

        private final String words;

        Op(String words) {
            this.words = words;
        }

        boolean holds(long left, long right) {
            return switch (this) {
                case LESS -> left < right;
                case AT_MOST -> left <= right;
                case MORE -> left > right;
                case AT_LEAST -> left >= right;
            };
        }

        /** The same rule read from the other key's side: a < b is b > a. */
        Op mirrored() {
            return switch (this) {
                case LESS -> MORE;
                case AT_MOST -> AT_LEAST;
                case MORE -> LESS;
                case AT_LEAST -> AT_MOST;
            };
        }
    }

    final Knob left;
    final Op op;
    final Knob right;

    Relation(Knob left, Op op, Knob right) {
        this.left = left;
        this.op = op;
        this.right = right;
    }

    void check(SignalTrackerConfig config) throws ConfigException {
        long leftValue = ((Integer) left.reader.apply(config)).longValue();
        long rightValue = ((Integer) right.reader.apply(config)).longValue();
        if (!op.holds(leftValue, rightValue)) {
            throw new ConfigException(left.key() + ": " + leftValue + " (expected: " + op.words + " "
                    + right.key() + " = " + rightValue + ")");
        }
    }

    /** How the rule reads next to {@code knob} in the documented file, or null if it does not involve it. */
    String describeFor(Knob knob) {
        if (knob == left) {
            return op.words + " " + right.key();
        }
        if (knob == right) {
            return op.mirrored().words + " " + left.key();
        }
        return null;
    }
}
