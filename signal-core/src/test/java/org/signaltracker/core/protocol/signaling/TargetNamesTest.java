package org.signaltracker.core.protocol.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TargetNamesTest {

    private final TargetNames names = new TargetNames();

    private String name(String token) {
        byte[] buf = ("xx" + token).getBytes(StandardCharsets.UTF_8);
        return names.name(buf, 2, buf.length);
    }

    @Test
    void aRepeatedTokenGivesTheSameStringAndDistinctTokensTheirOwn() {
        String bob = name("\"bob\"");
        assertEquals("bob", bob);
        assertSame(bob, name("\"bob\""), "a hit builds no new String");
        assertEquals("carol", name("\"carol\""));
        assertEquals("bob", name("\"b\\u006fb\""), "an escaped spelling decodes to the same name");
        for (int i = 0; i < 5000; i++) { // far more names than slots: collisions replace, never confuse
            assertEquals("peer" + i, name("\"peer" + i + "\""));
        }
        String long70 = "x".repeat(70);
        assertEquals(long70, name("\"" + long70 + "\""), "too long for any name: decoded, not cached");
    }
}
