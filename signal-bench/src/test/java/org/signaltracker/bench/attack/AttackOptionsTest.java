package org.signaltracker.bench.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AttackOptionsTest {

    @Test
    void defaultsAreTheIssuesSizes() {
        AttackConfig c = AttackOptions.parse(new String[] {"--pid", "42"});
        assertEquals(1, c.caseNumber());
        assertEquals(8000, c.messageConnections());
        assertEquals(9000, c.frameConnections());
        assertEquals(131072, c.frameBytes());
        assertEquals(200, c.bodyConnections());
        assertEquals(768, c.rssLimitMiB());
        assertEquals("127.0.0.1", c.target().getHostString());
    }

    @Test
    void onlyLoopbackIsAttacked() {
        assertEquals("127.9.8.7", AttackOptions.parse(new String[] {"--pid", "1", "--host", "127.9.8.7"})
                .target().getAddress().getHostAddress());
        for (String host : new String[] {"10.0.0.1", "192.168.1.1", "0.0.0.0", "localhost", "example.org", "::1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AttackOptions.parse(new String[] {"--pid", "1", "--host", host}), host);
            assertTrue(e.getMessage().startsWith("host: " + host), e.getMessage());
        }
    }

    @Test
    void badOptionsNameTheOptionAndTheRange() {
        assertThrows(IllegalArgumentException.class, () -> AttackOptions.parse(new String[0]), "a pid is required");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttackOptions.parse(new String[] {"--pid", "1", "--case", "6"}));
        assertEquals("case: 6 (expected: one of [1, 2, 3, 4, 5, 10])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AttackOptions.parse(new String[] {"--pid", "1", "--frameConnections", "20000"}));
        assertEquals("frameConnections: 20000 (expected: an integer in 1..19000)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AttackOptions.parse(new String[] {"--pid", "1", "--nope", "1"}));
    }
}
