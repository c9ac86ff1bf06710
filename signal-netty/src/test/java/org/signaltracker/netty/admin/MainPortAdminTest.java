package org.signaltracker.netty.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bearer check: scheme case-insensitive as RFC 7235 has it, token exact. */
class MainPortAdminTest {

    private static final String TOKEN = "0123456789abcdef";

    @Test
    void onlyTheExactBearerTokenPasses() {
        assertTrue(MainPortAdmin.authorised("Bearer " + TOKEN, TOKEN));
        assertTrue(MainPortAdmin.authorised("bearer  " + TOKEN + " ", TOKEN));
        assertFalse(MainPortAdmin.authorised(null, TOKEN));
        assertFalse(MainPortAdmin.authorised("", TOKEN));
        assertFalse(MainPortAdmin.authorised("Basic " + TOKEN, TOKEN));
        assertFalse(MainPortAdmin.authorised("Bearer " + TOKEN + "0", TOKEN));
        assertFalse(MainPortAdmin.authorised("Bearer " + TOKEN.substring(1), TOKEN));
        assertFalse(MainPortAdmin.authorised("Bearer", TOKEN));
    }
}
