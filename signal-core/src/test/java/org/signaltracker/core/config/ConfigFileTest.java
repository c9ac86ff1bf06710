package org.signaltracker.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileTest {

    private static Path shippedFile() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("config/signal-tracker.conf"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "config/signal-tracker.conf not found above the working directory");
        return dir.resolve("config/signal-tracker.conf");
    }

    @Test
    void shippedFileParsesToTheDefaults() throws Exception {
        assertEquals(SignalTrackerConfig.defaults(), ConfigFile.load(shippedFile()));
    }

    @Test
    void shippedFileIsExactlyTheRenderedDefaults() throws IOException {
        assertEquals(ConfigFile.render(SignalTrackerConfig.defaults()),
                Files.readString(shippedFile(), StandardCharsets.UTF_8),
                "regenerate config/signal-tracker.conf from ConfigFile.render(defaults())");
    }

    @Test
    void knobsMirrorTheRecordsKeyForKeyInOrder() {
        List<String> expected = new ArrayList<>();
        addComponents(expected, "server", ServerConfig.class);
        addComponents(expected, "websocket", WebSocketConfig.class);
        addComponents(expected, "tracker", TrackerConfig.class);
        addComponents(expected, "limits", LimitsConfig.class);
        addComponents(expected, "signaling", SignalingConfig.class);
        addComponents(expected, "log", LogConfig.class);
        addComponents(expected, "access", AccessConfig.class);
        addComponents(expected, "database", DatabaseConfig.class);
        addComponents(expected, "admin", AdminConfig.class);
        addComponents(expected, "tls", TlsConfig.class);
        addComponents(expected, "classic", ClassicConfig.class);
        List<String> actual = ConfigSchema.KNOBS.stream().map(Knob::key).toList();
        assertEquals(expected, actual);
    }

    private static void addComponents(List<String> out, String section, Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            out.add(section + "." + component.getName());
        }
    }

    @Test
    void renderedNonDefaultConfigParsesBack() throws Exception {
        SignalTrackerConfig custom = new SignalTrackerConfig(
                new ServerConfig("127.0.0.1", 9000, "nio", 3, 4096, 7, 5),
                new WebSocketConfig(65_536, 262_144, 20, 90, 5, 16_384, 32_768, 10, 20, 64),
                new TrackerConfig(60, 0, 100, 10, 5, 50, 1024),
                new LimitsConfig(8, 100, 1000, 1000, 2000, 0),
                new SignalingConfig("hmac", "s3cret#with \"quotes\" and \\ backslash-0123456789", " admin#token-long ",
                        "1.0, 2.0-beta", "replace", 5, 6, 7, 8, 60, 9, 10, 11, 120, 131_072, 45),
                new LogConfig("debug", "journald"),
                new AccessConfig("127.0.0.1/32", "x-forwarded-for", "http://localhost:8080", "allow", 100, 60, 10, 64,
                        "", "/var/lib/signal-tracker/banned.txt", 50_000),
                new DatabaseConfig("jdbc:postgresql://127.0.0.1:5433/tracker", "tracker", "pass#word \"q\"", 8, 3),
                new AdminConfig("off", "::1", 9292, "scrape#token with \"quotes\""),
                new TlsConfig("both", 9443, "/etc/ssl/with space/fullchain.pem", "/etc/ssl/privkey.pem", "jdk"),
                new ClassicConfig("off", "on", 6969, 600, 300, 900, 30, 100, 50,
                        "udp#secret with \"quotes\" 0123456789abcdef", "on", 0, 1 << 20));
        assertEquals(custom, ConfigFile.parse(ConfigFile.render(custom)));
    }

    @Test
    void absentKeysKeepDefaultsAndCommentsAreIgnored() throws Exception {
        SignalTrackerConfig c = ConfigFile.parse("# comment\n\n  server.port = 9001   # inline\r\nlimits.maxConnections=0\n");
        assertEquals(9001, c.server().port());
        assertEquals(0, c.limits().maxConnections());
        assertEquals(TrackerConfig.defaults(), c.tracker());
    }

    @Test
    void summaryListsEveryKeyWithItsValue() {
        String summary = ConfigFile.summary(SignalTrackerConfig.defaults());
        assertEquals(ConfigSchema.KNOBS.size(), summary.lines().count());
        assertTrue(summary.contains("tracker.announceIntervalSeconds = 120\n"));
    }

    private static String errorOf(String text) {
        return assertThrows(ConfigException.class, () -> ConfigFile.parse(text)).getMessage();
    }

    @Test
    void unknownDuplicateAndMalformedLinesAreRefused() {
        assertEquals("line 2: unknown key 'server.prot' (run --print-default-config for the list of keys)",
                errorOf("server.port = 1\nserver.prot = 2"));
        assertEquals("line 2: server.port is set twice", errorOf("server.port = 1\nserver.port = 2"));
        assertEquals("line 1: expected 'section.key = value' but found 'server.port 8000'", errorOf("server.port 8000"));
        assertEquals("line 1: expected 'section.key = value' but found '= 5'", errorOf("= 5"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "server.bindAddress = localhost         | server.bindAddress: localhost (expected: a literal IPv4 or IPv6 address)",
        "server.bindAddress = 256.1.1.1         | server.bindAddress: 256.1.1.1 (expected: a literal IPv4 or IPv6 address)",
        "server.port = 65536                    | server.port: 65536 (expected: an integer in 0..65535)",
        "server.port = eighty                   | server.port: eighty (expected: an integer in 0..65535)",
        "server.transport = uring               | server.transport: uring (expected: one of auto, epoll, io_uring, nio)",
        "server.ioThreads = -1                  | server.ioThreads: -1 (expected: an integer in 0..1024)",
        "server.soBacklog = 0                   | server.soBacklog: 0 (expected: an integer in 1..65535)",
        "server.shutdownGraceSeconds = 301      | server.shutdownGraceSeconds: 301 (expected: an integer in 0..300)",
        "websocket.maxFrameBytes = 100          | websocket.maxFrameBytes: 100 (expected: an integer in 1024..16777216)",
        "websocket.maxMessageBytes = 99999999   | websocket.maxMessageBytes: 99999999 (expected: an integer in 1024..16777216)",
        "websocket.pingIntervalSeconds = 0      | websocket.pingIntervalSeconds: 0 (expected: an integer in 1..3600)",
        "websocket.idleTimeoutSeconds = 1       | websocket.idleTimeoutSeconds: 1 (expected: an integer in 2..86400)",
        "websocket.handshakeTimeoutSeconds = 0  | websocket.handshakeTimeoutSeconds: 0 (expected: an integer in 1..300)",
        "websocket.writeBufferLowBytes = 1      | websocket.writeBufferLowBytes: 1 (expected: an integer in 1024..67108864)",
        "websocket.writeBufferHighBytes = 1     | websocket.writeBufferHighBytes: 1 (expected: an integer in 2048..67108864)",
        "websocket.unwritableCloseSeconds = 0   | websocket.unwritableCloseSeconds: 0 (expected: an integer in 1..3600)",
        "tracker.announceIntervalSeconds = 5    | tracker.announceIntervalSeconds: 5 (expected: an integer in 10..86400)",
        "tracker.minAnnounceIntervalSeconds = -1 | tracker.minAnnounceIntervalSeconds: -1 (expected: an integer in 0..86400)",
        "tracker.peerTimeoutSeconds = 9         | tracker.peerTimeoutSeconds: 9 (expected: an integer in 10..172800)",
        "tracker.sweepIntervalSeconds = 0       | tracker.sweepIntervalSeconds: 0 (expected: an integer in 1..3600)",
        "tracker.maxOffersPerAnnounce = 101     | tracker.maxOffersPerAnnounce: 101 (expected: an integer in 0..100)",
        "tracker.maxScrapeHashes = 0            | tracker.maxScrapeHashes: 0 (expected: an integer in 1..10000)",
        "tracker.lockStripes = 100              | tracker.lockStripes: 100 (expected: a power of two in 1..65536)",
        "limits.maxSwarmsPerConnection = 0      | limits.maxSwarmsPerConnection: 0 (expected: an integer in 1..1000000)",
        "limits.maxPeersPerSwarm = 1            | limits.maxPeersPerSwarm: 1 (expected: an integer in 2..10000000)",
        "limits.maxPeers = 0                    | limits.maxPeers: 0 (expected: an integer in 1..1000000000)",
        "limits.messagesPerSecond = 0           | limits.messagesPerSecond: 0 (expected: an integer in 1..10000000)",
        "limits.messageBurst = 0                | limits.messageBurst: 0 (expected: an integer in 1..10000000)",
        "limits.maxConnections = -5             | limits.maxConnections: -5 (expected: an integer in 0..10000000)",
        "signaling.authMode = jwt               | signaling.authMode: jwt (expected: one of none, hmac)",
        "signaling.hmacSecret = short           | signaling.hmacSecret: (a secret of 5 characters) (expected: empty, or at least 32 characters; required when signaling.authMode = hmac)",
        "signaling.adminToken = short           | signaling.adminToken: (a secret of 5 characters) (expected: empty, or at least 16 characters)",
        "signaling.clientVersions = 1.0,,2.0    | signaling.clientVersions: 1.0,,2.0 (expected: empty, or comma-separated versions of letters, digits, '.', '_' and '-')",
        "signaling.duplicateName = kick         | signaling.duplicateName: kick (expected: one of reject, replace)",
        "signaling.maxRoomMembers = 1           | signaling.maxRoomMembers: 1 (expected: an integer in 2..1000000)",
        "signaling.unidentifiedTimeoutSeconds = 29 | signaling.unidentifiedTimeoutSeconds: 29 (expected: an integer in 30..3600)",
        "database.url = mysql://h/db             | database.url: mysql://h/db (expected: empty, sqlite:PATH, or postgresql://HOST[:PORT]/DATABASE (either may start with jdbc:), with no password in it)",
        "database.url = sqlite:                  | database.url: sqlite: (expected: empty, sqlite:PATH, or postgresql://HOST[:PORT]/DATABASE (either may start with jdbc:), with no password in it)",
        "database.url = postgresql:///db         | database.url: postgresql:///db (expected: empty, sqlite:PATH, or postgresql://HOST[:PORT]/DATABASE (either may start with jdbc:), with no password in it)",
        "database.url = postgresql://h/db?password=pw1 | database.url: postgresql://h/db?password=(hidden) (expected: empty, sqlite:PATH, or postgresql://HOST[:PORT]/DATABASE (either may start with jdbc:), with no password in it)",
        "database.url = jdbc:postgresql://u:pw1@h/db | database.url: jdbc:postgresql://u:(hidden)@h/db (expected: empty, sqlite:PATH, or postgresql://HOST[:PORT]/DATABASE (either may start with jdbc:), with no password in it)",
        "database.poolSize = 0                   | database.poolSize: 0 (expected: an integer in 1..64)",
        "database.connectTimeoutSeconds = 301    | database.connectTimeoutSeconds: 301 (expected: an integer in 1..300)",
        "tls.mode = on                          | tls.mode: on (expected: one of off, both, only)",
        "tls.port = 65536                       | tls.port: 65536 (expected: an integer in 0..65535)",
        "tls.certificateChainFile = fullchain.pem | tls.certificateChainFile: fullchain.pem (expected: empty, or an absolute file path; required when tls.mode is not off)",
        "tls.privateKeyFile = ./privkey.pem     | tls.privateKeyFile: ./privkey.pem (expected: empty, or an absolute file path; required when tls.mode is not off)",
        "tls.engine = boringssl                 | tls.engine: boringssl (expected: one of auto, openssl, jdk)",
    })
    void everyKnobRejectsAnOutOfRangeValueNamingKeyAndRange(String line, String message) {
        assertEquals(message, errorOf(line));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "websocket.writeBufferLowBytes = 70000  | websocket.writeBufferLowBytes: 70000 (expected: less than websocket.writeBufferHighBytes = 65536)",
        "websocket.maxMessageBytes = 65536      | websocket.maxMessageBytes: 65536 (expected: at least websocket.maxFrameBytes = 131072)",
        "websocket.idleTimeoutSeconds = 30      | websocket.idleTimeoutSeconds: 30 (expected: more than websocket.pingIntervalSeconds = 30)",
        "tracker.minAnnounceIntervalSeconds = 121 | tracker.minAnnounceIntervalSeconds: 121 (expected: at most tracker.announceIntervalSeconds = 120)",
        "tracker.peerTimeoutSeconds = 120       | tracker.peerTimeoutSeconds: 120 (expected: more than tracker.announceIntervalSeconds = 120)",
        "tracker.sweepIntervalSeconds = 241     | tracker.sweepIntervalSeconds: 241 (expected: at most tracker.peerTimeoutSeconds = 240)",
        "limits.maxPeersPerSwarm = 2000001      | limits.maxPeersPerSwarm: 2000001 (expected: at most limits.maxPeers = 2000000)",
        "limits.maxPeers = 9999                 | limits.maxPeersPerSwarm: 10000 (expected: at most limits.maxPeers = 9999)",
    })
    void crossKeyRulesNameBothKeys(String line, String message) {
        assertEquals(message, errorOf(line));
    }

    @Test
    void crossKeyRulesHoldAtTheirBoundary() throws Exception {
        SignalTrackerConfig c = ConfigFile.parse("""
                websocket.writeBufferLowBytes = 65535
                websocket.maxMessageBytes = 131072
                websocket.idleTimeoutSeconds = 31
                tracker.minAnnounceIntervalSeconds = 120
                tracker.peerTimeoutSeconds = 121
                tracker.sweepIntervalSeconds = 121
                limits.maxPeersPerSwarm = 2000000
                """);
        assertEquals(65_535, c.webSocket().writeBufferLowBytes());
        assertEquals(121, c.tracker().sweepIntervalSeconds());
        assertEquals(2_000_000, c.limits().maxPeersPerSwarm());
    }

    @Test
    void everyCrossKeyRuleIsDocumentedNextToBothKeys() {
        String text = ConfigFile.render(SignalTrackerConfig.defaults());
        for (Relation relation : ConfigSchema.RELATIONS) {
            String leftDoc = docOf(text, relation.left.key());
            String rightDoc = docOf(text, relation.right.key());
            assertTrue(leftDoc.contains(relation.describeFor(relation.left)), leftDoc);
            assertTrue(rightDoc.contains(relation.describeFor(relation.right)), rightDoc);
            assertTrue(leftDoc.contains(relation.right.key()) && rightDoc.contains(relation.left.key()));
        }
    }

    /**
     * The comment block just above {@code key = ...}, its lines joined with spaces so that a rule wrapped
     * over two lines still matches.
     */
    private static String docOf(String rendered, String key) {
        for (String block : rendered.split("\n\n")) {
            List<String> lines = block.lines().toList();
            if (lines.get(lines.size() - 1).startsWith(key + " = ")) {
                return String.join(" ", lines.subList(0, lines.size() - 1)).replace("# ", "");
            }
        }
        throw new AssertionError("no documented block for " + key);
    }

    @Test
    void everyKnobRejectsValuesJustOutsideEitherEndOfItsRange() {
        for (Knob knob : ConfigSchema.KNOBS) {
            List<String> bad = switch (knob.kind) {
                case INT -> List.of(Long.toString(knob.min - 1), Long.toString(knob.max + 1), "1.5", "");
                case POWER_OF_TWO -> List.of(Long.toString(knob.min - 1), Long.toString(knob.max * 2), "3", "");
                case CHOICE -> List.of("bogus", knob.choices.get(0).toUpperCase(java.util.Locale.ROOT), "");
                case IP_LITERAL -> List.of("localhost", "1.2.3", "");
                case TEXT, SECRET -> List.of("x,", "with space inside?");
                case CIDR_LIST -> List.of(); // its errors name the entry at fault: CidrListKnobTest
            };
            for (String raw : bad) {
                if (knob.kind == Knob.Kind.SECRET && raw.length() < 16) {
                    continue; // secrets are covered below: their errors never show the value
                }
                if (knob.isText() && knob.textRule.test(raw)) {
                    continue;
                }
                String shown = raw.isEmpty() ? "\"\"" : knob.kind == Knob.Kind.SECRET
                        ? "(a secret of " + raw.length() + " characters)" : raw;
                assertEquals(knob.key() + ": " + shown + " (expected: " + knob.range() + ")",
                        errorOf(knob.key() + " = " + raw), knob.key() + " = " + raw);
            }
        }
    }

    @Test
    void summaryLinesAreThemselvesAValidConfig() throws Exception {
        SignalTrackerConfig custom = new SignalTrackerConfig(
                new ServerConfig("::1", 1, "epoll", 1, 1, 0, 0),
                new WebSocketConfig(1024, 1024, 1, 2, 1, 1024, 2048, 1, 1, 1),
                new TrackerConfig(10, 10, 11, 11, 0, 1, 1),
                new LimitsConfig(1, 2, 2, 1, 1, 1),
                new SignalingConfig("none", "", "", "v1", "reject", 1, 1, 2, 1, 10, 1, 1, 1, 60, 65_536, 30),
                new LogConfig("error", "plain"),
                new AccessConfig("10.0.0.0/8, ::1", "forwarded", "https://a.example, https://*.b.example:8443",
                        "refuse", 1, 2, 3, 48, "192.0.2.0/24", "/etc/bans.txt", 1),
                new DatabaseConfig("", "", "", 1, 1),
                new AdminConfig("on", "127.0.0.1", 0, ""),
                new TlsConfig("only", 1, "/c.pem", "/k.pem", "openssl"),
                new ClassicConfig("on", "off", 1, 60, 0, 61, 0, 0, 1, "", "off", 3600, 65_536));
        assertEquals(custom, ConfigFile.parse(ConfigFile.summary(custom)));
    }

    @Test
    void byteOrderMarkAndWindowsLineEndsAreTolerated() throws Exception {
        assertEquals(9002, ConfigFile.parse("\uFEFF# written on Windows\r\nserver.port = 9002\r\n").server().port());
    }

    @Test
    void loadNamesTheFileWhenItCannotBeRead(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.conf");
        assertEquals(missing + ": no such config file",
                assertThrows(ConfigException.class, () -> ConfigFile.load(missing)).getMessage());
        Path latin1 = dir.resolve("latin1.conf");
        Files.write(latin1, new byte[] {'#', ' ', (byte) 0xE9, '\n'});
        assertEquals(latin1 + ": the config file is not valid UTF-8",
                assertThrows(ConfigException.class, () -> ConfigFile.load(latin1)).getMessage());
    }

    @Test
    void loadReadsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my.conf");
        Files.writeString(file, "tracker.lockStripes = 1024\nwebsocket.maxFrameBytes = 65536\n");
        SignalTrackerConfig c = ConfigFile.load(file);
        assertEquals(1024, c.tracker().lockStripes());
        assertEquals(65_536, c.webSocket().maxFrameBytes());
        assertEquals(ServerConfig.defaults(), c.server());
    }

    @Test
    void ipv6AndIpv4LiteralsAreAccepted() throws Exception {
        for (String address : new String[] {"::", "::1", "0.0.0.0", "fe80::1:2", "::ffff:10.0.0.1",
                "2001:db8:0:0:0:0:0:1"}) {
            assertEquals(address, ConfigFile.parse("server.bindAddress = " + address).server().bindAddress());
        }
        for (String address : new String[] {"1:2:3:4:5:6:7:8:9", "1::2::3", "01.2.3.4", "example.org"}) {
            assertThrows(ConfigException.class, () -> ConfigFile.parse("server.bindAddress = " + address), address);
        }
    }

    @Test
    void tlsNeedsBothFilesAndItsOwnPort() throws Exception {
        assertEquals("tls.certificateChainFile: \"\" (expected: a file path when tls.mode = both)",
                errorOf("tls.mode = both\ntls.privateKeyFile = /k.pem"));
        assertEquals("tls.privateKeyFile: \"\" (expected: a file path when tls.mode = only)",
                errorOf("tls.mode = only\ntls.certificateChainFile = /c.pem"));
        assertEquals("tls.port: 8000 (expected: a port other than server.port = 8000 when tls.mode = both)",
                errorOf("tls.mode = both\ntls.port = 8000\ntls.certificateChainFile = /c.pem\n"
                        + "tls.privateKeyFile = /k.pem"));
        // Without a plain listener server.port is unused, so the same number is fine; port 0 twice picks two ports.
        assertEquals("only", ConfigFile.parse("tls.mode = only\ntls.port = 8000\ntls.certificateChainFile = /c.pem\n"
                + "tls.privateKeyFile = /k.pem").tls().mode());
        assertEquals(0, ConfigFile.parse("server.port = 0\ntls.mode = both\ntls.port = 0\n"
                + "tls.certificateChainFile = /c.pem\ntls.privateKeyFile = /k.pem").tls().port());
    }

    @Test
    void tlsFilePathsAreTheLiveTlsKnobs() {
        List<String> live = ConfigSchema.KNOBS.stream().filter(k -> k.section.equals("tls") && k.live)
                .map(Knob::key).toList();
        assertEquals(List.of("tls.certificateChainFile", "tls.privateKeyFile"), live);
    }

    @Test
    void hmacNeedsASecretAndTheErrorSaysWhy() {
        assertEquals("signaling.hmacSecret: \"\" (expected: at least 32 characters when signaling.authMode = hmac)",
                errorOf("signaling.authMode = hmac"));
    }

    @Test
    void secretsNeverReachTheSummaryTheRecordsTextOrAnError() throws Exception {
        String secret = "0123456789abcdef0123456789abcdef-top";
        SignalTrackerConfig c = ConfigFile.parse("signaling.authMode = hmac\nsignaling.hmacSecret = " + secret
                + "\nsignaling.adminToken = admin-token-0123456789\n");
        assertEquals(secret, c.signaling().hmacSecret());
        String summary = ConfigFile.summary(c);
        assertTrue(summary.contains("signaling.hmacSecret = (set)\n"), summary);
        assertTrue(summary.contains("signaling.adminToken = (set)\n"), summary);
        assertTrue(!summary.contains(secret) && !summary.contains("admin-token-0123456789"));
        assertTrue(!c.toString().contains(secret) && !c.toString().contains("admin-token-0123456789"), c.toString());
        assertTrue(ConfigFile.summary(SignalTrackerConfig.defaults()).contains("signaling.hmacSecret =\n"));
        String error = errorOf("signaling.hmacSecret = too-short-secret#x");
        assertTrue(!error.contains("too-short"), error);
    }

    @Test
    void aQuotedValueMayHoldAHashQuotesAndBackslashes() throws Exception {
        SignalTrackerConfig c = ConfigFile.parse(
                "signaling.hmacSecret = \"abc#def \\\"q\\\" \\\\ 0123456789012345678901234\"  # a comment\n");
        assertEquals("abc#def \"q\" \\ 0123456789012345678901234", c.signaling().hmacSecret());
        assertEquals(9003, ConfigFile.parse("server.port = \"9003\"").server().port());
        // Unquoted, '#' still starts a comment, as before.
        assertEquals("1.0", ConfigFile.parse("signaling.clientVersions = 1.0#,2.0").signaling().clientVersions());
    }

    @Test
    void brokenQuotingIsRefusedWithTheLine() {
        assertEquals("line 1: a quoted value has no closing quote", errorOf("signaling.clientVersions = \"1.0"));
        assertEquals("line 2: only a comment may follow a quoted value",
                errorOf("\nsignaling.clientVersions = \"1.0\" 2.0"));
        assertEquals("line 1: in a quoted value a backslash may only come before \" or \\",
                errorOf("signaling.clientVersions = \"1\\n\""));
    }

    @Test
    void classicTimingsAndNumWantMustFitTogether() {
        assertEquals("classic.peerTimeoutSeconds: 1800 (expected: more than classic.announceIntervalSeconds = 1800)",
                errorOf("classic.peerTimeoutSeconds = 1800\n"));
        assertEquals("classic.minAnnounceIntervalSeconds: 2000 (expected: at most classic.announceIntervalSeconds = "
                + "1800)", errorOf("classic.minAnnounceIntervalSeconds = 2000\n"));
        assertEquals("classic.defaultNumWant: 300 (expected: at most classic.maxNumWant = 200)",
                errorOf("classic.defaultNumWant = 300\n"));
        assertEquals("classic.connectionIdSecret: (a secret of 5 characters) (expected: empty, or 32 to 1024 characters)",
                errorOf("classic.connectionIdSecret = short\n"));
    }

    @Test
    void classicNumWantTakesTheDefaultForNegativeAndCapsTheRest() {
        ClassicConfig classic = ClassicConfig.defaults();
        assertEquals(50, classic.numWant(-1));
        assertEquals(0, classic.numWant(0));
        assertEquals(80, classic.numWant(80));
        assertEquals(200, classic.numWant(5000));
    }
}
