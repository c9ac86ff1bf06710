package org.signaltracker.netty.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A specific bind address is bound as it is; a wildcard becomes every address of the interfaces that are up. */
class UdpBindAddressesTest {

    @Test
    void aSpecificAddressIsKept() throws Exception {
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), UdpBindAddresses.resolve("127.0.0.1"));
        assertEquals(List.of(InetAddress.getByName("::1")), UdpBindAddresses.resolve("::1"));
    }

    @Test
    void aWildcardBecomesEveryInterfaceAddressLoopbackIncluded() throws Exception {
        for (String wildcard : new String[] {"0.0.0.0", "::"}) {
            List<InetAddress> addresses = UdpBindAddresses.resolve(wildcard);
            assertTrue(addresses.contains(InetAddress.getByName("127.0.0.1")), wildcard + ": " + addresses);
            for (InetAddress address : addresses) {
                assertFalse(address.isAnyLocalAddress(), wildcard + " gave a wildcard: " + address);
            }
        }
    }
}
