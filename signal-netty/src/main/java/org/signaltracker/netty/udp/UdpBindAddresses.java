package org.signaltracker.netty.udp;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The local addresses the UDP tracker binds. A UDP reply must leave from the address its request was
 * sent to (clients match replies on address and port; replies from another local address are the cause
 * of many "dead" UDP trackers on multi-homed hosts), and a socket bound to a wildcard address sends from
 * whatever address the route picks. So a wildcard {@code server.bindAddress} is expanded into every
 * address of every interface that is up, of both families (as the TCP listener's wildcard serves both),
 * each bound on its own, and read again while the daemon runs ({@link InterfaceAddressRescan}) so that an
 * address added later (a new lease) is served too; a specific bind address is bound as it is. Stateless.
 */
final class UdpBindAddresses {

    private UdpBindAddresses() {
    }

    /** Whether {@code bindAddress} (a literal IP address) is a wildcard, whose addresses follow the interfaces. */
    static boolean followsInterfaces(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Reads the interfaces again at every call (a blocking system call: never on an event loop).
     *
     * @param bindAddress a literal IP address ({@code server.bindAddress}, validated by the config loader)
     */
    static List<InetAddress> resolve(String bindAddress) throws SocketException, UnknownHostException {
        // A literal: getByName parses it and never asks DNS.
        InetAddress configured = InetAddress.getByName(bindAddress);
        if (!configured.isAnyLocalAddress()) {
            return List.of(configured);
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp()) {
                addresses.addAll(Collections.list(nif.getInetAddresses()));
            }
        }
        return addresses;
    }
}
