package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code classic.udp = off}: no UDP socket on the main port's number (the kernel answers port unreachable). */
class UdpTrackerOffTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("classic.udp = off\n");

    @Test
    void nothingListens() throws Exception {
        assertNull(SERVER.server().udpAddress());
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(new InetSocketAddress("127.0.0.1", SERVER.port()));
            channel.write(ByteBuffer.wrap(ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(1).array()));
            // A connected UDP socket learns of the ICMP port unreachable on its next read.
            channel.socket().setSoTimeout(UdpClient.WAIT_MILLIS);
            DatagramSocket socket = channel.socket();
            assertThrows(PortUnreachableException.class, () -> socket.receive(new DatagramPacket(new byte[64], 64)));
        }
    }
}
