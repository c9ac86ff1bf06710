package org.signaltracker.netty.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.signaltracker.core.config.ConfigException;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.store.TorrentStores;

/**
 * {@code signal-tracker torrents COMMAND}: reads the arguments and the config, opens the configured
 * database (a second process on a SQLite file in WAL mode, or one more PostgreSQL client, so the daemon may
 * run meanwhile) and runs one {@link TorrentsActions} command. It never creates a SQLite database: a file
 * that does not exist is most likely a wrong config or state directory, and an import into a new empty
 * file would be lost to the daemon. Exit status: 0 done, 1 not done (an unknown
 * hash, a bad import file), 2 a usage or config error, 3 the database failed. Not thread-safe; one per run.
 */
public final class TorrentsCommand {

    public static final int OK = 0;
    public static final int NOT_DONE = 1;
    public static final int USAGE = 2;
    public static final int DATABASE = 3;

    static final String HELP = """
            usage: signal-tracker torrents [--config FILE] COMMAND [ARGUMENTS]
              add HEX [--name NAME] [--comment TEXT] [--deny]
                                   register a torrent, allowed unless --deny (a registered one is replaced:
                                   name, comment and standing; its counts stay)
              remove HEX...        forget torrents with their counts
              allow HEX...         allow torrents (an unknown one is registered, allowed)
              deny HEX...          deny torrents (an unknown one is registered, denied)
              list [--allowed | --denied] [--name TEXT] [--after HEX] [--limit N | --all]
                                   one torrent a line, tab-separated: hash, allowed|denied, completed,
                                   added, first seen, last seen (UTC, '-' for never), name; at most 100
                                   (--limit, up to 1000) in hash order; the next page's --after goes to stderr
              import FILE [--deny] register the torrents of FILE ('-': standard input), allowed unless --deny;
                                   a file with any bad line imports nothing
              export [FILE] [--allowed | --denied]
                                   write the torrents as an import file (standard output without FILE)
              FILE format: one torrent a line, 40 hex digits then optionally a name; '#' starts a comment line
              --config FILE        the daemon's config file; without it the embedded defaults
                                   (database.url = sqlite:signal-tracker.db under the state directory)
            exit status: 0 done, 1 not done (unknown hash, bad file), 2 usage or config error, 3 database failed
            """;

    private final PrintStream out;
    private final PrintStream err;

    private TorrentsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} (what follows {@code torrents}) and returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new TorrentsCommand(out, err).run(args);
    }

    private int run(String[] args) {
        List<String> rest = new ArrayList<>();
        Path configPath = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.print(HELP);
                return OK;
            }
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    return usage("--config needs a file");
                }
                configPath = Path.of(args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        if (rest.isEmpty()) {
            err.print("signal-tracker torrents: a command is needed\n" + HELP);
            return USAGE;
        }
        TorrentsArguments arguments;
        try {
            arguments = TorrentsArguments.parse(rest);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        SignalTrackerConfig config = SignalTrackerConfig.defaults();
        if (configPath != null) {
            try {
                config = ConfigFile.load(configPath);
            } catch (ConfigException e) {
                err.println("signal-tracker torrents: invalid config " + configPath + ": " + e.getMessage());
                return USAGE;
            }
        }
        if (!config.database().enabled()) {
            err.println("signal-tracker torrents: database.url is empty in "
                    + (configPath == null ? "the defaults" : configPath) + ": there is no database to manage");
            return USAGE;
        }
        try {
            Optional<Path> file = TorrentStores.sqliteFile(config.database(), System.getenv());
            if (file.isPresent() && !Files.exists(file.get())) {
                // Opening would create an empty database here: most likely the wrong config or directory.
                err.println("signal-tracker torrents: database sqlite:" + file.get() + " does not exist; the daemon "
                        + "creates it when it first starts. Check --config and STATE_DIRECTORY (without it, a "
                        + "relative path lies under ./data)");
                return USAGE;
            }
        } catch (StoreException e) {
            err.println("signal-tracker torrents: " + e.getMessage());
            return USAGE;
        }
        try (TorrentStore store = TorrentStores.open(config.database())) {
            return new TorrentsActions(store, out, err).run(arguments);
        } catch (StoreException e) {
            err.println("signal-tracker torrents: " + e.getMessage());
            return DATABASE;
        } catch (IOException e) {
            err.println("signal-tracker torrents: " + e.getMessage());
            return NOT_DONE;
        }
    }

    private int usage(String problem) {
        err.println("signal-tracker torrents: " + problem + " (signal-tracker torrents --help lists the commands)");
        return USAGE;
    }
}
