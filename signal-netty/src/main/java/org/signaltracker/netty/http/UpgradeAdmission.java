package org.signaltracker.netty.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * Decides, before the WebSocket handshake, whether a connection may upgrade now. Each reason the daemon
 * has to say no (the connection cap's reserve, later a memory budget) is one implementation, and
 * {@link #all} asks them in order. A refused upgrade gets {@link Refusal#status} with {@code Retry-After}
 * and a one-line reason, then the connection is closed.
 *
 * <p>Implementations are shared by every connection and called on the connection's event loop: they
 * must be thread-safe and must not block.
 */
@FunctionalInterface
public interface UpgradeAdmission {

    /** Admits every upgrade. */
    UpgradeAdmission ANY = channel -> null;

    /** @return null to admit {@code channel}'s upgrade, or why it is refused */
    Refusal refusal(Channel channel);

    /**
     * Why an upgrade is refused, as the client will see it.
     *
     * @param status            usually 503 Service Unavailable
     * @param reason            one line, without the line break
     * @param retryAfterSeconds sent as {@code Retry-After}
     */
    record Refusal(HttpResponseStatus status, String reason, int retryAfterSeconds) {
    }

    /** The first refusal of {@code checks}, asked in order; null when every one admits. */
    static UpgradeAdmission all(List<UpgradeAdmission> checks) {
        UpgradeAdmission[] copy = checks.toArray(new UpgradeAdmission[0]);
        return channel -> {
            for (UpgradeAdmission check : copy) {
                Refusal refusal = check.refusal(channel);
                if (refusal != null) {
                    return refusal;
                }
            }
            return null;
        };
    }
}
