package org.signaltracker.netty.udp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the UDP listener does to go from the addresses it is bound to to the addresses the interfaces have
 * now: bind the {@link #added} ones, close the {@link #removed} ones. Two addresses are the same when their
 * text is ({@link #key}): {@link InetAddress#equals} ignores an IPv6 scope, but the same link-local address
 * on two interfaces (VLANs share their parent's MAC, hence its EUI-64 address) is two sockets to keep.
 * Immutable; both lists keep the order of their input.
 */
record AddressChanges(List<InetAddress> added, List<InetAddress> removed) {

    static AddressChanges between(Collection<InetAddress> bound, Collection<InetAddress> present) {
        Map<String, InetAddress> boundByKey = byKey(bound);
        Map<String, InetAddress> presentByKey = byKey(present);
        List<InetAddress> added = new ArrayList<>();
        for (Map.Entry<String, InetAddress> entry : presentByKey.entrySet()) {
            if (!boundByKey.containsKey(entry.getKey())) {
                added.add(entry.getValue());
            }
        }
        List<InetAddress> removed = new ArrayList<>();
        for (Map.Entry<String, InetAddress> entry : boundByKey.entrySet()) {
            if (!presentByKey.containsKey(entry.getKey())) {
                removed.add(entry.getValue());
            }
        }
        return new AddressChanges(List.copyOf(added), List.copyOf(removed));
    }

    /** The address as text, with the scope of an IPv6 address ({@code fe80:0:0:0:0:0:0:1%eth0}). */
    static String key(InetAddress address) {
        return address.getHostAddress();
    }

    boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }

    private static Map<String, InetAddress> byKey(Collection<InetAddress> addresses) {
        Map<String, InetAddress> byKey = new LinkedHashMap<>();
        for (InetAddress address : addresses) {
            byKey.putIfAbsent(key(address), address);
        }
        return byKey;
    }
}
