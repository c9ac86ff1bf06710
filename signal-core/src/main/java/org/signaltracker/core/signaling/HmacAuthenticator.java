package org.signaltracker.core.signaling;

import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * {@code signaling.authMode = hmac}: IDENTIFY needs a token minted for that username with the shared
 * secret (see {@link TokenMinter}), not yet expired. A token is {@code EXPIRY.SIGNATURE}: EXPIRY the
 * expiry time in whole seconds since the Unix epoch, in canonical decimal, and SIGNATURE the base64url
 * HMAC-SHA256 of "username newline EXPIRY" under the purpose label {@code signal-tracker-token}. It binds
 * name and expiry: another user's token, a changed character, an expired or a missing token all fail, and
 * the signature is compared in constant time.
 *
 * <p>Thread-safe and stateless apart from its key. Time is wall-clock time (tokens are minted by another
 * process), injected so tests can move it.
 */
public final class HmacAuthenticator implements Authenticator {

    static final String PURPOSE = "signal-tracker-token";

    private final HmacSigner signer;
    private final LongSupplier epochSeconds;

    public HmacAuthenticator(String secret, LongSupplier epochSeconds) {
        this.signer = new HmacSigner(secret.getBytes(StandardCharsets.UTF_8));
        this.epochSeconds = epochSeconds;
    }

    @Override
    public boolean authenticate(String username, String token) {
        if (token == null || token.length() > 128) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot > 19) {
            return false;
        }
        String expiryText = token.substring(0, dot);
        long expiry = 0;
        for (int i = 0; i < expiryText.length(); i++) {
            char c = expiryText.charAt(i);
            if (c < '0' || c > '9' || (i == 0 && c == '0')) {
                return false; // canonical decimal only, so "0123" cannot pass for "123"
            }
            expiry = expiry * 10 + (c - '0');
        }
        boolean signed = signer.verify(PURPOSE, username + "\n" + expiryText, token.substring(dot + 1));
        return signed && expiry > epochSeconds.getAsLong();
    }

    @Override
    public boolean provenReplaces() {
        return true;
    }

    /** The token for {@code username} valid until {@code expiryEpochSeconds}. */
    String mint(String username, long expiryEpochSeconds) {
        String expiryText = Long.toString(expiryEpochSeconds);
        return expiryText + "." + signer.sign(PURPOSE, username + "\n" + expiryText);
    }
}
