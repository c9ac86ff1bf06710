package org.signaltracker.core.access;

import java.util.ArrayList;
import java.util.List;

/**
 * The header a trusted reverse proxy names the client in, and how to read its hops. Only one of the two
 * is believed (config {@code access.proxyHeader}): a proxy that sets one passes the other through as the
 * client wrote it, so believing both would let any client name itself. Stateless.
 */
public enum ForwardingHeader {

    /** {@code X-Forwarded-For: client, proxy1, proxy2}: nginx's {@code $proxy_add_x_forwarded_for}, Caddy. */
    X_FORWARDED_FOR("x-forwarded-for", "X-Forwarded-For"),
    /** RFC 7239 {@code Forwarded: for=client;proto=https, for="[2001:db8::1]:4711"}. */
    FORWARDED("forwarded", "Forwarded");

    /** As the config file spells it. */
    public final String configName;
    /** As HTTP spells it (header names are case-insensitive). */
    public final String headerName;

    ForwardingHeader(String configName, String headerName) {
        this.configName = configName;
        this.headerName = headerName;
    }

    public static ForwardingHeader fromConfig(String name) {
        for (ForwardingHeader header : values()) {
            if (header.configName.equals(name)) {
                return header;
            }
        }
        throw new IllegalArgumentException("no forwarding header " + name);
    }

    /**
     * The hops the header lists, client first; an entry that names no address (RFC 7239's {@code unknown}
     * and {@code _obfuscated} identifiers, an element without {@code for=}, or text that is no address) is
     * null. Null for a header that does not parse at all. Several header lines are passed joined by commas,
     * as HTTP defines.
     */
    public List<IpAddress> hops(String value) {
        return this == X_FORWARDED_FOR ? xForwardedFor(value) : forwarded(value);
    }

    private static List<IpAddress> xForwardedFor(String value) {
        List<IpAddress> hops = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            hops.add(node(entry.strip(), false));
        }
        return hops;
    }

    /**
     * RFC 7239: elements separated by commas, pairs in an element by semicolons, each value a token or a
     * quoted string (which may hold commas and semicolons). Empty elements are skipped, as HTTP's list rule
     * allows; a parameter twice in one element or an unterminated quote makes the whole header unusable.
     */
    private static List<IpAddress> forwarded(String value) {
        List<IpAddress> hops = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i <= n) {
            String forValue = null;
            boolean emptyElement = true;
            boolean sawFor = false;
            // One element: pairs until a comma or the end.
            while (true) {
                i = skipSpace(value, i);
                if (i >= n || value.charAt(i) == ',') {
                    break;
                }
                if (value.charAt(i) == ';') {
                    i++;
                    continue;
                }
                int nameStart = i;
                while (i < n && isTokenChar(value.charAt(i))) {
                    i++;
                }
                if (i == nameStart || i >= n || value.charAt(i) != '=') {
                    return null;
                }
                String name = value.substring(nameStart, i);
                i++;
                String pairValue;
                if (i < n && value.charAt(i) == '"') {
                    StringBuilder quoted = new StringBuilder();
                    i++;
                    while (i < n && value.charAt(i) != '"') {
                        char c = value.charAt(i);
                        if (c == '\\' && i + 1 < n) {
                            c = value.charAt(++i);
                        }
                        quoted.append(c);
                        i++;
                    }
                    if (i >= n) {
                        return null;
                    }
                    i++;
                    pairValue = quoted.toString();
                } else {
                    // Lenient: an unquoted IPv6 node ("for=[::1]") is not a token but is unambiguous.
                    int valueStart = i;
                    while (i < n && value.charAt(i) != ';' && value.charAt(i) != ',' && value.charAt(i) != ' '
                            && value.charAt(i) != '\t') {
                        i++;
                    }
                    pairValue = value.substring(valueStart, i);
                }
                emptyElement = false;
                if (name.equalsIgnoreCase("for")) {
                    if (sawFor) {
                        return null;
                    }
                    sawFor = true;
                    forValue = pairValue;
                }
                i = skipSpace(value, i);
                if (i < n && value.charAt(i) != ';' && value.charAt(i) != ',') {
                    return null;
                }
            }
            if (!emptyElement) {
                hops.add(forValue == null ? null : node(forValue, true));
            }
            i++; // past the comma (or past the end, which ends the loop)
        }
        return hops;
    }

    /**
     * The address of one node: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1},
     * {@code [2001:db8::1]} or {@code [2001:db8::1]:4711}; RFC 7239 also allows an obfuscated port
     * ({@code :_abc}). Null when the node names no usable address.
     */
    static IpAddress node(String text, boolean obfuscatedPortAllowed) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0 || (close != text.length() - 1 && !isPort(text, close + 1, obfuscatedPortAllowed))) {
                return null;
            }
            String inside = text.substring(1, close);
            // Brackets are for IPv6 only; "[192.0.2.1]" is no node of either header.
            return inside.indexOf(':') < 0 ? null : IpAddress.parse(inside);
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && colon == text.lastIndexOf(':')) {
            // One colon: an IPv4 address with a port (IPv6 always has at least two).
            return isPort(text, colon, obfuscatedPortAllowed) ? IpAddress.parse(text.substring(0, colon)) : null;
        }
        return IpAddress.parse(text);
    }

    /** Whether {@code text} from {@code colon} on is ":" and a port. */
    private static boolean isPort(String text, int colon, boolean obfuscatedAllowed) {
        if (colon >= text.length() - 1 || text.charAt(colon) != ':') {
            return false;
        }
        String port = text.substring(colon + 1);
        if (obfuscatedAllowed && port.charAt(0) == '_') {
            return port.length() > 1 && port.chars().allMatch(c -> c == '_' || c == '.' || c == '-'
                    || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
        }
        return port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')
                && Integer.parseInt(port) <= 65535;
    }

    private static int skipSpace(String value, int i) {
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
