package org.signaltracker.core.signaling;

/**
 * The port that decides whether an IDENTIFY may take a name: {@link #none()} takes the username as the
 * identity, {@link HmacAuthenticator} needs a signed token for it. Another account system plugs in here.
 * Implementations are thread-safe and do not block (they run on event loops).
 */
public interface Authenticator {

    /** Whether {@code token} (null when absent) proves {@code username}, a valid name. */
    boolean authenticate(String username, String token);

    /** True when a proven identity takes its name over from an older connection whatever the duplicate policy. */
    boolean provenReplaces();

    /** {@code signaling.authMode = none}: any free valid username; a token is ignored. */
    static Authenticator none() {
        return new Authenticator() {
            @Override
            public boolean authenticate(String username, String token) {
                return true;
            }

            @Override
            public boolean provenReplaces() {
                return false;
            }
        };
    }
}
