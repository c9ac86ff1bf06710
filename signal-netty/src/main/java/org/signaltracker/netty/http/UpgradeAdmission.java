package org.signaltracker.netty.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * Decides, before the WebSocket handshake, whether a connection may upgrade now. Each reason the daemon
 * has to say no (the access rules, the connection cap's reserve, the memory budget) is one implementation, and
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
     * As {@link #refusal(Channel)}, for checks that read the upgrade request (its Origin, the client a
     * trusted proxy names). Called instead of it, once per upgrade request.
     */
    default Refusal refusal(Channel channel, HttpRequest request) {
        return refusal(channel);
    }

    /**
     * Asked for every request, upgrade or not, before it is routed: null to serve it, or why the client may
     * not be served at all (a banned client behind a proxy). The connection is closed after the refusal.
     */
    default Refusal requestRefusal(Channel channel, HttpRequest request) {
        return null;
    }

    /**
     * Why an upgrade is refused, as the client will see it.
     *
     * @param status            503 Service Unavailable when the daemon is full, 429 for a per-address limit,
     *                          403 for a client that may not connect from where it is
     * @param reason            one line, without the line break
     * @param retryAfterSeconds sent as {@code Retry-After}; 0 sends none (a 403 is not worth retrying)
     */
    record Refusal(HttpResponseStatus status, String reason, int retryAfterSeconds) {
    }

    /** The first refusal of {@code checks}, asked in order; null when every one admits. */
    static UpgradeAdmission all(List<UpgradeAdmission> checks) {
        UpgradeAdmission[] copy = checks.toArray(new UpgradeAdmission[0]);
        return new UpgradeAdmission() {
            @Override
            public Refusal refusal(Channel channel) {
                for (UpgradeAdmission check : copy) {
                    Refusal refusal = check.refusal(channel);
                    if (refusal != null) {
                        return refusal;
                    }
                }
                return null;
            }

            @Override
            public Refusal refusal(Channel channel, HttpRequest request) {
                for (UpgradeAdmission check : copy) {
                    Refusal refusal = check.refusal(channel, request);
                    if (refusal != null) {
                        return refusal;
                    }
                }
                return null;
            }

            @Override
            public Refusal requestRefusal(Channel channel, HttpRequest request) {
                for (UpgradeAdmission check : copy) {
                    Refusal refusal = check.requestRefusal(channel, request);
                    if (refusal != null) {
                        return refusal;
                    }
                }
                return null;
            }
        };
    }
}
