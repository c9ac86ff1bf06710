package org.signaltracker.core.stats;

import java.util.Map;

/**
 * Names the client software from the first 8 bytes of a peer id, Azureus style ({@code -WW0103-}: a dash,
 * two letters for the client, four version characters, a dash), reading the version the way the
 * {@code bittorrent-peerid} library does for each client, so our {@code /stats.json} groups clients as
 * bittorrent-tracker's does. A prefix we do not know is reported as client {@code unknown} with the 8
 * characters as its version, as bittorrent-tracker reports it. Stateless, thread-safe.
 */
public final class ClientSoftware {

    /** How a client writes its version into the four characters. */
    private enum Style {
        /** "1.2.3.4" */
        FOUR_DIGITS,
        /** "1.2.3" and a fourth character that is not a number */
        THREE_DIGITS,
        /** WebTorrent: two-digit major and minor, a leading zero dropped: "0103" is 1.3, "1012" is 10.12 */
        WEBTORRENT,
        /** Transmission: "0.7x" for 000x and 00xy, else "x.yz" with + for a Z or X build */
        TRANSMISSION
    }

    private record Known(String name, Style style) {
    }

    /** The clients seen on WebTorrent trackers, and the common BitTorrent ones that bridge to them. */
    private static final Map<String, Known> AZUREUS = Map.ofEntries(
            Map.entry("WW", new Known("WebTorrent", Style.WEBTORRENT)),
            Map.entry("WD", new Known("WebTorrent Desktop", Style.WEBTORRENT)),
            Map.entry("qB", new Known("qBittorrent", Style.THREE_DIGITS)),
            Map.entry("TR", new Known("Transmission", Style.TRANSMISSION)),
            Map.entry("UT", new Known("\u00B5Torrent", Style.THREE_DIGITS)),
            Map.entry("LT", new Known("libtorrent (Rasterbar)", Style.FOUR_DIGITS)),
            Map.entry("lt", new Known("libTorrent (Rakshasa)", Style.FOUR_DIGITS)),
            Map.entry("DE", new Known("Deluge", Style.FOUR_DIGITS)),
            Map.entry("AZ", new Known("Vuze", Style.FOUR_DIGITS)),
            Map.entry("BT", new Known("BitTorrent", Style.THREE_DIGITS)),
            Map.entry("BC", new Known("BitComet", Style.FOUR_DIGITS)),
            Map.entry("PT", new Known("Popcorn Time", Style.FOUR_DIGITS)));

    /** Client name and version, as {@code /stats.json} lists them. */
    public record Client(String name, String version) {
    }

    private ClientSoftware() {
    }

    /** The client of a peer id whose first 8 bytes are {@code prefix}, big-endian (as the core packs ids). */
    public static Client of(long prefix) {
        char[] c = new char[8];
        for (int i = 0; i < 8; i++) {
            c[i] = (char) ((prefix >>> (56 - 8 * i)) & 0xFF);
        }
        if (c[0] == '-' && c[7] == '-') {
            Known known = AZUREUS.get(new String(c, 1, 2));
            if (known != null) {
                return new Client(known.name, version(known.style, c[3], c[4], c[5], c[6]));
            }
        }
        return new Client("unknown", new String(c));
    }

    private static String version(Style style, char a, char b, char c, char d) {
        return switch (style) {
            case FOUR_DIGITS -> a + "." + b + "." + c + "." + d;
            case THREE_DIGITS -> a + "." + b + "." + c;
            case WEBTORRENT -> (a == '0' ? "" + b : "" + a + b) + "." + (c == '0' ? "" + d : "" + c + d);
            case TRANSMISSION -> a == '0' && b == '0' && c == '0' ? "0." + d
                    : a == '0' && b == '0' ? "0." + c + d
                    : a + "." + b + c + (d == 'Z' || d == 'X' ? "+" : "");
        };
    }
}
