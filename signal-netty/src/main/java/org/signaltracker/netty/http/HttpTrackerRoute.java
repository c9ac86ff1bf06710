package org.signaltracker.netty.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.signaltracker.core.access.IpAddress;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.limit.MessageBudget;
import org.signaltracker.core.protocol.http.HttpTrackerDispatcher;

/**
 * The HTTP tracker on {@code GET /announce} and {@code GET /scrape} (a query or none): translates the request
 * for the loop's {@link HttpTrackerDispatcher} and frames its bencoded answer as one HTTP response, status
 * line, headers and body written into one pooled buffer and flushed once. The answer goes out past the HTTP
 * encoder (a connection that started lean has none): the bytes are already HTTP, and building a response object and its
 * header map per request only to have the encoder write them back would cost more than the answer.
 *
 * <p>Shared by every connection of the port and thread-safe; each loop has its own dispatcher and scratch
 * buffer, made on its first request (the live settings of the last reload are applied there before the next
 * request, one volatile read per request). Per connection, an {@link Exchange} holds the request budget.
 */
public final class HttpTrackerRoute {

    /** Not a tracker request. */
    public static final int NONE = 0;
    public static final int ANNOUNCE = 1;
    public static final int SCRAPE = 2;

    private static final String ANNOUNCE_PATH = "/announce";
    private static final String SCRAPE_PATH = "/scrape";
    private static final String ENCODED_SPACE = "%20";
    private static final byte[] HEAD = ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ");
    private static final byte[] CLOSE = ascii("\r\nConnection: close\r\n\r\n");
    private static final byte[] KEEP_ALIVE = ascii("\r\nConnection: keep-alive\r\n\r\n");
    private static final byte[] END = ascii("\r\n\r\n");
    /** Stands in for the client of a channel that is not on IP (embedded test channels only). */
    private static final IpAddress NO_ADDRESS = IpAddress.ipv4(0);

    private final ConcurrentHashMap<EventExecutor, Loop> loops = new ConcurrentHashMap<>();
    private final Supplier<HttpTrackerDispatcher> dispatchers;
    private volatile SignalTrackerConfig current;

    /**
     * @param dispatchers makes each loop's dispatcher
     * @param config      the settings in force; {@link #reconfigure} replaces them
     */
    public HttpTrackerRoute(Supplier<HttpTrackerDispatcher> dispatchers, SignalTrackerConfig config) {
        this.dispatchers = dispatchers;
        this.current = config;
    }

    /** A reload: every loop applies it before its next request. */
    public void reconfigure(SignalTrackerConfig next) {
        current = next;
    }

    /** {@link #ANNOUNCE} or {@link #SCRAPE} for a URI on those paths (with or without a query), else {@link #NONE}. */
    static int routeOf(String uri) {
        if (uri.startsWith(ANNOUNCE_PATH) && endsPath(uri, ANNOUNCE_PATH.length())) {
            return ANNOUNCE;
        }
        return uri.startsWith(SCRAPE_PATH) && endsPath(uri, SCRAPE_PATH.length()) ? SCRAPE : NONE;
    }

    /** The path ends at {@code at}: the URI ends or its query starts, maybe after an encoded space. */
    private static boolean endsPath(String uri, int at) {
        if (uri.length() > at && uri.startsWith(ENCODED_SPACE, at)) {
            // "/announce%20?...": a torrent whose announce URL ends in a space, encoded by the client.
            at += ENCODED_SPACE.length();
        }
        return uri.length() == at || uri.charAt(at) == '?';
    }

    /** The exchange of a connection's tracker requests; made on its first one. */
    Exchange open(ChannelHandlerContext routes) {
        return new Exchange(loop(routes.executor()));
    }

    private Loop loop(EventExecutor executor) {
        Loop loop = loops.get(executor);
        return loop != null ? loop : loops.computeIfAbsent(executor, e -> new Loop(dispatchers.get()));
    }

    /** One loop's dispatcher, the bytes of the query being decoded, and the reload it applied last. */
    private static final class Loop {
        final HttpTrackerDispatcher dispatcher;
        byte[] query = new byte[4096];
        SignalTrackerConfig applied;

        Loop(HttpTrackerDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }
    }

    /** One connection's tracker requests. Confined to the connection's event loop. */
    final class Exchange {

        private final Loop loop;
        private final MessageBudget budget;

        Exchange(Loop loop) {
            this.loop = loop;
            this.budget = loop.dispatcher.newBudget();
        }

        /**
         * The whole HTTP response to a tracker request on {@code route}; the caller writes it past the HTTP
         * encoder (when the connection has one) and closes the connection after it when the answer returned 0.
         *
         * @return the response, and in {@link #keepAliveSeconds} how long the connection may then idle
         */
        ByteBuf answer(ChannelHandlerContext ctx, HttpRequest request, int route) {
            SignalTrackerConfig config = current;
            if (loop.applied != config) {
                loop.applied = config;
                loop.dispatcher.reconfigure(config.classic(), config.limits());
            }
            String uri = request.uri();
            int queryStart = uri.indexOf('?') + 1;
            int length = queryStart == 0 ? 0 : uri.length() - queryStart;
            byte[] query = loop.query;
            if (query.length < length) {
                query = loop.query = new byte[length];
            }
            // The decoder made the URI one char per byte (ISO-8859-1): this gives the bytes back unchanged.
            for (int i = 0; i < length; i++) {
                query[i] = (byte) uri.charAt(queryStart + i);
            }
            HttpTrackerDispatcher dispatcher = loop.dispatcher;
            boolean withinBudget;
            if (route == ANNOUNCE) {
                IpAddress client = ClientAddress.of(ctx.channel());
                withinBudget = dispatcher.announce(query, 0, length, client != null ? client : NO_ADDRESS, budget);
            } else {
                withinBudget = dispatcher.scrape(query, 0, length, budget);
            }
            int idle = config.classic().httpKeepAliveSeconds();
            keepAliveSeconds = withinBudget && idle > 0 && HttpUtil.isKeepAlive(request) ? idle : 0;
            return frame(ctx, dispatcher.bytes(), dispatcher.size(), keepAliveSeconds > 0,
                    request.protocolVersion() == HttpVersion.HTTP_1_0);
        }

        /** Set by {@link #answer}: 0 when the connection closes after this answer. */
        int keepAliveSeconds;
    }

    /**
     * {@code HTTP/1.1 200 OK}, the headers and the body in one buffer. {@code Connection: close} when the
     * connection ends after it; {@code Connection: keep-alive} for an HTTP/1.0 client that asked to keep it.
     */
    private static ByteBuf frame(ChannelHandlerContext ctx, byte[] body, int size, boolean keepAlive, boolean http10) {
        byte[] connection = !keepAlive ? CLOSE : http10 ? KEEP_ALIVE : END;
        ByteBuf buf = ctx.alloc().ioBuffer(HEAD.length + 10 + connection.length + size);
        buf.writeBytes(HEAD);
        writeDecimal(buf, size);
        buf.writeBytes(connection);
        buf.writeBytes(body, 0, size);
        return buf;
    }

    private static void writeDecimal(ByteBuf buf, int value) {
        int divisor = 1;
        while (value / divisor >= 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            buf.writeByte('0' + value / divisor % 10);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
