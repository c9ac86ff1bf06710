package org.signaltracker.netty.it;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * The condition of the tests that need ::1. JUnit evaluates it before any class-level extension starts, so
 * a server bound to ::1 is never attempted where there is none; the skip is printed, not silent.
 */
final class Ipv6Loopback {

    private Ipv6Loopback() {
    }

    /** For {@code @EnabledIf("org.signaltracker.netty.it.Ipv6Loopback#available")}. */
    static boolean available() {
        boolean present;
        try {
            present = NetworkInterface.getByInetAddress(InetAddress.getByName("::1")) != null;
        } catch (SocketException | UnknownHostException e) {
            present = false;
        }
        if (!present) {
            System.err.println("SKIPPED: this machine has no ::1 (IPv6 loopback); the IPv6 tracker tests do not run");
        }
        return present;
    }
}
