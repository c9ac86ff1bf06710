package org.signaltracker.core.config;

/**
 * Section {@code server}: where the daemon listens and how it runs its event loops.
 *
 * @param bindAddress          IP address to listen on ({@code 0.0.0.0} for every IPv4 interface)
 * @param port                 TCP port for HTTP and WebSocket (0 picks a free port; tests use it)
 * @param transport            {@code auto} (epoll when available, else NIO), {@code epoll} or
 *                             {@code io_uring} (fail if unavailable) or {@code nio}
 * @param ioThreads            event loop threads; 0 means one per available core
 * @param soBacklog            listen backlog: pending connections the kernel queues during a reconnect storm
 * @param deferAcceptSeconds   TCP_DEFER_ACCEPT of the TCP listeners: the kernel accepts a connection once
 *                             its first bytes arrive, or after about this long; 0: off
 * @param shutdownGraceSeconds on SIGTERM, how long open WebSockets get to close before the process exits
 */
public record ServerConfig(
        String bindAddress,
        int port,
        String transport,
        int ioThreads,
        int soBacklog,
        int deferAcceptSeconds,
        int shutdownGraceSeconds) {

    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 8000, "auto", 0, 1024, 1, 10);
    }
}
