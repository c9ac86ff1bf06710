package org.signaltracker.core.config;

/**
 * Section {@code admin}: where operators read {@code /metrics}, {@code /stats.json} and {@code /health}.
 *
 * @param listener    {@code on} serves the admin routes on their own listener, {@code off} opens no such port
 * @param bindAddress IP address of the admin listener; loopback by default, so nothing outside the host
 *                    reaches it
 * @param port        TCP port of the admin listener (0 picks a free port; tests use it)
 * @param token       bearer token that also serves {@code /metrics} and {@code /stats.json} on the main port,
 *                    and that the torrent API ({@code /admin/torrents}) requires on both ports; empty serves
 *                    them there to nobody (404) and leaves the torrent API out
 */
public record AdminConfig(
        String listener,
        String bindAddress,
        int port,
        String token) {

    public static final String LISTENER_ON = "on";
    public static final String LISTENER_OFF = "off";
    public static final int MIN_TOKEN_CHARS = 16;

    public static AdminConfig defaults() {
        return new AdminConfig(LISTENER_ON, "127.0.0.1", 9191, "");
    }

    public boolean listenerOn() {
        return LISTENER_ON.equals(listener);
    }
}
