package org.signaltracker.bench.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code --name value} arguments into a {@link LoadConfig}; every option has a default and a range,
 * and the target must be on the loopback network 127.0.0.0/8 (load is never sent anywhere else).
 */
public final class LoadOptions {

    static final String DEFAULT_URL = "ws://127.0.0.1:8000/announce";
    /** The signal scenario speaks the native signaling dialect, served on {@code /ws}. */
    static final String DEFAULT_SIGNAL_URL = "ws://127.0.0.1:8000/ws";
    /** The classic scenarios speak UDP (BEP 15) and HTTP to a classic tracker, here or opentracker. */
    static final String DEFAULT_UDP_URL = "udp://127.0.0.1:8000";
    static final String DEFAULT_HTTP_URL = "http://127.0.0.1:8000/announce";
    static final List<String> SCENARIOS = List.of("announce", "relay", "idle", "signal", "churn", "udp", "http-new",
            "http-keepalive");

    /** name, default, meaning: the documented option table, printed by --help and at start. */
    static final List<String[]> OPTIONS = List.of(
            new String[] {"url", DEFAULT_URL, "tracker URL; ws:// or wss:// on 127.0.0.0/8 (signal: " + DEFAULT_SIGNAL_URL + "; udp: " + DEFAULT_UDP_URL + "; http-*: " + DEFAULT_HTTP_URL + "); wss:// trusts any certificate, which is only safe on loopback"},
            new String[] {"scenario", "announce", "announce | relay | idle | signal | churn | udp | http-new | http-keepalive (relay, churn and the classic ones re-announce: need a min interval of 0)"},
            new String[] {"connections", "1000", "client connections (1..19000 in one process); udp: simulated clients; http-new: connections in flight at once"},
            new String[] {"durationSeconds", "30", "measured seconds after the warm-up (1..3600)"},
            new String[] {"warmupSeconds", "5", "seconds of load before measuring (0..600)"},
            new String[] {"torrents", "10000", "distinct info hashes (announce and idle scenarios)"},
            new String[] {"gammaShape", "0.2", "Gamma shape of torrent popularity (aquatic's model)"},
            new String[] {"gammaScale", "100", "Gamma scale of torrent popularity"},
            new String[] {"seederShare", "0.25", "share of announces sent as completed with left 0 (0..1)"},
            new String[] {"offersPerAnnounce", "5", "offers per announce (0..10; browsers send 5)"},
            new String[] {"sdpBytes", "300", "bytes of SDP per offer and answer (1..60000)"},
            new String[] {"roomShare", "0.25", "signal: share of connections that also join a room at start (0..1)"},
            new String[] {"roomSize", "10", "signal: members per room (2..100000; the server's maxRoomMembers caps it)"},
            new String[] {"sourceAddresses", "1", "bind client sockets to 127.0.0.1..127.0.0.N (1..250)"},
            new String[] {"ratePerSecond", "0", "0 = closed loop; >0 = open loop at this total send rate"},
            new String[] {"threads", "1", "generator event loop threads (1..64)"},
            new String[] {"spinWait", "auto", "auto | on | off: idle loops poll instead of sleeping (auto: open loop only)"},
            new String[] {"serverPid", "0", "tracker pid, to report its resident memory (0 = none)"},
            new String[] {"histogramLog", "load-latency.hlog", "HdrHistogram interval log file"},
            new String[] {"seed", "42", "random seed"},
            new String[] {"churnLifeAnnounces", "8", "churn: announces per client life on average (1..10000)"},
            new String[] {"churnAnnounceMillis", "2000", "churn: time between one client's announces (10..600000)"},
            new String[] {"churnAbruptShare", "0.3", "churn: share of clients that leave by a TCP close or reset (0..1)"},
            new String[] {"churnSilentShare", "0.2", "churn: share that go silent: stop announcing and reading (0..1)"},
            new String[] {"churnSilentSeconds", "60", "churn: how long a silent client waits for the server to close it (1..3600)"},
            new String[] {"udpSockets", "8", "udp: client sockets (1..256), each bound to its own source endpoint; the clients are spread over them"},
            new String[] {"window", "16", "udp: requests in flight per socket (1..4096; closed loop: a reply lets the next client send; 8 x 16 = 128 in all stays within the 208 KiB default receive buffer of a tracker that keeps it, such as opentracker)"},
            new String[] {"numWant", "50", "udp, http-*: peers asked for per announce (-1..200; -1 = the tracker's default)"},
            new String[] {"scrapeHashes", "5", "udp, http-*: info hashes per scrape (1..74)"},
            new String[] {"weightConnect", "0", "udp: weight of extra connects (besides those made when an id expires or is refused)"},
            new String[] {"weightAnnounce", "100", "udp, http-*: weight of announces in the request mix"},
            new String[] {"weightScrape", "5", "udp, http-*: weight of scrapes in the request mix"},
            new String[] {"connectionIdSeconds", "60", "udp: a client connects again once its connection id is this old (1..3600; BEP 15: 60)"},
            new String[] {"timeoutMillis", "1000", "udp, http-*: a request unanswered this long counts as a timeout (10..60000)"});

    private LoadOptions() {
    }

    public static LoadConfig parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] option : OPTIONS) {
            values.put(option[0], option[1]);
        }
        boolean urlGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !values.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            values.put(arg.substring(2), args[++i]);
            urlGiven |= arg.equals("--url");
        }
        String scenario = values.get("scenario");
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("scenario: " + scenario
                    + " (expected: announce, relay, idle, signal, churn, udp, http-new or http-keepalive)");
        }
        String urlText = urlGiven ? values.get("url") : switch (scenario) {
            case "signal" -> DEFAULT_SIGNAL_URL;
            case "udp" -> DEFAULT_UDP_URL;
            case "http-new", "http-keepalive" -> DEFAULT_HTTP_URL;
            default -> DEFAULT_URL;
        };
        URI url = loopbackUrl(urlText, schemes(scenario));
        if (classic(scenario) && !values.get("ratePerSecond").equals("0")) {
            throw new IllegalArgumentException("ratePerSecond: " + values.get("ratePerSecond") + " (the " + scenario
                    + " scenario runs closed loop only: expected 0)");
        }
        return new LoadConfig(url, scenario,
                integer(values, "connections", 1, 19_000),
                integer(values, "durationSeconds", 1, 3600),
                integer(values, "warmupSeconds", 0, 600),
                integer(values, "torrents", 1, 10_000_000),
                real(values, "gammaShape", 0.01, 100),
                real(values, "gammaScale", 0.01, 1e9),
                real(values, "seederShare", 0, 1),
                integer(values, "offersPerAnnounce", 0, 10),
                integer(values, "sdpBytes", 1, 60_000),
                real(values, "roomShare", 0, 1),
                integer(values, "roomSize", 2, 100_000),
                integer(values, "sourceAddresses", 1, 250),
                integer(values, "ratePerSecond", 0, 10_000_000),
                integer(values, "threads", 1, 64),
                spinWait(values.get("spinWait")),
                Long.parseLong(values.get("serverPid")),
                values.get("histogramLog"),
                Long.parseLong(values.get("seed")),
                churn(values),
                classic(values));
    }

    /** The URL schemes a scenario speaks. */
    static List<String> schemes(String scenario) {
        return switch (scenario) {
            case "udp" -> List.of("udp");
            case "http-new", "http-keepalive" -> List.of("http");
            default -> List.of("ws", "wss");
        };
    }

    /** Whether a scenario speaks to a classic (UDP or HTTP) tracker rather than a WebSocket one. */
    public static boolean classic(String scenario) {
        return scenario.equals("udp") || scenario.startsWith("http-");
    }

    private static LoadConfig.Classic classic(Map<String, String> values) {
        int connect = integer(values, "weightConnect", 0, 1_000_000);
        int announce = integer(values, "weightAnnounce", 0, 1_000_000);
        int scrape = integer(values, "weightScrape", 0, 1_000_000);
        if (announce + scrape == 0) {
            throw new IllegalArgumentException("weightAnnounce + weightScrape: 0 (expected: at least 1)");
        }
        return new LoadConfig.Classic(integer(values, "udpSockets", 1, 256), integer(values, "window", 1, 4096),
                integer(values, "numWant", -1, 200), integer(values, "scrapeHashes", 1, 74), connect, announce, scrape,
                integer(values, "connectionIdSeconds", 1, 3600), integer(values, "timeoutMillis", 10, 60_000));
    }

    /** Accepts only URLs of the given schemes whose host is a literal address in 127.0.0.0/8. */
    static URI loopbackUrl(String text, List<String> schemes) {
        URI url;
        try {
            url = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("url: " + text + " (not a URL: " + e.getReason() + ")");
        }
        if (!schemes.contains(url.getScheme()) || url.getHost() == null || url.getPort() <= 0) {
            throw new IllegalArgumentException("url: " + text + " (expected: " + String.join(":// or ", schemes)
                    + "://127.x.x.x:PORT" + (schemes.contains("udp") ? "" : "/path") + ")");
        }
        byte[] address;
        try {
            if (!url.getHost().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw new UnknownHostException(url.getHost());
            }
            address = InetAddress.getByName(url.getHost()).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("url: " + text + " (expected: a literal 127.x.x.x address)");
        }
        if (address.length != 4 || address[0] != 127) {
            throw new IllegalArgumentException("url: " + text + " is outside 127.0.0.0/8; load is only sent to loopback");
        }
        return url;
    }

    static String help() {
        StringBuilder out = new StringBuilder("usage: load.sh [--option value]...\n");
        for (String[] option : OPTIONS) {
            out.append(String.format("  --%-18s %-30s %s%n", option[0], "(" + option[1] + ")", option[2]));
        }
        return out.toString();
    }

    static String describe(LoadConfig c) {
        return String.format("load: scenario=%s url=%s connections=%d duration=%ds warmup=%ds torrents=%d "
                + "gamma=(%.2f,%.1f) seederShare=%.2f offers=%d sdpBytes=%d rooms=(%.2f,%d) sources=%d rate=%s threads=%d "
                + "spinWait=%s seed=%d",
                c.scenario(), c.url(), c.connections(), c.durationSeconds(), c.warmupSeconds(), c.torrents(),
                c.gammaShape(), c.gammaScale(), c.seederShare(), c.offersPerAnnounce(), c.sdpBytes(), c.roomShare(),
                c.roomSize(),
                c.sourceAddresses(), c.ratePerSecond() == 0 ? "closed-loop" : c.ratePerSecond() + "/s",
                c.threads(), c.spinWait().name().toLowerCase(java.util.Locale.ROOT), c.seed())
                + (c.scenario().equals("churn") ? String.format(java.util.Locale.ROOT,
                        " churn=(life %d announces every %d ms, abrupt %.2f, silent %.2f for %d s)",
                        c.churn().lifeAnnounces(), c.churn().announceMillis(), c.churn().abruptShare(),
                        c.churn().silentShare(), c.churn().silentSeconds()) : "")
                + (classic(c.scenario()) ? String.format(Locale.ROOT,
                        " classic=(udpSockets %d, window %d, numWant %d, scrapeHashes %d, weights connect %d announce %d"
                        + " scrape %d, connectionId %d s, timeout %d ms)", c.classic().udpSockets(), c.classic().window(),
                        c.classic().numWant(), c.classic().scrapeHashes(), c.classic().weightConnect(),
                        c.classic().weightAnnounce(), c.classic().weightScrape(), c.classic().connectionIdSeconds(),
                        c.classic().timeoutMillis()) : "");
    }

    private static LoadConfig.Churn churn(Map<String, String> values) {
        double abrupt = real(values, "churnAbruptShare", 0, 1);
        double silent = real(values, "churnSilentShare", 0, 1);
        if (abrupt + silent > 1) {
            throw new IllegalArgumentException("churnAbruptShare + churnSilentShare: " + (abrupt + silent)
                    + " (expected: at most 1)");
        }
        return new LoadConfig.Churn(integer(values, "churnLifeAnnounces", 1, 10_000),
                integer(values, "churnAnnounceMillis", 10, 600_000), abrupt, silent,
                integer(values, "churnSilentSeconds", 1, 3600));
    }

    private static LoadConfig.SpinWait spinWait(String raw) {
        for (LoadConfig.SpinWait value : LoadConfig.SpinWait.values()) {
            if (value.name().equalsIgnoreCase(raw)) {
                return value;
            }
        }
        throw new IllegalArgumentException("spinWait: " + raw + " (expected: auto, on or off)");
    }

    private static int integer(Map<String, String> values, String name, int min, int max) {
        String raw = values.get(name);
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": " + raw + " (expected: an integer in " + min + ".." + max + ")");
    }

    private static double real(Map<String, String> values, String name, double min, double max) {
        String raw = values.get(name);
        try {
            double value = Double.parseDouble(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": " + raw + " (expected: a number in " + min + ".." + max + ")");
    }
}
