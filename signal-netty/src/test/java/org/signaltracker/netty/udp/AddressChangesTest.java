package org.signaltracker.netty.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bound set and present set in, addresses to bind and to close out, in input order. */
class AddressChangesTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private static InetAddress linkLocal(int scopeId) throws Exception {
        return Inet6Address.getByAddress(null, ip("fe80::1").getAddress(), scopeId);
    }

    @Test
    void theSameAddressesChangeNothing() throws Exception {
        List<InetAddress> addresses = List.of(ip("127.0.0.1"), ip("::1"), ip("10.0.0.5"));
        AddressChanges changes = AddressChanges.between(addresses, List.of(ip("10.0.0.5"), ip("127.0.0.1"),
                ip("::1")));
        assertTrue(changes.isEmpty(), changes.toString());
    }

    @Test
    void aNewAddressIsAddedAndAGoneOneRemoved() throws Exception {
        AddressChanges changes = AddressChanges.between(
                List.of(ip("127.0.0.1"), ip("10.0.0.5"), ip("fd00::5")),
                List.of(ip("127.0.0.1"), ip("10.0.0.9"), ip("fd00::9"), ip("fd00::5")));
        assertEquals(List.of(ip("10.0.0.9"), ip("fd00::9")), changes.added());
        assertEquals(List.of(ip("10.0.0.5")), changes.removed());
        assertFalse(changes.isEmpty());
    }

    @Test
    void fromNothingEverythingIsAddedAndToNothingEverythingIsRemoved() throws Exception {
        List<InetAddress> addresses = List.of(ip("127.0.0.1"), ip("::1"));
        assertEquals(new AddressChanges(addresses, List.of()), AddressChanges.between(List.of(), addresses));
        assertEquals(new AddressChanges(List.of(), addresses), AddressChanges.between(addresses, List.of()));
        assertTrue(AddressChanges.between(List.of(), List.of()).isEmpty());
    }

    @Test
    void anAddressListedTwiceIsAddedOnce() throws Exception {
        AddressChanges changes = AddressChanges.between(List.of(), List.of(ip("10.0.0.5"), ip("10.0.0.5")));
        assertEquals(List.of(ip("10.0.0.5")), changes.added());
    }

    /** InetAddress.equals ignores the scope; two interfaces with one link-local address need two sockets. */
    @Test
    void oneLinkLocalAddressOnTwoInterfacesIsTwoAddresses() throws Exception {
        AddressChanges second = AddressChanges.between(List.of(linkLocal(1)), List.of(linkLocal(1), linkLocal(2)));
        assertEquals(1, second.added().size());
        assertEquals(AddressChanges.key(linkLocal(2)), AddressChanges.key(second.added().get(0)));
        assertEquals(List.of(), second.removed());

        AddressChanges moved = AddressChanges.between(List.of(linkLocal(1)), List.of(linkLocal(2)));
        assertEquals(AddressChanges.key(linkLocal(2)), AddressChanges.key(moved.added().get(0)));
        assertEquals(AddressChanges.key(linkLocal(1)), AddressChanges.key(moved.removed().get(0)));
    }
}
