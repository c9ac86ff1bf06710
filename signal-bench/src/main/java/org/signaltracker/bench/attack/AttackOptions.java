package org.signaltracker.bench.attack;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code --name value} arguments into an {@link AttackConfig}. Every option has a default (the
 * sizes of issue 7's findings) and a range; the target must be a literal address in 127.0.0.0/8, and
 * anything else is refused: this tool only ever attacks a daemon on the same machine.
 */
final class AttackOptions {

    /** The cases this tool runs, by the number of the finding in issue 7. */
    static final List<Integer> CASES = List.of(1, 2, 3, 4, 5, 10);

    /** name, default, meaning: the documented option table, printed by --help. */
    static final List<String[]> OPTIONS = List.of(
            new String[] {"case", "1", "the attack: 1 ping flood, 2 unfinished messages, 3 flood with outbound stuck, "
                + "4 pipelined /health, 5 unfinished frames, 10 close mid-body"},
            new String[] {"host", "127.0.0.1", "daemon address; must be a literal address in 127.0.0.0/8"},
            new String[] {"port", "8000", "daemon port"},
            new String[] {"pid", "0", "daemon process id: its memory is sampled and its death noticed (required)"},
            new String[] {"seconds", "20", "attack duration, connecting included (1..600)"},
            new String[] {"settleSeconds", "5", "wait after closing the attack's connections before the last RSS reading (0..600)"},
            new String[] {"sourceAddresses", "8", "bind client sockets to 127.0.0.1..127.0.0.N (1..250)"},
            new String[] {"rssLimitMiB", "768", "peak resident memory at or above this fails the case"},
            new String[] {"bystanderTimeoutSeconds", "10", "time for one bystander offer/answer exchange (1..120)"},
            new String[] {"daemonLog", "", "file receiving the daemon's stdout and stderr (case 10 counts its new lines)"},
            new String[] {"pingBatch", "512", "case 1: 125-byte pings per write buffer (1..8192)"},
            new String[] {"messageConnections", "8000", "case 2: connections holding an unfinished message (1..19000)"},
            new String[] {"messageBytes", "130048", "case 2: bytes of each unfinished message (keep <= websocket.maxMessageBytes)"},
            new String[] {"fragmentBytes", "16384", "case 2: payload bytes per fragment (1..1048576)"},
            new String[] {"swarms", "100", "case 3: swarms the victim joins, one helper with one offer per swarm (1..190)"},
            new String[] {"offerSdpBytes", "98304", "case 3: SDP bytes of each helper's offer (1..120000; their sum must exceed the server's socket send buffer, 4 MiB here)"},
            new String[] {"victimReceiveBufferBytes", "4096", "case 3: the victim's SO_RCVBUF (0 = system default)"},
            new String[] {"pipelinedRequests", "512", "case 4: GET /health requests per write buffer (1..65536)"},
            new String[] {"frameConnections", "9000", "case 5: connections holding an unfinished frame (1..19000)"},
            new String[] {"frameBytes", "131072", "case 5: payload length each frame header announces"},
            new String[] {"frameSentBytes", "130048", "case 5: payload bytes actually sent (less than frameBytes)"},
            new String[] {"bodyConnections", "200", "case 10: connections that close in the middle of a POST body (1..19000)"},
            new String[] {"maxLogLines", "50", "case 10: daemon log lines for all of them together above this fail"});

    private AttackOptions() {
    }

    static AttackConfig parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] option : OPTIONS) {
            values.put(option[0], option[1]);
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !values.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            values.put(arg.substring(2), args[++i]);
        }
        int caseNumber = integer(values, "case", 1, 10);
        if (!CASES.contains(caseNumber)) {
            throw new IllegalArgumentException("case: " + caseNumber + " (expected: one of " + CASES + ")");
        }
        long pid = Long.parseLong(values.get("pid"));
        if (pid <= 0) {
            throw new IllegalArgumentException("pid: " + pid + " (expected: the daemon's process id)");
        }
        int frameBytes = integer(values, "frameBytes", 2, 16 << 20);
        return new AttackConfig(
                new InetSocketAddress(loopback(values.get("host")), integer(values, "port", 1, 65535)),
                pid, caseNumber,
                integer(values, "seconds", 1, 600),
                integer(values, "settleSeconds", 0, 600),
                integer(values, "sourceAddresses", 1, 250),
                integer(values, "rssLimitMiB", 1, 1 << 20),
                integer(values, "bystanderTimeoutSeconds", 1, 120),
                values.get("daemonLog"),
                integer(values, "pingBatch", 1, 8192),
                integer(values, "messageConnections", 1, 19_000),
                integer(values, "messageBytes", 1, 16 << 20),
                integer(values, "fragmentBytes", 1, 1 << 20),
                integer(values, "swarms", 1, 190),
                integer(values, "offerSdpBytes", 1, 120_000),
                integer(values, "victimReceiveBufferBytes", 0, 1 << 24),
                integer(values, "pipelinedRequests", 1, 65_536),
                integer(values, "frameConnections", 1, 19_000),
                frameBytes,
                integer(values, "frameSentBytes", 1, frameBytes - 1),
                integer(values, "bodyConnections", 1, 19_000),
                integer(values, "maxLogLines", 0, 1_000_000));
    }

    /** The address {@code host} names, which must be a literal IPv4 address in 127.0.0.0/8. */
    static InetAddress loopback(String host) {
        try {
            if (host == null || !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw new UnknownHostException(host);
            }
            InetAddress address = InetAddress.getByName(host);
            if (address.getAddress()[0] == 127) {
                return address;
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host: " + host + " (expected: a literal 127.x.x.x address)");
        }
        throw new IllegalArgumentException("host: " + host + " is outside 127.0.0.0/8; attacks only go to loopback");
    }

    static String help() {
        StringBuilder out = new StringBuilder("usage: java -cp benchmarks.jar org.signaltracker.bench.attack.AttackMain "
                + "--pid PID [--option value]...\n");
        for (String[] option : OPTIONS) {
            out.append(String.format("  --%-25s %-12s %s%n", option[0], "(" + option[1] + ")", option[2]));
        }
        return out.toString();
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
}
