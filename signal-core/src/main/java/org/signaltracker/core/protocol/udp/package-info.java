/**
 * The UDP tracker protocol (BEP 15, with BEP 41 options) as a codec that knows nothing of the transport:
 * byte arrays in, the core's decision, byte arrays out. {@link org.signaltracker.core.protocol.udp.ConnectionIds}
 * issues and checks stateless connection ids, {@link org.signaltracker.core.protocol.udp.UdpTrackerDispatcher}
 * handles one datagram per call with reused objects, and
 * {@link org.signaltracker.core.protocol.udp.AmplificationBound} caps every reply against its request.
 */
package org.signaltracker.core.protocol.udp;
