package org.signaltracker.netty.app;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.signaltracker.core.config.ConfigException;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.log.StdoutLog;
import org.signaltracker.core.signaling.TokenMinter;
import org.signaltracker.core.store.StoreOpenException;
import org.signaltracker.core.store.StoredTorrents;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.tls.TlsFileException;
import org.signaltracker.netty.cli.TorrentsCommand;
import org.signaltracker.netty.torrents.TorrentApi;
import org.signaltracker.netty.transport.TransportUnavailableException;
import org.signaltracker.store.TorrentStores;

/**
 * The daemon's entry point: reads arguments and config, sends logs to stdout, starts the server, tells
 * systemd it is ready, reloads on SIGHUP and stops on SIGTERM.
 */
public final class Main {

    static final String USAGE = """
            usage: signal-tracker [--config FILE] [--print-default-config] [--help]
                   signal-tracker mint-token --secret SECRET [--ttl-seconds N] USERNAME
                   signal-tracker torrents [--config FILE] add|remove|allow|deny|list|import|export ...
              --config FILE           read settings from FILE (keys left out keep their defaults);
                                      SIGHUP re-reads it and applies the settings a reload can change
              --print-default-config  print the documented default config file and exit
              --help                  print this text and exit
              mint-token              print an IDENTIFY token for signaling.authMode = hmac and exit
                                      (no daemon needed; default lifetime 3600 s)
              torrents                manage the info-hash database, also while the daemon runs
                                      (signal-tracker torrents --help lists the commands)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("mint-token")) {
            TokenMinter.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("torrents")) {
            System.exit(TorrentsCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        Path configPath = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        exit(2, "signal-tracker: --config needs a file\n" + USAGE);
                    }
                    configPath = Path.of(args[++i]);
                }
                case "--print-default-config" -> {
                    System.out.print(ConfigFile.render(SignalTrackerConfig.defaults()));
                    return;
                }
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> exit(2, "signal-tracker: unknown argument '" + args[i] + "'\n" + USAGE);
            }
        }
        SignalTrackerConfig config = SignalTrackerConfig.defaults();
        if (configPath != null) {
            try {
                config = ConfigFile.load(configPath);
            } catch (ConfigException e) {
                exit(2, "signal-tracker: invalid config " + configPath + ": " + e.getMessage());
            }
        }
        StdoutLog logOutput = StdoutLog.install(config.log());
        Logger log = Logger.getLogger(Main.class.getName());
        log.info("effective configuration" + (configPath == null ? " (embedded defaults)" : " (" + configPath + ")")
                + ":\n" + ConfigFile.summary(config).stripTrailing());
        StoredTorrents torrents = DatabaseStart.start(openDatabase(config.database(), log), config.database());
        SignalTrackerServer server;
        try {
            server = torrents == null
                    ? new SignalTrackerServer(config, SystemClock.INSTANCE)
                    : new SignalTrackerServer(config, SystemClock.INSTANCE, torrents.policy(), torrents);
        } catch (TransportUnavailableException e) {
            exit(2, "signal-tracker: cannot start: " + e.getMessage());
            return;
        }
        server.live().subscribe(next -> logOutput.apply(next.log()));
        server.live().subscribe(next -> DatabaseStart.applyPolicy(torrents, next.database()));
        if (torrents != null) {
            TorrentApi.addTo(server.adminRoutes(), torrents.store(), server::torrentsChanged,
                    () -> server.live().current().admin().token());
            // A change through the admin API reaches the policy and counts at once, not at the next refresh.
            server.onTorrentsChanged(torrents::refreshSoon);
        }
        SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
        ConfigReloader reloader = new ConfigReloader(configPath, server.live());
        // Before the listeners open: from then on a SIGHUP must reload, never stop the JVM.
        ReloadOnHangup.install(() -> {
            systemd.reloading();
            reloader.reload();
            systemd.ready();
        });
        try {
            server.start();
        } catch (TlsFileException e) {
            exit(2, "signal-tracker: invalid TLS files: " + e.getMessage());
        } catch (Exception e) {
            exit(1, "signal-tracker: cannot start: " + e);
        }
        systemd.ready();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // java.util.logging's own hook may already have closed its handlers: write these two directly.
            logOutput.direct(Level.INFO, "Main", "stopping (closing WebSockets with 1001)");
            systemd.stopping();
            server.stop();
            if (torrents != null) {
                // After the listeners: the last announces are in the final write, then the store closes.
                torrents.close();
            }
            logOutput.direct(Level.INFO, "Main", "stopped");
            systemd.close();
        }, "signal-tracker-shutdown"));
        server.awaitStopped();
    }

    /**
     * Opens (creates, migrates) the info-hash database before anything listens, so an unusable one stops
     * the start with one line and status 2; {@code null} when {@code database.url} is empty.
     */
    private static TorrentStore openDatabase(DatabaseConfig database, Logger log) {
        if (!database.enabled()) {
            log.info("info-hash database: none (database.url is empty)");
            return null;
        }
        try {
            TorrentStore store = TorrentStores.open(database);
            log.info("info-hash database: " + store.description() + ", schema current");
            return store;
        } catch (StoreOpenException e) {
            exit(2, "signal-tracker: " + e.getMessage());
            return null;
        }
    }

    private static void exit(int status, String message) {
        System.err.println(message.stripTrailing());
        System.exit(status);
    }
}
