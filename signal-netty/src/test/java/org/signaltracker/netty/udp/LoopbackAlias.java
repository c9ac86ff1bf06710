package org.signaltracker.netty.udp;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An address added to {@code lo} with {@code ip addr add} while a test runs, and removed after. Each run
 * takes a random address (127.77.x.y, fd00:5167:7e57::x) so that two builds running the tests at once on
 * one machine never add or remove each other's. Where {@code ip} is missing or not permitted (not root,
 * no CAP_NET_ADMIN) the test is skipped with the reason printed.
 */
final class LoopbackAlias implements AutoCloseable {

    private static final long COMMAND_SECONDS = 10;

    private final InetAddress address;
    private boolean present;

    private LoopbackAlias(InetAddress address) {
        this.address = address;
    }

    static InetAddress randomIpv4() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return InetAddress.getByAddress(new byte[] {127, 77, (byte) random.nextInt(256),
                (byte) (1 + random.nextInt(254))});
    }

    static InetAddress randomIpv6() throws IOException {
        return InetAddress.getByName("fd00:5167:7e57::" + Integer.toHexString(1 + ThreadLocalRandom.current()
                .nextInt(0xFFFE)));
    }

    /** Adds {@code address} to lo, or skips the test (printing why) when that cannot be done here. */
    static LoopbackAlias add(InetAddress address) throws Exception {
        LoopbackAlias alias = new LoopbackAlias(address);
        String failure = alias.run("add");
        if (failure != null) {
            String reason = "SKIPPED: cannot add " + alias.cidr() + " to lo (" + failure
                    + "); the tests of addresses appearing while the UDP tracker runs need root and ip(8)";
            System.err.println(reason);
            Assumptions.abort(reason);
        }
        alias.present = true;
        return alias;
    }

    InetAddress address() {
        return address;
    }

    /** Removes the address; true when it was there and is gone. Idempotent. */
    boolean remove() throws Exception {
        if (!present) {
            return false;
        }
        String failure = run("del");
        if (failure != null) {
            throw new IllegalStateException("cannot remove " + cidr() + " from lo: " + failure);
        }
        present = false;
        return true;
    }

    @Override
    public void close() throws Exception {
        remove();
    }

    private String cidr() {
        return address.getHostAddress() + (address instanceof Inet6Address ? "/128" : "/32");
    }

    /** Null on success, else what went wrong. */
    private String run(String verb) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("ip", "addr", verb, cidr(), "dev", "lo").redirectErrorStream(true).start();
        } catch (IOException e) {
            return "ip(8) not found: " + e.getMessage();
        }
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "ip addr " + verb + " did not finish within " + COMMAND_SECONDS + " s";
        }
        if (process.exitValue() != 0) {
            String output;
            try {
                output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                output = e.toString();
            }
            return "ip addr " + verb + " exited with " + process.exitValue() + ": " + output;
        }
        return null;
    }
}
