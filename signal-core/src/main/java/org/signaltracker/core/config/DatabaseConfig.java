package org.signaltracker.core.config;

import java.util.Locale;

/**
 * Section {@code database}: the info-hash database that keeps registered torrents, their allow/deny
 * standing and their counts across restarts. Immutable. {@link #toString()} hides the password, so logging
 * the record is safe.
 *
 * @param url                   where the data lives: {@code sqlite:PATH} (a relative path lies under the
 *                              state directory), {@code postgresql://HOST[:PORT]/DATABASE}, the same with a
 *                              {@code jdbc:} prefix, or empty for no database
 * @param user                  PostgreSQL user name; empty takes the driver's default
 * @param password              PostgreSQL password; empty takes {@value #PASSWORD_ENV} from the environment
 * @param poolSize              PostgreSQL connections held open at most
 * @param connectTimeoutSeconds how long opening a PostgreSQL connection may take before it counts as unreachable
 * @param policy                which info hashes are tracked: {@code open}, {@code allow-list} or {@code deny-list}
 * @param writeIntervalSeconds  how often completed counts and seen times are written behind the announce path
 * @param refreshSeconds        how often the standings and counts are reloaded, taking other processes' changes
 */
public record DatabaseConfig(
        String url,
        String user,
        String password,
        int poolSize,
        int connectTimeoutSeconds,
        String policy,
        int writeIntervalSeconds,
        int refreshSeconds) {

    /** The environment variable a password comes from when the config file leaves it empty. */
    public static final String PASSWORD_ENV = "SIGNAL_TRACKER_DATABASE_PASSWORD";
    /** The default: one SQLite file in the state directory. */
    public static final String DEFAULT_URL = "sqlite:signal-tracker.db";

    /** A connection alone, with the default policy and intervals: for tools and tests that only open the store. */
    public DatabaseConfig(String url, String user, String password, int poolSize, int connectTimeoutSeconds) {
        this(url, user, password, poolSize, connectTimeoutSeconds, "open", 5, 30);
    }

    public static DatabaseConfig defaults() {
        return new DatabaseConfig(DEFAULT_URL, "", "", 4, 10, "open", 5, 30);
    }

    /** Whether the daemon keeps a database at all; an empty url keeps everything in memory as before. */
    public boolean enabled() {
        return !url.isEmpty();
    }

    /**
     * Whether {@code url} has a form the daemon knows. A password inside the URL is refused: the URL is
     * logged, the password must never be.
     */
    static boolean isValidUrl(String url) {
        if (url.isEmpty()) {
            return true;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains("password=") || url.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        String rest = lower.startsWith("jdbc:") ? lower.substring(5) : lower;
        if (rest.startsWith("sqlite:")) {
            return rest.length() > "sqlite:".length();
        }
        if (rest.startsWith("postgresql://")) {
            String authority = rest.substring("postgresql://".length());
            // user:secret@ in the authority is a password in the URL too.
            return !authority.isEmpty() && !authority.startsWith("/") && !authority.split("/", 2)[0].contains("@");
        }
        return false;
    }

    /**
     * The text with any password a URL may carry ({@code password=...}, {@code user:secret@}) hidden, for
     * error messages about a value that was refused because it holds one.
     */
    static String withoutCredentials(String text) {
        return text.replaceAll("(?i)(password=)[^&;]*", "$1(hidden)").replaceAll("(//[^/@:]*:)[^/@]*@", "$1(hidden)@");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : Knob.SECRET_SHOWN) + ", poolSize=" + poolSize
                + ", connectTimeoutSeconds=" + connectTimeoutSeconds + ", policy=" + policy
                + ", writeIntervalSeconds=" + writeIntervalSeconds + ", refreshSeconds=" + refreshSeconds + "]";
    }
}
