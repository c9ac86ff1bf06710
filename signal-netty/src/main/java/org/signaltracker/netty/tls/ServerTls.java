package org.signaltracker.netty.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.signaltracker.core.config.ConfigException;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.config.TlsConfig;
import org.signaltracker.core.metrics.TlsMetrics;

/**
 * The TLS listener's certificate and its first two pipeline stages. Holds the context new handshakes use;
 * a reload that changed the certificate or key files (their paths or their bytes) reads them again and,
 * when they are valid, swaps in a new context: connections already open keep the session they
 * negotiated, new ones get the new certificate. Files that cannot be used leave the current context in
 * place and say why in one log line; {@link #check} lets a reload refuse such files before it applies anything.
 *
 * <p>Thread-safe: {@link #addStages} runs on any event loop (one volatile read per connection);
 * {@link #reload} runs on the reloading thread, one at a time.
 */
public final class ServerTls {

    /** Stage names: the TLS codec first in the pipeline, then the handshake's outcome. */
    public static final String STAGE = "tls";
    public static final String HANDSHAKE_STAGE = "tls-handshake";

    private static final Logger LOG = Logger.getLogger(ServerTls.class.getName());

    private final TlsEngine engine;
    private final long handshakeTimeoutMillis;
    private final TlsHandshakeOutcome outcome;
    private final AtomicReference<Served> served;

    /** A context together with the files it was built from. */
    private record Served(TlsKeyMaterial material, SslContext context) {
    }

    private ServerTls(TlsEngine engine, long handshakeTimeoutMillis, TlsMetrics metrics, Served first) {
        this.engine = engine;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.outcome = new TlsHandshakeOutcome(metrics);
        this.served = new AtomicReference<>(first);
    }

    /**
     * Picks the engine and reads the files of {@code tls}; a handshake not done within
     * {@code handshakeTimeoutSeconds} is closed.
     *
     * @throws TlsFileException      when a file cannot be used (the daemon then exits with status 2)
     * @throws IllegalStateException when {@code tls.engine = openssl} and OpenSSL is unavailable
     */
    public static ServerTls start(TlsConfig tls, int handshakeTimeoutSeconds, TlsMetrics metrics) {
        TlsEngine engine = TlsEngine.select(tls.engine());
        TlsKeyMaterial material = read(tls);
        Served first = new Served(material, engine.serverContext(material));
        String warning = material.validityWarning(Instant.now());
        if (warning != null) {
            LOG.warning(warning);
        }
        return new ServerTls(engine, TimeUnit.SECONDS.toMillis(handshakeTimeoutSeconds), metrics, first);
    }

    /** Adds the TLS stages at the head of a new connection's pipeline. */
    public void addStages(Channel channel) {
        SslHandler ssl = served.get().context().newHandler(channel.alloc());
        ssl.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        channel.pipeline().addLast(STAGE, ssl).addLast(HANDSHAKE_STAGE, outcome);
    }

    /**
     * For {@code LiveConfig.addCheck}: refuses a reload whose certificate files changed and cannot be used,
     * so the whole reload is refused and says why.
     */
    public void check(SignalTrackerConfig next) throws ConfigException {
        TlsConfig tls = next.tls();
        if (!tls.enabled() || served.get().material().sameAs(Path.of(tls.certificateChainFile()),
                Path.of(tls.privateKeyFile()))) {
            return;
        }
        try {
            engine.serverContext(read(tls));
        } catch (TlsFileException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * For {@code LiveConfig.subscribe}: serves the files of {@code next} to new connections when they differ
     * from the ones in use and can be used; otherwise keeps the current ones. Never throws.
     */
    public void reload(SignalTrackerConfig next) {
        TlsConfig tls = next.tls();
        if (!tls.enabled()) {
            return; // turning TLS off is a restart-only change; until then the listener keeps serving
        }
        Served current = served.get();
        if (current.material().sameAs(Path.of(tls.certificateChainFile()), Path.of(tls.privateKeyFile()))) {
            return;
        }
        try {
            TlsKeyMaterial material = read(tls);
            served.set(new Served(material, engine.serverContext(material)));
            String warning = material.validityWarning(Instant.now());
            LOG.info("TLS certificate reloaded; new connections get " + material.describe()
                    + (warning == null ? "" : "; but " + warning));
        } catch (TlsFileException e) {
            LOG.warning("TLS certificate not reloaded, the one in use stays (" + current.material().describe()
                    + "): " + e.getMessage());
        }
    }

    /** What the engine is and why, and what it serves: for the startup log line. */
    public String describe() {
        return "engine " + engine.name() + " (" + engine.reason() + "), protocols "
                + String.join(", ", TlsEngine.PROTOCOLS) + "; " + served.get().material().describe();
    }

    public TlsEngine engine() {
        return engine;
    }

    private static TlsKeyMaterial read(TlsConfig tls) {
        return TlsKeyMaterial.read(Path.of(tls.certificateChainFile()), Path.of(tls.privateKeyFile()));
    }
}
