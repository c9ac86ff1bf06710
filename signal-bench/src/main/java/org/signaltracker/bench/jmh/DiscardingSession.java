package org.signaltracker.bench.jmh;

import org.signaltracker.core.session.PeerSession;

/** A session that accepts and forgets every message, for benchmarks of the core alone. Thread-safe. */
final class DiscardingSession implements PeerSession {

    @Override
    public long id() {
        return 0;
    }

    @Override
    public boolean send(byte[] bytes, int offset, int length) {
        return true;
    }

    @Override
    public void close(int closeCode, String reason) {
    }

    @Override
    public String remoteAddress() {
        return "benchmark";
    }
}
