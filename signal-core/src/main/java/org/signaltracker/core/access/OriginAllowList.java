package org.signaltracker.core.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The web origins whose pages may open WebSockets here (browser trackers are abused by pages that embed
 * them). An entry is {@code scheme://host[:port]}, matched exactly, or {@code scheme://*.domain[:port]},
 * which matches every subdomain of {@code domain} at any depth but not {@code domain} itself. Scheme and
 * host compare case-insensitively and a default port ({@code :80} for http, {@code :443} for https) is the
 * same as none, as browsers leave it out. An empty list allows every origin. Immutable and thread-safe.
 */
public final class OriginAllowList {

    public static final OriginAllowList ANY = new OriginAllowList(Set.of(), List.of());

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    /** Longer than any real origin (a host name is at most 253 characters): not worth parsing. */
    private static final int MAX_ORIGIN_CHARS = 300;

    /** {@code scheme://host[:port]} in lower case, default port dropped. */
    private final Set<String> exact;
    /** {@code scheme://} and {@code .domain[:port]} of each wildcard entry. */
    private final List<String[]> wildcards;

    private OriginAllowList(Set<String> exact, List<String[]> wildcards) {
        this.exact = exact;
        this.wildcards = wildcards;
    }

    /**
     * Parses a comma-separated list; blank text allows any origin.
     *
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static OriginAllowList parse(String list) {
        if (list.isBlank()) {
            return ANY;
        }
        Set<String> exact = new HashSet<>();
        List<String[]> wildcards = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String entry = raw.strip();
            boolean wildcard = entry.contains("://*.");
            String normal = normalise(wildcard ? entry.replace("://*.", "://") : entry);
            if (normal == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an origin (expected scheme://host[:port] "
                        + "or scheme://*.domain[:port], no path)");
            }
            if (wildcard) {
                int afterScheme = normal.indexOf("://") + 3;
                wildcards.add(new String[] {normal.substring(0, afterScheme), "." + normal.substring(afterScheme)});
            } else {
                exact.add(normal);
            }
        }
        return new OriginAllowList(Set.copyOf(exact), List.copyOf(wildcards));
    }

    /** Whether the list is empty, so any origin is allowed. */
    public boolean allowsAny() {
        return exact.isEmpty() && wildcards.isEmpty();
    }

    /** Whether an upgrade carrying {@code origin} (the header's value, not null) may proceed. */
    public boolean allows(String origin) {
        if (allowsAny()) {
            return true;
        }
        String normal = normalise(origin);
        if (normal == null) {
            return false;
        }
        if (exact.contains(normal)) {
            return true;
        }
        for (String[] wildcard : wildcards) {
            if (normal.startsWith(wildcard[0]) && normal.endsWith(wildcard[1])
                    && normal.length() > wildcard[0].length() + wildcard[1].length()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code scheme://host[:port]} in lower case with a default port left out, or null when {@code origin}
     * is not of that form (a path, user info, an empty host, "null" as sandboxed pages send).
     */
    static String normalise(String origin) {
        if (origin.length() > MAX_ORIGIN_CHARS) {
            return null;
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        int sep = lower.indexOf("://");
        if (sep <= 0 || !SCHEME.matcher(lower.substring(0, sep)).matches()) {
            return null;
        }
        String scheme = lower.substring(0, sep);
        String authority = lower.substring(sep + 3);
        String host = authority;
        String port = null;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(']') < colon) {
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
                return null;
            }
        }
        boolean bracketed = host.startsWith("[") && host.endsWith("]") && IpAddress.parse(host.substring(1,
                host.length() - 1)) != null;
        if (!bracketed && !HOST_NAME.matcher(host).matches()) {
            return null;
        }
        boolean defaultPort = port != null && ((scheme.equals("http") && port.equals("80"))
                || (scheme.equals("https") && port.equals("443")));
        return scheme + "://" + host + (port == null || defaultPort ? "" : ":" + port);
    }
}
