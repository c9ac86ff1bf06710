package org.signaltracker.core.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PeerSession} for tests: keeps every message sent to it as a UTF-8 string and the close code it
 * was closed with. Optionally refuses sends, to stand in for a peer over its high water mark.
 * Thread-safe (synchronized), since concurrency tests send to it from several threads.
 */
public final class RecordingPeerSession implements PeerSession {

    private static long nextId = 1;

    private final long id;
    private final List<String> sent = new ArrayList<>();
    private boolean refuseSends;
    private int closeCode = -1;
    private String closeReason;

    public RecordingPeerSession() {
        synchronized (RecordingPeerSession.class) {
            id = nextId++;
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public synchronized boolean send(byte[] bytes, int offset, int length) {
        if (refuseSends || closeCode != -1) {
            return false;
        }
        sent.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
        return true;
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (closeCode == -1) {
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public String remoteAddress() {
        return "test-" + id;
    }

    /** Messages sent so far, oldest first (a copy). */
    public synchronized List<String> sent() {
        return new ArrayList<>(sent);
    }

    /** Returns and forgets the messages sent so far. */
    public synchronized List<String> drain() {
        List<String> copy = new ArrayList<>(sent);
        sent.clear();
        return copy;
    }

    public synchronized void refuseSends(boolean refuse) {
        this.refuseSends = refuse;
    }

    /** The close code, or -1 while open. */
    public synchronized int closeCode() {
        return closeCode;
    }

    public synchronized String closeReason() {
        return closeReason;
    }
}
