package org.signaltracker.core.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * TLS handshakes on the TLS listener by outcome: one {@link LongAdder} per {@link Handshake}, so counting
 * is contention-free on every event loop and readers (logs, the metrics endpoint) sum at read time.
 * Thread-safe.
 */
public final class TlsMetrics {

    /** How a handshake ended; {@link #label} and {@link #help} name it for an exposition format. */
    public enum Handshake {
        COMPLETED("completed", "TLS handshakes that completed"),
        NOT_TLS("not_tls", "Connections to the TLS port whose first bytes were not TLS (plain HTTP, a scanner)"),
        NO_COMMON_PROTOCOL("no_common_protocol",
                "Handshakes refused because the client offered no TLS version the daemon accepts (1.2, 1.3)"),
        NO_COMMON_CIPHER("no_common_cipher", "Handshakes refused because no cipher suite was acceptable to both"),
        CERTIFICATE_REJECTED("certificate_rejected",
                "Handshakes the client ended because it did not accept the daemon's certificate"),
        TIMED_OUT("timed_out", "Handshakes not finished within websocket.handshakeTimeoutSeconds"),
        CLOSED_EARLY("closed_early", "Connections closed by the client before the handshake finished"),
        OTHER("other", "Handshakes that failed for any other reason");

        private final String label;
        private final String help;

        Handshake(String label, String help) {
            this.label = label;
            this.help = help;
        }

        public String label() {
            return label;
        }

        public String help() {
            return help;
        }

        public boolean failed() {
            return this != COMPLETED;
        }
    }

    private final LongAdder[] handshakes = new LongAdder[Handshake.values().length];

    public TlsMetrics() {
        for (int i = 0; i < handshakes.length; i++) {
            handshakes[i] = new LongAdder();
        }
    }

    public void count(Handshake outcome) {
        handshakes[outcome.ordinal()].increment();
    }

    public long handshakes(Handshake outcome) {
        return handshakes[outcome.ordinal()].sum();
    }

    /** Failed handshakes of every cause together. */
    public long failures() {
        long sum = 0;
        for (Handshake outcome : Handshake.values()) {
            if (outcome.failed()) {
                sum += handshakes(outcome);
            }
        }
        return sum;
    }
}
