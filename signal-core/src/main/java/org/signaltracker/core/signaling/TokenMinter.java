package org.signaltracker.core.signaling;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import org.signaltracker.core.config.SignalingConfig;

/**
 * Mints IDENTIFY tokens for {@code signaling.authMode = hmac} without a running daemon: the entry point of
 * {@code scripts/mint-token.sh --secret SECRET [--ttl-seconds N] USERNAME}, which prints the token alone on
 * one stdout line and exits 0 (2 with a message on stderr for bad arguments). Stateless and thread-safe.
 */
public final class TokenMinter {

    public static final long DEFAULT_TTL_SECONDS = 3600;

    private TokenMinter() {
    }

    /** The token for {@code username} with {@code secret}, valid {@code ttlSeconds} from {@code nowEpochSeconds}. */
    public static String mint(String secret, String username, long ttlSeconds, long nowEpochSeconds) {
        if (!Names.isValid(username)) {
            throw new IllegalArgumentException("invalid username: 1 to 64 characters of A-Z a-z 0-9 _ . -");
        }
        if (secret.length() < SignalingConfig.MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("the secret must have at least " + SignalingConfig.MIN_SECRET_CHARS
                    + " characters, as signaling.hmacSecret must");
        }
        if (ttlSeconds < 1) {
            throw new IllegalArgumentException("--ttl-seconds must be at least 1");
        }
        return new HmacAuthenticator(secret, () -> nowEpochSeconds).mint(username, nowEpochSeconds + ttlSeconds);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, () -> System.currentTimeMillis() / 1000));
    }

    /** {@link #main} without the exit, for tests: returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, LongSupplier epochSeconds) {
        String secret = null;
        String username = null;
        long ttl = DEFAULT_TTL_SECONDS;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--secret" -> secret = value(args, ++i, "--secret");
                    case "--ttl-seconds" -> ttl = Long.parseLong(value(args, ++i, "--ttl-seconds"));
                    default -> {
                        if (args[i].startsWith("--") || username != null) {
                            throw new IllegalArgumentException("unexpected argument: " + args[i]);
                        }
                        username = args[i];
                    }
                }
            }
            if (secret == null || username == null) {
                throw new IllegalArgumentException("need --secret SECRET and a USERNAME");
            }
            out.println(mint(secret, username, ttl, epochSeconds.getAsLong()));
            return 0;
        } catch (NumberFormatException e) {
            err.println("mint-token: --ttl-seconds needs a whole number");
        } catch (IllegalArgumentException e) {
            err.println("mint-token: " + e.getMessage());
        }
        err.println("usage: mint-token --secret SECRET [--ttl-seconds N] USERNAME");
        return 2;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
