package org.signaltracker.core.config;

import java.util.List;
import java.util.Map;
import org.signaltracker.core.access.OriginAllowList;

/**
 * Every config key, in the order of the record components and of {@code config/signal-tracker.conf}, with
 * its documentation, plus the rules that tie keys together. Stateless.
 */
final class ConfigSchema {

    static final List<String> SECTIONS = List.of("server", "websocket", "tracker", "limits", "signaling", "log",
            "access", "database", "admin", "tls", "classic");

    static final Map<String, String> SECTION_TITLES = Map.ofEntries(
            Map.entry("log", "What the daemon writes to stdout, and in which shape."),
            Map.entry("server", "Where the daemon listens and how it runs its event loops."),
            Map.entry("websocket", "Frame limits, keep-alive and back-pressure of each WebSocket connection."),
            Map.entry("tracker", "The announce protocol's timing and the swarm store's shape."),
            Map.entry("limits", "What one client, one swarm and the whole daemon may hold."),
            Map.entry("signaling", "Identities, rooms and relay on /ws, /ws/{roomId} and /v1/connect: "
                    + "authentication, names, limits and expiry."),
            Map.entry("access", "Who may connect: trusted reverse proxies, allowed Origins, bans, and caps and rate "
                    + "limits per client address."),
            Map.entry("database", "The info-hash database: registered torrents, their allow/deny standing and the "
                    + "counts that outlive a restart."),
            Map.entry("admin", "Where operators read /metrics (Prometheus), /stats.json and /health: a loopback "
                    + "listener, and optionally the main port behind a bearer token."),
            Map.entry("tls", "The wss:// and https:// listener: its port, its certificate and key files, and its "
                    + "TLS engine."),
            Map.entry("classic", "The HTTP (BEP 3) and UDP (BEP 15) trackers that desktop BitTorrent clients "
                    + "announce to, on the same swarms as the WebSocket tracker."));

    static final List<Knob> KNOBS = List.of(
            Knob.ipLiteral("server", "bindAddress",
                    "IP address to listen on; 0.0.0.0 listens on every IPv4 interface, :: on every interface.",
                    "Bind 127.0.0.1 when a TLS proxy on the same host fronts the daemon.",
                    c -> c.server().bindAddress()),
            Knob.integer("server", "port", 0, 65535, "TCP port",
                    "Port for WebSocket upgrades and the HTTP routes (/health). 0 picks a free port.",
                    "Ports below 1024 need CAP_NET_BIND_SERVICE; prefer a high port behind a proxy.",
                    c -> c.server().port()),
            Knob.choice("server", "transport", List.of("auto", "epoll", "io_uring", "nio"),
                    "Network transport: auto uses native epoll when available and NIO otherwise; epoll refuses "
                            + "to start without it. io_uring (Linux 5.14+) runs the TCP listeners through Netty's "
                            + "io_uring transport and refuses to start without it; the UDP tracker stays on epoll "
                            + "then (its batched reads answer twice as many datagrams per CPU-second).",
                    "epoll makes fewer system calls and less garbage than NIO; NIO is the portable fallback. "
                            + "io_uring answers about a third more HTTP announces that open a connection each per "
                            + "CPU-second than epoll (signal-bench/RESULTS.md, section 18): the choice for a busy "
                            + "HTTP tracker. Containers whose seccomp profile refuses io_uring need epoll.",
                    c -> c.server().transport()),
            Knob.integer("server", "ioThreads", 0, 1024, "threads",
                    "Event loop threads; 0 means one per available core.",
                    "More threads than cores only adds context switches.",
                    c -> c.server().ioThreads()),
            Knob.integer("server", "soBacklog", 1, 65535, "connections",
                    "Listen backlog: connections the kernel queues before they are accepted.",
                    "Raise it (and net.core.somaxconn) for reconnect storms after a restart.",
                    c -> c.server().soBacklog()),
            Knob.integer("server", "deferAcceptSeconds", 0, 600, "seconds",
                    "TCP_DEFER_ACCEPT on the TCP listeners: the kernel hands a new connection to the daemon only "
                            + "once its first bytes have arrived (every client of this daemon speaks first), or after "
                            + "about this long; 0 turns it off. Not on the NIO transport.",
                    "Saves a wake-up per connection (with io_uring a fifth more new-connection HTTP announces per "
                            + "CPU-second), and connections that never send cost the kernel only.",
                    c -> c.server().deferAcceptSeconds()),
            Knob.integer("server", "shutdownGraceSeconds", 0, 300, "seconds",
                    "On SIGTERM: stop accepting, send close 1001 to every WebSocket, and wait this long for them "
                            + "to close before exiting.",
                    "Keep it below the service manager's stop timeout (TimeoutStopSec).",
                    c -> c.server().shutdownGraceSeconds()),

            Knob.integer("websocket", "maxFrameBytes", 1024, 16_777_216, "bytes",
                    "Largest accepted frame payload; a larger frame closes the connection with 1009.",
                    "Browsers send a whole announce (5 SDPs) in one frame; keep it at least 64 KiB.",
                    c -> c.webSocket().maxFrameBytes()),
            Knob.integer("websocket", "maxMessageBytes", 1024, 16_777_216, "bytes",
                    "Largest accepted message after joining fragments; larger closes with 1009.",
                    "Bounds the memory one client can make the daemon buffer.",
                    c -> c.webSocket().maxMessageBytes()),
            Knob.integer("websocket", "pingIntervalSeconds", 1, 3600, "seconds",
                    "Send a WebSocket ping after this long without writing to a client. This and the other timeouts "
                            + "of the once-a-second pass apply to every open connection from the pass after a reload.",
                    "Proxies and CDNs often cut connections idle for about 100 s; stay well below that.",
                    c -> c.webSocket().pingIntervalSeconds()).live(),
            Knob.integer("websocket", "idleTimeoutSeconds", 2, 86_400, "seconds",
                    "Close a connection after this long without reading anything from it (pongs count).",
                    "Keep it above tracker.announceIntervalSeconds so a quiet but live client is never cut.",
                    c -> c.webSocket().idleTimeoutSeconds()).live(),
            Knob.integer("websocket", "handshakeTimeoutSeconds", 1, 300, "seconds",
                    "An HTTP upgrade not completed within this is closed.",
                    "Short values shed half-open connections sooner.",
                    c -> c.webSocket().handshakeTimeoutSeconds()),
            Knob.integer("websocket", "writeBufferLowBytes", 1024, 67_108_864, "bytes",
                    "Queued outbound bytes below which a paused client is writable again.",
                    "A wide gap to the high mark makes a paused client flip back and forth less often.",
                    c -> c.webSocket().writeBufferLowBytes()),
            Knob.integer("websocket", "writeBufferHighBytes", 2048, 67_108_864, "bytes",
                    "Queued outbound bytes above which relays to a client are dropped (and counted).",
                    "Higher tolerates slower clients; lower caps memory per connection.",
                    c -> c.webSocket().writeBufferHighBytes()),
            Knob.integer("websocket", "unwritableCloseSeconds", 1, 3600, "seconds",
                    "A client that stays above the high water mark this long is closed.",
                    "Short values free memory from stalled clients sooner.",
                    c -> c.webSocket().unwritableCloseSeconds()).live(),
            Knob.integer("websocket", "unfinishedMessageTimeoutSeconds", 1, 3600, "seconds",
                    "A frame or fragmented message still incomplete this long after its first bytes arrived closes "
                            + "the connection with 1008.",
                    "Browsers send a whole message at once; a client that starts one and stops only holds memory. "
                            + "Raise it for clients on very slow uplinks.",
                    c -> c.webSocket().unfinishedMessageTimeoutSeconds()).live(),
            Knob.integer("websocket", "maxHeldMegabytes", 0, 1_048_576, "MiB",
                    "Bytes all connections together may make the daemon hold: frames being read, fragmented "
                            + "messages being joined, and replies, pongs and relays queued for slow readers. From "
                            + "7/8 of it new upgrades get 503; over it the daemon stops reading from connections "
                            + "that grow and closes those holding the most (1013) until it is back at 6/8. "
                            + "0 means one eighth of the smaller of the heap limit (-Xmx) and the direct-memory limit.",
                    "Each connection is bounded by maxFrameBytes, maxMessageBytes and writeBufferHighBytes; this "
                            + "bounds their sum, so many clients together cannot run the JVM out of memory.",
                    c -> c.webSocket().maxHeldMegabytes()),

            Knob.integer("tracker", "announceIntervalSeconds", 10, 86_400, "seconds",
                    "Sent as 'interval': how often clients re-announce. After a reload the next reply carries the "
                            + "new value.",
                    "WebTorrent clients use it as their re-announce timer; 120 s is the ecosystem norm.",
                    c -> c.tracker().announceIntervalSeconds()).live(),
            Knob.integer("tracker", "minAnnounceIntervalSeconds", 0, 86_400, "seconds",
                    "Sent as 'min interval'. A re-announce sooner than this gets its counts and a warning but "
                            + "relays no offers; started, stopped and completed always go through. 0 disables the check.",
                    "Protects swarms from offer floods by chatty clients.",
                    c -> c.tracker().minAnnounceIntervalSeconds()).live(),
            Knob.integer("tracker", "peerTimeoutSeconds", 10, 172_800, "seconds",
                    "A peer that has not announced for this long is evicted by the idle sweep; until then its peer "
                            + "id belongs to its connection, and only then may another connection take it.",
                    "Keep it above announceIntervalSeconds (1.5 to 2 times) so live peers are never evicted.",
                    c -> c.tracker().peerTimeoutSeconds()).live(),
            Knob.integer("tracker", "sweepIntervalSeconds", 1, 3600, "seconds",
                    "Time for the idle sweep to visit every lock stripe once (one stripe at a time).",
                    "Shorter evicts sooner at the cost of more frequent short lock holds.",
                    c -> c.tracker().sweepIntervalSeconds()),
            Knob.integer("tracker", "maxOffersPerAnnounce", 0, 100, "offers",
                    "Offers relayed per announce at most; extra offers are dropped.",
                    "Browsers send 5; each relayed offer costs one outgoing message.",
                    c -> c.tracker().maxOffersPerAnnounce()).live(),
            Knob.integer("tracker", "maxScrapeHashes", 1, 10_000, "info hashes",
                    "Info hashes one scrape may ask for; more is refused.",
                    "Bounds the work and the response size of one scrape.",
                    c -> c.tracker().maxScrapeHashes()).live(),
            Knob.powerOfTwo("tracker", "lockStripes", 1, 65_536,
                    "Lock stripes of the swarm store; each info hash maps to one stripe.",
                    "More stripes mean less contention between event loops and shorter sweep steps.",
                    c -> c.tracker().lockStripes()),

            Knob.integer("limits", "maxSwarmsPerConnection", 1, 1_000_000, "swarms",
                    "Swarm memberships one connection may hold.",
                    "A browser page shares one socket for all its torrents; leave room for that.",
                    c -> c.limits().maxSwarmsPerConnection()).live(),
            Knob.integer("limits", "maxPeersPerSwarm", 2, 10_000_000, "peers",
                    "Peers one swarm may hold; further joins are refused. Lowered by a reload, it refuses the next "
                            + "joins and removes no member.",
                    "Bounds the cost of one hot torrent.",
                    c -> c.limits().maxPeersPerSwarm()).live(),
            Knob.integer("limits", "maxPeers", 1, 1_000_000_000, "peers",
                    "Peers in all swarms together; further joins are refused.",
                    "Size it to the heap: a membership costs well under 128 bytes.",
                    c -> c.limits().maxPeers()).live(),
            Knob.integer("limits", "messagesPerSecond", 1, 10_000_000, "messages per second",
                    "Sustained messages one connection may send; more are refused with a failure. A reload applies "
                            + "it to open connections too, from their next message.",
                    "A browser sends about one announce per torrent per interval plus its answers.",
                    c -> c.limits().messagesPerSecond()).live(),
            Knob.integer("limits", "messageBurst", 1, 10_000_000, "messages",
                    "Messages one connection may send at once above the sustained rate. A connection that "
                            + "sends this many more after running out is closed with 1008.",
                    "Covers the burst of answers a seeder sends when many peers join at once.",
                    c -> c.limits().messageBurst()).live(),
            Knob.integer("limits", "maxConnections", 0, 10_000_000, "connections",
                    "Open connections at most; further ones are closed at once, except 16 more kept for"
                            + " health checks: those may use plain HTTP (GET /health) and get 503 with Retry-After"
                            + " for a WebSocket upgrade. 0 means no limit. A reload applies it to the next accepted"
                            + " connection and closes none that is open.",
                    "Each connection is an open file: at start the limit is lowered to fit the open-file limit"
                            + " (LimitNOFILE) less 272 for the daemon's own files and the health reserve, and the"
                            + " log says so; to allow more, raise LimitNOFILE too.",
                    c -> c.limits().maxConnections()).live(),

            Knob.choice("signaling", "authMode", List.of(SignalingConfig.AUTH_NONE, SignalingConfig.AUTH_HMAC),
                    "How IDENTIFY proves a name: none takes the username as the identity (a token is ignored); hmac "
                            + "needs a token for that username signed with hmacSecret (scripts/mint-token.sh makes "
                            + "one), and a valid token always takes the name over from an older connection.",
                    "none suits a closed network or a demo; anyone may claim any free name. Use hmac when names "
                            + "must belong to someone.",
                    c -> c.signaling().authMode()),
            Knob.secret("signaling", "hmacSecret", ConfigSchema::emptyOrSecret,
                    "empty, or at least " + SignalingConfig.MIN_SECRET_CHARS + " characters; required when "
                            + "signaling.authMode = hmac",
                    "Key of the IDENTIFY tokens (HMAC-SHA256) and of the user_username cookie. Never logged: the "
                            + "startup summary prints (set). Quote it when it holds a '#': \"...\". When empty, "
                            + "cookies are signed with a random key made at start, so they end with the process.",
                    "Longer is stronger; 32 random characters carry more than 128 bits. Changing it invalidates "
                            + "every token and cookie issued with the old one.",
                    c -> c.signaling().hmacSecret()),
            Knob.secret("signaling", "adminToken", ConfigSchema::emptyOrAdminToken,
                    "empty, or at least " + SignalingConfig.MIN_ADMIN_TOKEN_CHARS + " characters",
                    "Bearer token of the admin routes (/v1/kick-active-users); empty turns them off (404). Never "
                            + "logged: the startup summary prints (set).",
                    "Use a long random value; anyone holding it can disconnect every /v1 user.",
                    c -> c.signaling().adminToken()),
            Knob.text("signaling", "clientVersions", ConfigSchema::versionList,
                    "empty, or comma-separated versions of letters, digits, '.', '_' and '-'",
                    "The clientVersion values IDENTIFY may carry, compared exactly. Empty accepts any or none; "
                            + "otherwise a missing or unlisted one gets AUTH_ERROR code 2103.",
                    "Lets an operator retire old clients; leave empty when clients do not send a version.",
                    c -> c.signaling().clientVersions()),
            Knob.choice("signaling", "duplicateName",
                    List.of(SignalingConfig.DUPLICATE_REJECT, SignalingConfig.DUPLICATE_REPLACE),
                    "IDENTIFY of a name in use: reject answers AUTH_ERROR 'Username already taken'; replace "
                            + "closes the older connection with 4001 and gives the name to the new one.",
                    "replace lets a reloaded page take its name back at once; reject stops one user from "
                            + "kicking another out when authMode is none.",
                    c -> c.signaling().duplicateName()),
            Knob.integer("signaling", "messagesPerSecond", 1, 10_000_000, "messages per second",
                    "Sustained messages one signaling connection may send; more get ERROR and are not relayed. A "
                            + "reload applies it to open connections too, from their next message.",
                    "Trickle ICE sends dozens of candidates per connection set-up; stay well above that.",
                    c -> c.signaling().messagesPerSecond()).live(),
            Knob.integer("signaling", "messageBurst", 1, 10_000_000, "messages",
                    "Messages one signaling connection may send at once above the sustained rate. A connection "
                            + "that sends this many more after running out is closed with 1008.",
                    "Sized so one peer can send another 10,000 ICE candidates back to back.",
                    c -> c.signaling().messageBurst()).live(),
            Knob.integer("signaling", "maxRoomMembers", 2, 1_000_000, "members",
                    "Members of one room, named (/ws JOIN_ROOM) or keyed (/ws/{roomId}); a further join gets "
                            + "ERROR, a further keyed upgrade 409.",
                    "Every join tells every member: a join costs as many messages as the room has members.",
                    c -> c.signaling().maxRoomMembers()),
            Knob.integer("signaling", "maxRoomsPerConnection", 1, 1_000_000, "rooms",
                    "Named rooms one /ws connection may be in at once; a further JOIN_ROOM gets ERROR.",
                    "Bounds what one connection can make the daemon hold.",
                    c -> c.signaling().maxRoomsPerConnection()),
            Knob.integer("signaling", "keyedRoomIdleSeconds", 10, 604_800, "seconds",
                    "A keyed room (POST /room) with no member, never joined included, expires after this long.",
                    "Longer lets a master reconnect later; shorter frees unused rooms sooner.",
                    c -> c.signaling().keyedRoomIdleSeconds()),
            Knob.integer("signaling", "maxKeyedRoomsPerAddress", 1, 10_000_000, "rooms",
                    "Live keyed rooms one client address may have created; POST /room beyond it gets 429.",
                    "Several users behind one NAT share an address; leave room for them.",
                    c -> c.signaling().maxKeyedRoomsPerAddress()),
            Knob.integer("signaling", "maxKeyedRooms", 1, 100_000_000, "rooms",
                    "Live keyed rooms in total; POST /room beyond it gets 503.",
                    "An empty room costs a few hundred bytes until it expires.",
                    c -> c.signaling().maxKeyedRooms()),
            Knob.integer("signaling", "maxRegistrations", 1, 100_000_000, "names",
                    "Live /v1/register names in total; a further registration gets 503.",
                    "A registration costs about a hundred bytes until it expires.",
                    c -> c.signaling().maxRegistrations()),
            Knob.integer("signaling", "registrationTtlSeconds", 60, 31_536_000, "seconds",
                    "A /v1/register name neither connected nor looked up (GET /v1/user) for this long expires "
                            + "and is free again.",
                    "Longer keeps returning users' names; shorter frees abandoned ones.",
                    c -> c.signaling().registrationTtlSeconds()),
            Knob.integer("signaling", "reliableQueueBytes", 65_536, 1_073_741_824, "bytes",
                    "Relays and room events waiting for one slow signaling reader at most. They are never dropped "
                            + "for slowness; a reader over this, or unwritable for websocket.unwritableCloseSeconds, "
                            + "is closed (1013) and is then offline.",
                    "Must hold a burst of messageBurst ICE candidates (about 200 bytes each); a reader that never "
                            + "reads can make the daemon hold this much, within websocket.maxHeldMegabytes.",
                    c -> c.signaling().reliableQueueBytes()),
            Knob.integer("signaling", "unidentifiedTimeoutSeconds", 30, 3600, "seconds",
                    "A /ws connection that has not identified this long after opening is closed with 4003. A reload "
                            + "applies it to connections opened after it.",
                    "Frees connections that never identify; browsers identify at once.",
                    c -> c.signaling().unidentifiedTimeoutSeconds()).live(),

            Knob.choice("log", "level", LogConfig.LEVELS,
                    "The least severe events written: error (failures only), warning (plus refusals and "
                            + "limits reached, each kind at most once a second with a count), info (plus start, "
                            + "stop and reload) or debug (plus details meant for tracing a problem).",
                    "info writes a handful of lines a day on a healthy daemon; debug is for a short "
                            + "investigation, then reload back.",
                    c -> c.log().level()).live(),
            Knob.choice("log", "format", LogConfig.FORMATS,
                    "Shape of each line on stdout: journald prefixes the syslog priority (<3> error, <4> "
                            + "warning, <6> info, <7> debug) and leaves the timestamp to the journal; plain writes "
                            + "a timestamp and the level name; auto picks journald when stdout is the journal "
                            + "(JOURNAL_STREAM names it, as systemd sets it) and plain otherwise.",
                    "auto is right under systemd and in a terminal; force plain when stdout is piped to "
                            + "another collector that adds no timestamp.",
                    c -> c.log().format()).live(),

            Knob.cidrList("access", "trustedProxies",
                    "Reverse proxies whose forwarding header (access.proxyHeader) names the client. From any other "
                            + "peer the header is ignored and the TCP peer is the client. With several proxies the "
                            + "header is read from the right, past every trusted address; the first untrusted one is "
                            + "the client, and it is what bans, limits and logs use.",
                    "Trust only the proxies you run: a trusted range can name any client address it likes. Keep it "
                            + "empty when clients connect directly.",
                    c -> c.access().trustedProxies()).live(),
            Knob.choice("access", "proxyHeader", List.of("x-forwarded-for", "forwarded"),
                    "The one header trusted proxies name the client in: X-Forwarded-For, or Forwarded (RFC 7239, "
                            + "for=). The other is ignored. A malformed header, or one whose nearest untrusted hop "
                            + "is unknown or obfuscated, leaves the TCP peer as the client.",
                    "Pick the header your proxy writes: a proxy passes the other one through as the client sent "
                            + "it, so believing it would let clients name themselves.",
                    c -> c.access().proxyHeader()).live(),
            Knob.text("access", "allowedOrigins", ConfigSchema::originList,
                    "empty, or comma-separated scheme://host[:port] or scheme://*.domain[:port] (no path)",
                    "Web origins whose pages may open WebSockets here; an upgrade with another Origin gets 403. "
                            + "*.example.com matches every subdomain, not example.com itself. Empty allows any.",
                    "Stops other sites' pages from using this tracker through their visitors' browsers; "
                            + "non-browser clients can send any Origin, so it is no authentication.",
                    c -> c.access().allowedOrigins()).live(),
            Knob.choice("access", "missingOrigin", List.of("allow", "refuse"),
                    "What to do with an upgrade that carries no Origin header: browsers always send one, other "
                            + "clients (native apps, servers, the load generator) usually do not.",
                    "refuse admits browsers only; allow keeps native WebTorrent clients working.",
                    c -> c.access().missingOrigin()).live(),
            Knob.integer("access", "maxConnectionsPerAddress", 0, 10_000_000, "connections",
                    "Open WebSockets one client address may hold; one more upgrade gets 429 with Retry-After. "
                            + "0 means no cap. Connections are counted only while a cap is set: one set by a "
                            + "reload where there was none counts the connections opened after it.",
                    "Users behind one NAT or carrier-grade NAT share an address: leave room for them "
                            + "(a few hundred); the load generator connects from one address.",
                    c -> c.access().maxConnectionsPerAddress()).live(),
            Knob.integer("access", "connectionsPerMinutePerAddress", 0, 10_000_000, "upgrades per minute",
                    "New WebSockets one client address may open per minute, sustained (a token bucket); an upgrade "
                            + "beyond it gets 429 with Retry-After. 0 means no limit.",
                    "A browser reconnects a few times a minute at most; a reconnect storm after a restart is "
                            + "what the burst is for.",
                    c -> c.access().connectionsPerMinutePerAddress()).live(),
            Knob.integer("access", "connectionBurstPerAddress", 1, 10_000_000, "upgrades",
                    "New WebSockets one client address may open at once before the per-minute rate applies.",
                    "Several tabs, or several users behind one NAT, reconnecting together need a burst.",
                    c -> c.access().connectionBurstPerAddress()).live(),
            Knob.integer("access", "ipv6PrefixBits", 32, 128, "bits",
                    "IPv6 clients are counted per prefix of this length by the two limits above: one subscriber "
                            + "usually holds a whole /64 and could otherwise change address per connection.",
                    "128 counts each IPv6 address alone; 48 or 56 also groups a subscriber's subnets.",
                    c -> c.access().ipv6PrefixBits()).live(),
            Knob.cidrList("access", "bannedRanges",
                    "Client addresses refused outright: a banned TCP peer is closed as soon as it is accepted, a "
                            + "banned client named by a trusted proxy gets 403. Open connections are not closed by a "
                            + "new ban.",
                    "For long lists use access.bannedRangesFile, which can change without touching this file.",
                    c -> c.access().bannedRanges()).live(),
            Knob.text("access", "bannedRangesFile", ConfigSchema::emptyOrPath,
                    "empty, or a file path",
                    "A file of more banned ranges, one CIDR range or address per line, # for comments. Read at "
                            + "start (an error stops it), on reload, and when its modification time changes "
                            + "(checked every 10 s); a bad line then keeps the previous list and is logged.",
                    "Lets a script (fail2ban, a blocklist feed) ban without a reload.",
                    c -> c.access().bannedRangesFile()).live(),
            Knob.integer("access", "maxTrackedAddresses", 1, 100_000_000, "addresses",
                    "Addresses with no open WebSocket remembered only for their rate limit, at most; an entry "
                            + "goes once its bucket has refilled. Beyond it, an address with no open WebSocket is not "
                            + "remembered, so its rate limit starts afresh. Addresses holding WebSockets under a cap "
                            + "are always tracked (limits.maxConnections bounds them).",
                    "About 100 bytes each; bounds what a flood from many addresses can make the daemon hold.",
                    c -> c.access().maxTrackedAddresses()).live(),

            Knob.text("database", "url", DatabaseConfig::isValidUrl,
                    "empty, sqlite:PATH, or postgresql://HOST[:PORT]/DATABASE (either may start with jdbc:), "
                            + "with no password in it",
                    "Where registered torrents and their counts live. sqlite:PATH is one file; a relative PATH "
                            + "lies under the state directory: $STATE_DIRECTORY (systemd's StateDirectory=, "
                            + "/var/lib/signal-tracker when installed) or ./data when run from the checkout. The "
                            + "file and its directory are created and the schema migrated when the store opens. "
                            + "Empty keeps no database.",
                    "SQLite suits one daemon; use PostgreSQL when several daemons share one list, or when "
                            + "PostgreSQL is already run and backed up.",
                    c -> c.database().url()),
            Knob.text("database", "user", ConfigSchema::databaseUser,
                    "empty, or up to 63 characters without spaces",
                    "PostgreSQL user name; empty takes the driver's default. Unused by SQLite.",
                    "Give the daemon its own user owning only its database.",
                    c -> c.database().user()),
            Knob.secret("database", "password", ConfigSchema::databasePassword, "empty, or up to 1024 characters",
                    "PostgreSQL password. Empty takes the environment variable " + DatabaseConfig.PASSWORD_ENV
                            + " (from an EnvironmentFile= of the unit, for one). Never logged: the startup "
                            + "summary prints (set). Unused by SQLite.",
                    "Keep the config file readable by the daemon's user only when the password is in it.",
                    c -> c.database().password()),
            Knob.integer("database", "poolSize", 1, 64, "connections",
                    "PostgreSQL connections held open at most. Unused by SQLite, which uses one.",
                    "The writer, the refresher and admin requests share them; 4 leaves room for all three.",
                    c -> c.database().poolSize()),
            Knob.integer("database", "connectTimeoutSeconds", 1, 300, "seconds",
                    "Opening a PostgreSQL connection taking longer than this counts as unreachable. Unused by "
                            + "SQLite.",
                    "Short values report a dead server sooner; raise it across slow links.",
                    c -> c.database().connectTimeoutSeconds()),
            Knob.choice("database", "policy", List.of("open", "allow-list", "deny-list"),
                    "Which info hashes the tracker serves: open tracks any and records each one seen; allow-list "
                            + "only those registered as allowed; deny-list all but those registered as denied. A "
                            + "refused announce gets a failure naming its action and info_hash, and the socket "
                            + "stays open; a scrape reports a refused hash as all zeros. The lists need a "
                            + "database (database.url set). Decided from memory, never by a query per announce.",
                    "open suits a public tracker; allow-list a private one. Changes to the lists made by "
                            + "another process apply within database.refreshSeconds.",
                    c -> c.database().policy()).live(),
            Knob.integer("database", "writeIntervalSeconds", 1, 3600, "seconds",
                    "Completed counts and first/last-seen times are written behind the announce path, in one "
                            + "batch this often and once more at shutdown (SIGTERM). While the database is "
                            + "unreachable the batch is kept in memory and written when it is back, with one "
                            + "warning per interval.",
                    "A kill -9 or a power cut loses at most one interval of counts; shorter intervals mean "
                            + "more, smaller transactions.",
                    c -> c.database().writeIntervalSeconds()),
            Knob.integer("database", "refreshSeconds", 1, 86400, "seconds",
                    "How often the in-memory standings and stored counts are reloaded from the database, so "
                            + "changes made by another process (the command-line tool, another daemon on the "
                            + "same PostgreSQL) apply within this time.",
                    "Each refresh reads every row: lengthen it for millions of torrents.",
                    c -> c.database().refreshSeconds()),

            Knob.choice("admin", "listener", List.of(AdminConfig.LISTENER_ON, AdminConfig.LISTENER_OFF),
                    "on opens a second, small HTTP listener that serves only the admin routes (/metrics, "
                            + "/stats.json, /health); off opens none.",
                    "Keep it on and on loopback: Prometheus on the same host (or an SSH tunnel) scrapes it, and "
                            + "nothing else can reach it.",
                    c -> c.admin().listener()),
            Knob.ipLiteral("admin", "bindAddress",
                    "IP address of the admin listener.",
                    "127.0.0.1 keeps the metrics and stats on this host; bind another address only on a network "
                            + "that only operators reach.",
                    c -> c.admin().bindAddress()),
            Knob.integer("admin", "port", 0, 65535, "TCP port",
                    "Port of the admin listener; it must differ from server.port. 0 picks a free port.",
                    "Prometheus' scrape config names it; 9191 is free on most hosts.",
                    c -> c.admin().port()),
            Knob.secret("admin", "token", ConfigSchema::emptyOrAdminTokenOfAdmin,
                    "empty, or at least " + AdminConfig.MIN_TOKEN_CHARS + " characters",
                    "Bearer token that also serves /metrics and /stats.json on the main port (Authorization: "
                            + "Bearer <token>; a wrong one gets 401), and that the torrent API (/admin/torrents) "
                            + "requires on both ports. Empty: the main port answers them with 404, and the torrent "
                            + "API does not exist. Never logged: the startup summary prints (set).",
                    "Needed only when the scraper cannot reach the admin listener; use a long random value and "
                            + "TLS, since the token crosses the network with every scrape.",
                    c -> c.admin().token()).live(),

            Knob.choice("tls", "mode", List.of(TlsConfig.MODE_OFF, TlsConfig.MODE_BOTH, TlsConfig.MODE_ONLY),
                    "off: plain ws:// and http:// on server.port only. both: plain on server.port and wss:// and "
                            + "https:// on tls.port, the same routes on each. only: TLS on tls.port and no plain "
                            + "listener (server.port is then unused).",
                    "Use both while clients move to wss://, only when nothing needs plain ws:// any more, and off "
                            + "when a TLS proxy (nginx, Caddy) in front of the daemon does TLS.",
                    c -> c.tls().mode()),
            Knob.integer("tls", "port", 0, 65535, "TCP port",
                    "Port of the TLS listener when tls.mode is both or only. 0 picks a free port.",
                    "443 is what wss:// URLs without a port mean; below 1024 needs CAP_NET_BIND_SERVICE.",
                    c -> c.tls().port()),
            Knob.text("tls", "certificateChainFile", ConfigSchema::emptyOrAbsolutePath,
                    "empty, or an absolute file path; required when tls.mode is not off",
                    "PEM file with the server certificate first, then its intermediates (Let's Encrypt: "
                            + "/etc/letsencrypt/live/DOMAIN/fullchain.pem). Read at start and again on every reload;"
                            + " a file that does not parse, or does not match the key, stops startup (exit 2) or is"
                            + " refused by a reload, which then keeps the certificate in use.",
                    "A reload serves the new certificate to new connections; open ones keep theirs.",
                    c -> c.tls().certificateChainFile()).live(),
            Knob.text("tls", "privateKeyFile", ConfigSchema::emptyOrAbsolutePath,
                    "empty, or an absolute file path; required when tls.mode is not off",
                    "PEM file with the certificate's unencrypted private key, PKCS#8 (BEGIN PRIVATE KEY, as "
                            + "Let's Encrypt's privkey.pem). Read at start and again on every reload.",
                    "Readable by the daemon's user only (chmod 600 or a group such as ssl-cert with 640).",
                    c -> c.tls().privateKeyFile()).live(),
            Knob.choice("tls", "engine", List.of(TlsConfig.ENGINE_AUTO, TlsConfig.ENGINE_OPENSSL,
                            TlsConfig.ENGINE_JDK),
                    "TLS implementation: auto uses OpenSSL (BoringSSL, bundled) when its native library loads and "
                            + "the JDK's otherwise; openssl refuses to start without it. The log names the one used.",
                    "OpenSSL needs less CPU per handshake and per byte than the JDK's engine; jdk avoids native "
                            + "code. Both accept TLS 1.2 and 1.3 only.",
                    c -> c.tls().engine()),

            Knob.choice("classic", "http", List.of(ClassicConfig.ON, ClassicConfig.OFF),
                    "on: GET /announce and GET /scrape on the main port (and on tls.port) are the HTTP tracker "
                            + "(BEP 3, 7, 23, 48). off: they answer 404 and only WebSocket clients announce.",
                    "Turn it off when the daemon should serve WebTorrent and signaling only.",
                    c -> c.classic().http()),
            Knob.choice("classic", "udp", List.of(ClassicConfig.ON, ClassicConfig.OFF),
                    "on: the UDP tracker (BEP 15, with BEP 41 options) listens on classic.udpPort.",
                    "UDP is the cheapest protocol for clients and the tracker alike; open the port in the firewall.",
                    c -> c.classic().udp()),
            Knob.integer("classic", "udpPort", 0, 65535, "UDP port",
                    "Port of the UDP tracker. 0: the same number as the main TCP port (as opentracker does), so "
                            + "http://host:P/announce and udp://host:P/announce name one tracker.",
                    "Ports below 1024 need CAP_NET_BIND_SERVICE.",
                    c -> c.classic().udpPort()),
            Knob.integer("classic", "announceIntervalSeconds", 60, 86_400, "seconds",
                    "The interval told to HTTP and UDP clients: how long they wait between announces.",
                    "Shorter spreads news of new peers faster and costs proportionally more requests; desktop "
                            + "clients are used to 30 minutes.",
                    c -> c.classic().announceIntervalSeconds()).live(),
            Knob.integer("classic", "minAnnounceIntervalSeconds", 0, 86_400, "seconds",
                    "The min interval (HTTP): an announce without an event sooner than this after the peer's last "
                            + "one is answered with counts and a warning, and changes nothing. 0 turns it off.",
                    "Protects the tracker from clients that re-announce in a loop.",
                    c -> c.classic().minAnnounceIntervalSeconds()).live(),
            Knob.integer("classic", "peerTimeoutSeconds", 60, 172_800, "seconds",
                    "An HTTP or UDP peer that has not announced for this long is dropped by the sweep. Must exceed "
                            + "classic.announceIntervalSeconds.",
                    "Too close to the interval drops peers whose announce is a little late; too long hands out "
                            + "peers that are gone.",
                    c -> c.classic().peerTimeoutSeconds()).live(),
            Knob.integer("classic", "defaultNumWant", 0, 1000, "peers",
                    "Peers in an answer when the client names no numwant (UDP: -1).",
                    "50 is what every reference tracker and most clients use.",
                    c -> c.classic().defaultNumWant()).live(),
            Knob.integer("classic", "maxNumWant", 0, 1000, "peers",
                    "Most peers in one answer, whatever numwant asks for. UDP answers hold at most 200 IPv4 or 66 "
                            + "IPv6 peers so that they fit a 1,220-byte datagram.",
                    "Larger answers help a client find peers in one round and cost bandwidth on every announce.",
                    c -> c.classic().maxNumWant()).live(),
            Knob.integer("classic", "maxScrapeHashes", 1, 1000, "info hashes",
                    "Most info hashes one scrape may name (HTTP; UDP is bounded by its datagram at 74). A scrape "
                            + "naming none (a full scrape) is refused: indexers use /admin/torrents instead.",
                    "Higher lets an indexer check more torrents per request, at more work per request.",
                    c -> c.classic().maxScrapeHashes()).live(),
            Knob.secret("classic", "connectionIdSecret", ConfigSchema::emptyOrClassicSecret,
                    "empty, or 32 to 1024 characters",
                    "Key of the UDP connection ids (a keyed MAC over the client address and a coarse time; an id "
                            + "is valid about two minutes). Empty: a random key per process. Never logged.",
                    "Set the same value on instances behind one address so that each accepts the ids of the "
                            + "others; keep it secret, it is what makes ids unforgeable.",
                    c -> c.classic().connectionIdSecret()),
            Knob.choice("classic", "trustIpParameter", List.of(ClassicConfig.OFF, ClassicConfig.ON),
                    "on: the ip parameter of an HTTP announce replaces the client's address. off: it is ignored "
                            + "and the socket address (or the trusted proxy's header) is used.",
                    "Leave it off on a public tracker: anyone could list any address as a peer (a reflection "
                            + "risk). Behind proxies, use access.trustedProxies instead.",
                    c -> c.classic().trustIpParameter()).live(),
            Knob.integer("classic", "httpKeepAliveSeconds", 0, 3600, "seconds",
                    "How long an idle HTTP tracker connection waits for its next request. 0 closes the connection "
                            + "after every answer, as opentracker does.",
                    "Keep-alive saves a TCP handshake per announce for clients that reuse connections; each idle "
                            + "connection holds a file descriptor.",
                    c -> c.classic().httpKeepAliveSeconds()).live(),
            Knob.integer("classic", "udpReceiveBufferBytes", 65_536, 1 << 30, "bytes",
                    "SO_RCVBUF of the UDP socket: datagrams that arrive while the loop is busy wait here.",
                    "The kernel caps it at net.core.rmem_max (raise it with sysctl for bursts); a full buffer "
                            + "drops datagrams, which clients retry after 15 s.",
                    c -> c.classic().udpReceiveBufferBytes()));

    private ConfigSchema() {
    }

    /** Builds the records from a value for every key. */
    static SignalTrackerConfig build(Map<String, Object> v) {
        return new SignalTrackerConfig(
                new ServerConfig(str(v, "server.bindAddress"), num(v, "server.port"), str(v, "server.transport"),
                        num(v, "server.ioThreads"), num(v, "server.soBacklog"), num(v, "server.deferAcceptSeconds"),
                        num(v, "server.shutdownGraceSeconds")),
                new WebSocketConfig(num(v, "websocket.maxFrameBytes"), num(v, "websocket.maxMessageBytes"),
                        num(v, "websocket.pingIntervalSeconds"), num(v, "websocket.idleTimeoutSeconds"),
                        num(v, "websocket.handshakeTimeoutSeconds"), num(v, "websocket.writeBufferLowBytes"),
                        num(v, "websocket.writeBufferHighBytes"), num(v, "websocket.unwritableCloseSeconds"),
                        num(v, "websocket.unfinishedMessageTimeoutSeconds"),
                        num(v, "websocket.maxHeldMegabytes")),
                new TrackerConfig(num(v, "tracker.announceIntervalSeconds"),
                        num(v, "tracker.minAnnounceIntervalSeconds"), num(v, "tracker.peerTimeoutSeconds"),
                        num(v, "tracker.sweepIntervalSeconds"), num(v, "tracker.maxOffersPerAnnounce"),
                        num(v, "tracker.maxScrapeHashes"), num(v, "tracker.lockStripes")),
                new LimitsConfig(num(v, "limits.maxSwarmsPerConnection"), num(v, "limits.maxPeersPerSwarm"),
                        num(v, "limits.maxPeers"), num(v, "limits.messagesPerSecond"), num(v, "limits.messageBurst"),
                        num(v, "limits.maxConnections")),
                new SignalingConfig(str(v, "signaling.authMode"), str(v, "signaling.hmacSecret"),
                        str(v, "signaling.adminToken"), str(v, "signaling.clientVersions"),
                        str(v, "signaling.duplicateName"), num(v, "signaling.messagesPerSecond"),
                        num(v, "signaling.messageBurst"), num(v, "signaling.maxRoomMembers"),
                        num(v, "signaling.maxRoomsPerConnection"), num(v, "signaling.keyedRoomIdleSeconds"),
                        num(v, "signaling.maxKeyedRoomsPerAddress"), num(v, "signaling.maxKeyedRooms"),
                        num(v, "signaling.maxRegistrations"), num(v, "signaling.registrationTtlSeconds"),
                        num(v, "signaling.reliableQueueBytes"), num(v, "signaling.unidentifiedTimeoutSeconds")),
                new LogConfig(str(v, "log.level"), str(v, "log.format")),
                new AccessConfig(str(v, "access.trustedProxies"), str(v, "access.proxyHeader"),
                        str(v, "access.allowedOrigins"), str(v, "access.missingOrigin"),
                        num(v, "access.maxConnectionsPerAddress"), num(v, "access.connectionsPerMinutePerAddress"),
                        num(v, "access.connectionBurstPerAddress"), num(v, "access.ipv6PrefixBits"),
                        str(v, "access.bannedRanges"), str(v, "access.bannedRangesFile"),
                        num(v, "access.maxTrackedAddresses")),
                new DatabaseConfig(str(v, "database.url"), str(v, "database.user"), str(v, "database.password"),
                        num(v, "database.poolSize"), num(v, "database.connectTimeoutSeconds"),
                        str(v, "database.policy"), num(v, "database.writeIntervalSeconds"),
                        num(v, "database.refreshSeconds")),
                new AdminConfig(str(v, "admin.listener"), str(v, "admin.bindAddress"), num(v, "admin.port"),
                        str(v, "admin.token")),
                new TlsConfig(str(v, "tls.mode"), num(v, "tls.port"), str(v, "tls.certificateChainFile"),
                        str(v, "tls.privateKeyFile"), str(v, "tls.engine")),
                new ClassicConfig(str(v, "classic.http"), str(v, "classic.udp"), num(v, "classic.udpPort"),
                        num(v, "classic.announceIntervalSeconds"), num(v, "classic.minAnnounceIntervalSeconds"),
                        num(v, "classic.peerTimeoutSeconds"), num(v, "classic.defaultNumWant"),
                        num(v, "classic.maxNumWant"), num(v, "classic.maxScrapeHashes"),
                        str(v, "classic.connectionIdSecret"), str(v, "classic.trustIpParameter"),
                        num(v, "classic.httpKeepAliveSeconds"), num(v, "classic.udpReceiveBufferBytes")));
    }

    private static boolean emptyOrSecret(String value) {
        return value.isEmpty() || (value.length() >= SignalingConfig.MIN_SECRET_CHARS && value.length() <= 1024);
    }

    private static boolean emptyOrClassicSecret(String value) {
        return value.isEmpty() || (value.length() >= ClassicConfig.MIN_SECRET_CHARS && value.length() <= 1024);
    }

    private static boolean emptyOrAdminToken(String value) {
        return value.isEmpty()
                || (value.length() >= SignalingConfig.MIN_ADMIN_TOKEN_CHARS && value.length() <= 1024);
    }

    /**
     * Absolute, so the file read does not depend on the daemon's working directory; no control characters,
     * which would only be a typo or a pasted line break.
     */
    private static boolean emptyOrAbsolutePath(String value) {
        return value.isEmpty() || (value.startsWith("/") && value.length() <= 4096
                && value.chars().noneMatch(Character::isISOControl));
    }

    private static boolean databaseUser(String value) {
        return value.length() <= 63 && value.chars().noneMatch(Character::isWhitespace);
    }

    private static boolean databasePassword(String value) {
        return value.length() <= 1024;
    }

    private static boolean emptyOrAdminTokenOfAdmin(String value) {
        return value.isEmpty() || (value.length() >= AdminConfig.MIN_TOKEN_CHARS && value.length() <= 1024);
    }

    private static boolean versionList(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (String version : value.split(",", -1)) {
            if (!version.strip().matches("[A-Za-z0-9._-]{1,64}")) {
                return false;
            }
        }
        return true;
    }

    private static boolean originList(String value) {
        try {
            OriginAllowList.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean emptyOrPath(String value) {
        return value.length() <= 4096 && value.chars().noneMatch(c -> c < 0x20);
    }

    /**
     * Rules between keys, checked after every key is valid on its own. Each error names both keys, and
     * {@link ConfigFile#render} prints each rule next to both of them.
     */
    static final List<Relation> RELATIONS = List.of(
            // Netty needs low < high, or a paused channel would never become writable again.
            relation("websocket.writeBufferLowBytes", Relation.Op.LESS, "websocket.writeBufferHighBytes"),
            // A single frame larger than the whole-message limit could never be accepted.
            relation("websocket.maxMessageBytes", Relation.Op.AT_LEAST, "websocket.maxFrameBytes"),
            // A live client answers each ping; the timeout must leave room for at least one round.
            relation("websocket.idleTimeoutSeconds", Relation.Op.MORE, "websocket.pingIntervalSeconds"),
            // A min interval above the interval would flag every well-behaved client as too chatty.
            relation("tracker.minAnnounceIntervalSeconds", Relation.Op.AT_MOST, "tracker.announceIntervalSeconds"),
            // A peer that re-announces on time must never be evicted between two announces.
            relation("tracker.peerTimeoutSeconds", Relation.Op.MORE, "tracker.announceIntervalSeconds"),
            // Eviction happens up to one sweep after the timeout; a longer sweep would more than double it.
            relation("tracker.sweepIntervalSeconds", Relation.Op.AT_MOST, "tracker.peerTimeoutSeconds"),
            // A per-swarm cap above the global cap is unreachable and usually a typo.
            relation("limits.maxPeersPerSwarm", Relation.Op.AT_MOST, "limits.maxPeers"));

    /** Checks {@link #RELATIONS}. */
    static void checkRelations(SignalTrackerConfig config) throws ConfigException {
        for (Relation relation : RELATIONS) {
            relation.check(config);
        }
        // The one rule between text keys; the knob's range text states it next to hmacSecret.
        if (config.signaling().hmac() && config.signaling().hmacSecret().isEmpty()) {
            throw new ConfigException("signaling.hmacSecret: \"\" (expected: at least "
                    + SignalingConfig.MIN_SECRET_CHARS + " characters when signaling.authMode = hmac)");
        }
        checkTls(config);
        checkClassic(config.classic());
    }

    /** The TLS rules; the knobs' range texts state the first, the mode's meaning the second. */
    private static void checkClassic(ClassicConfig classic) throws ConfigException {
        if (classic.peerTimeoutSeconds() <= classic.announceIntervalSeconds()) {
            throw new ConfigException("classic.peerTimeoutSeconds: " + classic.peerTimeoutSeconds()
                    + " (expected: more than classic.announceIntervalSeconds = " + classic.announceIntervalSeconds()
                    + ")");
        }
        if (classic.minAnnounceIntervalSeconds() > classic.announceIntervalSeconds()) {
            throw new ConfigException("classic.minAnnounceIntervalSeconds: " + classic.minAnnounceIntervalSeconds()
                    + " (expected: at most classic.announceIntervalSeconds = " + classic.announceIntervalSeconds()
                    + ")");
        }
        if (classic.defaultNumWant() > classic.maxNumWant()) {
            throw new ConfigException("classic.defaultNumWant: " + classic.defaultNumWant()
                    + " (expected: at most classic.maxNumWant = " + classic.maxNumWant() + ")");
        }
    }

    private static void checkTls(SignalTrackerConfig config) throws ConfigException {
        TlsConfig tls = config.tls();
        if (!tls.enabled()) {
            return;
        }
        if (tls.certificateChainFile().isEmpty()) {
            throw new ConfigException("tls.certificateChainFile: \"\" (expected: a file path when tls.mode = "
                    + tls.mode() + ")");
        }
        if (tls.privateKeyFile().isEmpty()) {
            throw new ConfigException("tls.privateKeyFile: \"\" (expected: a file path when tls.mode = " + tls.mode()
                    + ")");
        }
        if (tls.plainListener() && tls.port() != 0 && tls.port() == config.server().port()) {
            throw new ConfigException("tls.port: " + tls.port() + " (expected: a port other than server.port = "
                    + config.server().port() + " when tls.mode = both)");
        }
    }

    /** The knob with this key; fails at class initialisation if the table has no such key. */
    static Knob knob(String key) {
        for (Knob knob : KNOBS) {
            if (knob.key().equals(key)) {
                return knob;
            }
        }
        throw new IllegalArgumentException("no config key " + key);
    }

    private static Relation relation(String left, Relation.Op op, String right) {
        return new Relation(knob(left), op, knob(right));
    }

    private static String str(Map<String, Object> values, String key) {
        return (String) values.get(key);
    }

    private static int num(Map<String, Object> values, String key) {
        return (Integer) values.get(key);
    }
}
