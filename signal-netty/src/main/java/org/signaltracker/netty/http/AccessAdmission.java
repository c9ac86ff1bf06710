package org.signaltracker.netty.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import java.util.List;
import org.signaltracker.core.access.AccessControl;
import org.signaltracker.core.access.AccessRefusal;
import org.signaltracker.core.access.IpAddress;

/**
 * The access rules ({@link AccessControl}) as an {@link UpgradeAdmission}: for every request it finds the
 * client (the TCP peer, or whom a trusted proxy names) and refuses a banned one with 403; for an upgrade it
 * asks whether the Origin and the client's per-address cap and rate admit it (403 or 429 with
 * {@code Retry-After} otherwise). A place under the per-address cap is given back when the connection
 * closes. Only translates: every rule is in the core.
 *
 * <p>Shared by every connection, thread-safe; the place a connection holds is touched only on its own
 * event loop.
 */
public final class AccessAdmission implements UpgradeAdmission {

    private static final AttributeKey<HeldPlace> HELD = AttributeKey.valueOf(AccessAdmission.class, "held");

    private final AccessControl access;

    public AccessAdmission(AccessControl access) {
        this.access = access;
    }

    /** Every check here reads the request; see the two methods below. */
    @Override
    public Refusal refusal(Channel channel) {
        return null;
    }

    @Override
    public Refusal requestRefusal(Channel channel, HttpRequest request) {
        IpAddress peer = ClientAddress.peer(channel);
        if (peer == null) {
            return null;
        }
        HttpHeaders headers = request.headers();
        IpAddress client = access.client(peer, name -> joined(headers, name));
        ClientAddress.remember(channel, client, peer);
        AccessRefusal refusal = access.requestRefusal(client);
        return refusal == null ? null : refusal(refusal, 0);
    }

    @Override
    public Refusal refusal(Channel channel, HttpRequest request) {
        IpAddress client = ClientAddress.of(channel);
        if (client == null) {
            return null;
        }
        AccessControl.Verdict verdict = access.admitUpgrade(client, request.headers().get(HttpHeaderNames.ORIGIN));
        if (verdict.refusal() != null) {
            return refusal(verdict.refusal(), verdict.retryAfterSeconds());
        }
        if (verdict.heldKey() != null) {
            hold(channel, verdict.heldKey());
        }
        return null;
    }

    /**
     * Keeps {@code key}'s place until the channel closes. A connection asks again only after an upgrade
     * that did not complete (426 for an unknown version, say) left it on HTTP: that earlier place goes back.
     */
    private void hold(Channel channel, IpAddress key) {
        HeldPlace place = channel.attr(HELD).get();
        if (place == null) {
            place = new HeldPlace();
            channel.attr(HELD).set(place);
            channel.closeFuture().addListener(place);
        } else if (place.key != null) {
            access.release(place.key);
        }
        place.key = key;
    }

    private static Refusal refusal(AccessRefusal refusal, int retryAfterSeconds) {
        return new Refusal(HttpResponseStatus.valueOf(refusal.httpStatus), refusal.reason, retryAfterSeconds);
    }

    /** A header's lines joined by commas, as HTTP defines a repeated list header; null when absent. */
    private static String joined(HttpHeaders headers, String name) {
        List<String> lines = headers.getAll(name);
        return lines.isEmpty() ? null : lines.size() == 1 ? lines.get(0) : String.join(",", lines);
    }

    /** The per-address place one connection holds; confined to the connection's event loop. */
    private final class HeldPlace implements ChannelFutureListener {
        IpAddress key;

        @Override
        public void operationComplete(ChannelFuture closed) {
            if (key != null) {
                access.release(key);
                key = null;
            }
        }
    }
}
