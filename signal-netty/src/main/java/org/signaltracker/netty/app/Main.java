package org.signaltracker.netty.app;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Logger;
import org.signaltracker.core.config.ConfigException;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.signaling.TokenMinter;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.tls.TlsFileException;

/** The daemon's entry point: reads arguments and config, starts the server, stops it on SIGTERM. */
public final class Main {

    static final String USAGE = """
            usage: signal-tracker [--config FILE] [--print-default-config] [--help]
                   signal-tracker mint-token --secret SECRET [--ttl-seconds N] USERNAME
              --config FILE           read settings from FILE (keys left out keep their defaults)
              --print-default-config  print the documented default config file and exit
              --help                  print this text and exit
              mint-token              print an IDENTIFY token for signaling.authMode = hmac and exit
                                      (no daemon needed; default lifetime 3600 s)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("mint-token")) {
            TokenMinter.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // One line per record, with a timestamp: readable in journald and in a terminal.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
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
        Logger log = Logger.getLogger(Main.class.getName());
        log.info("effective configuration" + (configPath == null ? " (embedded defaults)" : " (" + configPath + ")")
                + ":\n" + ConfigFile.summary(config).stripTrailing());
        SignalTrackerServer server = new SignalTrackerServer(config, SystemClock.INSTANCE);
        try {
            server.start();
        } catch (TlsFileException e) {
            exit(2, "signal-tracker: invalid TLS files: " + e.getMessage());
        } catch (Exception e) {
            exit(1, "signal-tracker: cannot start: " + e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // java.util.logging may already be shut down by its own hook; stderr always works.
            System.err.println("signal-tracker: stopping (closing WebSockets with 1001)");
            server.stop();
            System.err.println("signal-tracker: stopped");
        }, "signal-tracker-shutdown"));
        server.awaitStopped();
    }

    private static void exit(int status, String message) {
        System.err.println(message.stripTrailing());
        System.exit(status);
    }
}
