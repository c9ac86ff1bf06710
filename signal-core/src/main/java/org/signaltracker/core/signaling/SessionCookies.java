package org.signaltracker.core.signaling;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The value of the {@code user_username} cookie of {@code /v1}: {@code USERNAME.SIGNATURE}, the signature
 * an HMAC-SHA256 of the username under the label {@code signal-tracker-cookie}, so a client cannot turn its
 * cookie into another user's (seed 002 stores the bare name). The key is {@code signaling.hmacSecret} when
 * set (cookies then survive a restart), otherwise random per process. A username may hold a '.', a
 * signature never does, so the last dot splits the two. Thread-safe.
 */
public final class SessionCookies {

    static final String PURPOSE = "signal-tracker-cookie";

    private final HmacSigner signer;

    SessionCookies(String secret) {
        byte[] key;
        if (secret.isEmpty()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.signer = new HmacSigner(key);
    }

    /** The cookie value for a valid username. */
    public String value(String username) {
        return username + "." + signer.sign(PURPOSE, username);
    }

    /** The username a cookie value proves, or null when it is malformed or forged. */
    public String username(String value) {
        if (value == null || value.length() > 200) {
            return null;
        }
        int dot = value.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String username = value.substring(0, dot);
        if (!Names.isValid(username) || !signer.verify(PURPOSE, username, value.substring(dot + 1))) {
            return null;
        }
        return username;
    }
}
