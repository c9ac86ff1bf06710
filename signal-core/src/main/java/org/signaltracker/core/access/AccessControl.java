package org.signaltracker.core.access;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.signaltracker.core.config.AccessConfig;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.core.metrics.AccessMetrics;
import org.signaltracker.core.time.Clock;

/**
 * The access rules at work: answers, for the transport, whether a TCP peer may stay at all, who the client
 * of a request is, whether that client is banned, and whether its WebSocket upgrade is admitted (Origin,
 * per-address cap and rate). Each answer reads the current {@link AccessRules} once; a reload (or a change
 * of the ban file) swaps them whole, so new connections and requests follow the new rules and open
 * connections are left alone. Refusals are counted by reason and logged at most once a second per reason.
 *
 * <p>Thread-safe: the event loops call the checks concurrently; {@link #apply} and {@link #sweep} run on
 * the reloading and sweeping threads (they may read the ban file) and are serialised with each other.
 */
public final class AccessControl {

    private static final Logger LOG = Logger.getLogger(AccessControl.class.getName());
    private static final ThrottledLog UNUSABLE_FORWARDING = ThrottledLog.warnings(AccessControl.class);

    /** The outcome of an upgrade's admission. */
    public record Verdict(AccessRefusal refusal, int retryAfterSeconds, IpAddress heldKey) {
        static final Verdict ADMITTED = new Verdict(null, 0, null);
    }

    private final Clock clock;
    private final AccessMetrics metrics;
    private final AddressTable table = new AddressTable();
    private final ThrottledLog[] refusalLogs = new ThrottledLog[AccessRefusal.values().length];
    private volatile AccessRules rules;
    /** Guarded by this: the section the rules were built from, the ban file and its time when read. */
    private AccessConfig config;
    private String banFile;
    private FileTime banFileModified;

    private AccessControl(Clock clock, AccessMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
        for (int i = 0; i < refusalLogs.length; i++) {
            refusalLogs[i] = ThrottledLog.warnings(AccessControl.class);
        }
    }

    /**
     * Rules from {@code config}, reading its ban file if it names one.
     *
     * @throws IOException when the ban file cannot be read or has a bad line: the message names it
     */
    public static AccessControl start(AccessConfig config, Clock clock, AccessMetrics metrics) throws IOException {
        AccessControl access = new AccessControl(clock, metrics);
        AddressRanges fromFile = AddressRanges.NONE;
        if (!config.bannedRangesFile().isEmpty()) {
            Path path = Path.of(config.bannedRangesFile());
            FileTime modified = BannedRangesFile.modified(path);
            fromFile = BannedRangesFile.read(path);
            access.banFileModified = modified;
        }
        access.config = config;
        access.banFile = config.bannedRangesFile();
        access.rules = AccessRules.of(config, fromFile);
        return access;
    }

    /**
     * Applies a reloaded {@code access} section. The ban file is read again; if it cannot be, the ranges
     * last read from it stay (a reload must not lift bans by accident) and the error is logged.
     */
    public synchronized void apply(AccessConfig next) {
        AddressRanges fromFile = rules.fileBanned();
        if (!next.bannedRangesFile().equals(banFile)) {
            fromFile = AddressRanges.NONE;
            banFileModified = null;
        }
        banFile = next.bannedRangesFile();
        if (!banFile.isEmpty()) {
            fromFile = readBanFile(fromFile);
        }
        config = next;
        rules = AccessRules.of(next, fromFile);
    }

    /**
     * Housekeeping, every few seconds off the event loops: forgets per-address entries that say nothing any
     * more, and re-reads the ban file when its modification time changed.
     */
    public synchronized void sweep() {
        AccessRules current = rules;
        table.sweep(current.limits(), clock.nowMillis());
        if (!banFile.isEmpty()) {
            FileTime modified = BannedRangesFile.modified(Path.of(banFile));
            if (modified != null && !modified.equals(banFileModified)) {
                rules = AccessRules.of(config, readBanFile(current.fileBanned()));
            }
        }
    }

    /** Whether {@code peer} is banned, so its connection is closed as soon as it is accepted. */
    public boolean refusedAtAccept(IpAddress peer) {
        if (!rules.banned().contains(peer)) {
            return false;
        }
        refused(AccessRefusal.BANNED_PEER, peer);
        return true;
    }

    /**
     * The client a request comes from: {@code peer}, or the address its forwarding header names when
     * {@code peer} is a trusted proxy.
     *
     * @param header the request's value of a header by name (several lines joined by commas), or null
     */
    public IpAddress client(IpAddress peer, UnaryOperator<String> header) {
        TrustedProxies proxies = rules.proxies();
        if (!proxies.trusts(peer)) {
            return peer;
        }
        String value = header.apply(proxies.header().headerName);
        if (value == null) {
            return peer;
        }
        IpAddress client = proxies.client(peer, value);
        if (client == null) {
            metrics.forwardedUnusable.increment();
            UNUSABLE_FORWARDING.report(() -> "trusted proxy " + peer + " sent a " + proxies.header().headerName
                    + " header naming no usable client address; using the proxy's address");
            return peer;
        }
        if (!client.equals(peer)) {
            metrics.forwardedClients.increment();
        }
        return client;
    }

    /**
     * Whether a request from {@code client} (as {@link #client} found it) is refused before it is routed;
     * null when it may proceed. A peer banned at accept never gets here, so this refuses forwarded clients,
     * and clients banned by a reload while their connection was open.
     */
    public AccessRefusal requestRefusal(IpAddress client) {
        if (!rules.banned().contains(client)) {
            return null;
        }
        return refused(AccessRefusal.BANNED_CLIENT, client);
    }

    /**
     * Whether {@code client} may open a WebSocket now. An admission with a {@link Verdict#heldKey} holds a
     * place under the per-address cap until {@link #release} is called with that key, when the connection
     * closes.
     *
     * @param origin the request's Origin header, or null when it has none
     */
    public Verdict admitUpgrade(IpAddress client, String origin) {
        AccessRules current = rules;
        if (origin == null ? current.refuseNoOrigin() : !current.origins().allows(origin)) {
            return new Verdict(refused(origin == null ? AccessRefusal.ORIGIN_MISSING
                    : AccessRefusal.ORIGIN_NOT_ALLOWED, client), 0, null);
        }
        IpAddress key = current.limitKey(client);
        AddressTable.Admission admission = table.admit(key, current.limits(), clock.nowMillis());
        if (admission.refusal() != null) {
            return new Verdict(refused(admission.refusal(), client), admission.retryAfterSeconds(), null);
        }
        return admission.counted() ? new Verdict(null, 0, key) : Verdict.ADMITTED;
    }

    /** A connection admitted with {@code heldKey} has closed. */
    public void release(IpAddress heldKey) {
        table.release(Objects.requireNonNull(heldKey), rules.limits(), clock.nowMillis());
    }

    /** Addresses the per-address table holds now (with open WebSockets or a draining rate bucket). */
    public int trackedAddresses() {
        return table.size();
    }

    private AccessRefusal refused(AccessRefusal refusal, IpAddress client) {
        metrics.countRefusal(refusal);
        refusalLogs[refusal.ordinal()].report(() -> "refused " + client + ": " + refusal.metricName + " ("
                + metrics.refusals(refusal) + " so far)");
        return refusal;
    }

    private AddressRanges readBanFile(AddressRanges previous) {
        Path path = Path.of(banFile);
        FileTime modified = BannedRangesFile.modified(path);
        try {
            AddressRanges fromFile = BannedRangesFile.read(path);
            banFileModified = modified;
            LOG.info("read " + fromFile + " from " + path);
            return fromFile;
        } catch (IOException e) {
            // Remember the time anyway, so a bad file is reported once, not every sweep until it is fixed.
            banFileModified = modified;
            metrics.banFileErrors.increment();
            LOG.warning("ban file not applied, keeping the " + previous + " read before: " + e.getMessage());
            return previous;
        }
    }
}
