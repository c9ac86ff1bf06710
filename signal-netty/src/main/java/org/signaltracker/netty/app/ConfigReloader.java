package org.signaltracker.netty.app;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import org.signaltracker.core.config.ConfigException;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.LiveConfig;
import org.signaltracker.core.config.SignalTrackerConfig;

/**
 * One reload (SIGHUP): re-reads the config file the daemon was started with and hands the live part of it
 * to {@link LiveConfig#replace}. A file with any error, or naming a file that fails its
 * {@link LiveConfig#check} (an unreadable ban list, say), is refused whole and the running config stays; a
 * change to a key that only a restart applies is named, and the running value of that key stays in force
 * (the live config keeps it, so a second reload does not apply it halfway either). Each outcome is one log
 * line, plus one for the keys waiting for a restart.
 *
 * <p>Thread-safe: reloads are serialised, so two signals in a row apply in order.
 */
public final class ConfigReloader {

    private static final Logger LOG = Logger.getLogger(ConfigReloader.class.getName());

    /** What a reload did, for the caller and for tests. */
    public record Outcome(Kind kind, List<String> applied, List<String> restartOnly, String reason) {
        public enum Kind { NO_FILE, REFUSED, APPLIED }
    }

    private final Path configPath;
    private final LiveConfig live;

    /** @param configPath the {@code --config} file, or null when the daemon runs on embedded defaults */
    public ConfigReloader(Path configPath, LiveConfig live) {
        this.configPath = configPath;
        this.live = live;
    }

    public synchronized Outcome reload() {
        if (configPath == null) {
            LOG.info("reload: the daemon started with the embedded defaults (no --config FILE), so there is no "
                    + "file to re-read; nothing changed");
            return new Outcome(Outcome.Kind.NO_FILE, List.of(), List.of(), "no config file");
        }
        SignalTrackerConfig running = live.current();
        SignalTrackerConfig read;
        SignalTrackerConfig next;
        try {
            read = ConfigFile.load(configPath);
            next = ConfigFile.withRestartOnlyOf(running, read);
            live.check(next);
        } catch (ConfigException e) {
            LOG.warning("reload refused, the running configuration stays: " + configPath + ": " + e.getMessage());
            return new Outcome(Outcome.Kind.REFUSED, List.of(), List.of(), e.getMessage());
        }
        List<String> restartOnly = ConfigFile.restartOnlyChanges(running, read);
        List<String> applied = ConfigFile.liveChanges(running, next);
        if (!restartOnly.isEmpty()) {
            LOG.warning("reload: " + String.join(", ", restartOnly) + " changed but only apply after a restart;"
                    + " the running values stay until then");
        }
        live.replace(next);
        LOG.info("reload of " + configPath + ": " + (applied.isEmpty()
                ? "no live setting in the file changed (files it names, such as certificates, were re-read)"
                : "applied " + String.join(", ", applied)));
        return new Outcome(Outcome.Kind.APPLIED, applied, restartOnly, null);
    }
}
