package org.signaltracker.core.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

    private static final long NOW = 1_700_000_000L;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TokenMinter.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> NOW);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheTokenAloneOnOneLineValidForAnHourByDefault() {
        Run r = run("--secret", HubFixture.SECRET, "alice");
        assertEquals(0, r.status());
        assertEquals(1, r.out().lines().count());
        String token = r.out().strip();
        assertTrue(token.startsWith((NOW + 3600) + "."), token);
        HmacAuthenticator auth = new HmacAuthenticator(HubFixture.SECRET, () -> NOW + 3599);
        assertTrue(auth.authenticate("alice", token));
        assertFalse(new HmacAuthenticator(HubFixture.SECRET, () -> NOW + 3600).authenticate("alice", token));
        assertTrue(run("--ttl-seconds", "10", "--secret", HubFixture.SECRET, "alice").out().startsWith((NOW + 10) + "."));
    }

    @Test
    void badArgumentsExitWith2AndSayWhy() {
        assertEquals(2, run("alice").status());
        assertEquals(2, run("--secret", HubFixture.SECRET).status());
        assertEquals(2, run("--secret", "short", "alice").status());
        assertEquals(2, run("--secret", HubFixture.SECRET, "bad name").status());
        assertEquals(2, run("--secret", HubFixture.SECRET, "--ttl-seconds", "x", "alice").status());
        assertEquals(2, run("--secret", HubFixture.SECRET, "--ttl-seconds", "0", "alice").status());
        assertEquals(2, run("--secret", HubFixture.SECRET, "alice", "bob").status());
        Run r = run("--secret");
        assertTrue(r.err().contains("usage: mint-token"), r.err());
        assertEquals("", r.out());
    }
}
