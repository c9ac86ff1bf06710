package org.signaltracker.netty.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One loop's list of connections still on HTTP: closed at their deadline, never before, in order. */
class HandshakeDeadlinesTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final HandshakeDeadlines deadlines = new HandshakeDeadlines.Table().of(loop.eventLoop());
    private final List<String> reached = new ArrayList<>();

    private final class Connection extends HandshakeDeadlines.Node {
        private final String name;

        Connection(String name) {
            this.name = name;
        }

        @Override
        void deadlineReached() {
            reached.add(name);
        }
    }

    private void advanceMillis(long millis) {
        loop.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
    }

    @Test
    void eachConnectionIsToldAtItsDeadlineInOrderAndARemovedOneNever() {
        deadlines.add(new Connection("first"), TIMEOUT);
        advanceMillis(2_000);
        Connection gone = new Connection("gone");
        deadlines.add(gone, TIMEOUT);
        advanceMillis(1_000);
        deadlines.add(new Connection("third"), TIMEOUT);
        deadlines.remove(gone);
        advanceMillis(6_999);
        assertEquals(List.of(), reached, "nobody before the deadline");
        advanceMillis(1);
        assertEquals(List.of("first"), reached);
        advanceMillis(3_000);
        assertEquals(List.of("first", "third"), reached);
    }

    @Test
    void connectionsArrivingCloseTogetherAreToldInOnePassAtMostAQuarterSecondLate() {
        deadlines.add(new Connection("a"), TIMEOUT);
        advanceMillis(100);
        deadlines.add(new Connection("b"), TIMEOUT);
        advanceMillis(9_900);
        assertEquals(List.of("a"), reached);
        advanceMillis(100);
        assertEquals(List.of("a"), reached, "the next pass comes a quarter second after the last");
        advanceMillis(150);
        assertEquals(List.of("a", "b"), reached);
    }

    @Test
    void aConnectionListedAgainAfterTheListEmptiedIsToldAtItsOwnDeadline() {
        Connection first = new Connection("first");
        deadlines.add(first, TIMEOUT);
        deadlines.remove(first);
        advanceMillis(4_000);
        deadlines.add(new Connection("later"), TIMEOUT);
        advanceMillis(6_000);
        assertEquals(List.of(), reached, "the pass at the first one's deadline finds the later one not due");
        advanceMillis(4_000);
        assertEquals(List.of("later"), reached);
    }

    @Test
    void theTableGivesEachLoopItsOwnList() {
        HandshakeDeadlines.Table table = new HandshakeDeadlines.Table();
        EmbeddedChannel other = new EmbeddedChannel();
        assertSame(table.of(loop.eventLoop()), table.of(loop.eventLoop()));
        assertNotSame(table.of(loop.eventLoop()), table.of(other.eventLoop()));
    }
}
