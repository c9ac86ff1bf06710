package org.signaltracker.netty.http;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.signaltracker.core.access.IpAddress;

/**
 * The client of a connection, as limits, bans and logs name it: the TCP peer, or the address a trusted
 * proxy named in the current request's forwarding header. Only a forwarded client is stored on the channel
 * (most connections have none, and keep an empty attribute map); it is replaced at each request, since a
 * proxy may carry requests of several clients on one connection, and stays once the connection is a
 * WebSocket. Stateless; each channel's attribute is touched on its own event loop.
 */
public final class ClientAddress {

    private static final AttributeKey<IpAddress> FORWARDED = AttributeKey.valueOf(ClientAddress.class, "forwarded");

    private ClientAddress() {
    }

    /** The TCP peer's address, or null for a channel that is not on IP (tests' embedded channels). */
    public static IpAddress peer(Channel channel) {
        SocketAddress remote = channel.remoteAddress();
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? IpAddress.of(inet.getAddress()) : null;
    }

    /** The client: the forwarded address if a trusted proxy named one, else the TCP peer (null if not on IP). */
    public static IpAddress of(Channel channel) {
        if (channel.hasAttr(FORWARDED)) {
            IpAddress forwarded = channel.attr(FORWARDED).get();
            if (forwarded != null) {
                return forwarded;
            }
        }
        return peer(channel);
    }

    /** The client for a log line or a per-address key: its address, or what the channel calls its peer. */
    public static String describe(Channel channel) {
        IpAddress client = of(channel);
        return client != null ? client.toString() : String.valueOf(channel.remoteAddress());
    }

    /** Records the current request's {@code client}, found from {@code peer}. */
    static void remember(Channel channel, IpAddress client, IpAddress peer) {
        if (!client.equals(peer)) {
            channel.attr(FORWARDED).set(client);
        } else if (channel.hasAttr(FORWARDED)) {
            channel.attr(FORWARDED).set(null);
        }
    }
}
