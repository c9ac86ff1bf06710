package org.signaltracker.bench.load;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;

/**
 * Builds the generator's event loops. With spin-waiting, a loop with nothing to do polls epoll without
 * blocking and goes round again, instead of sleeping until the next event or timer.
 *
 * <p>Why spin: on this project's KVM machine a sleeping thread costs tens of microseconds to wake, and
 * an open-loop generator would sleep between almost every two sends. Measured at 3,700 announces/s over
 * 1,000 connections: sleeping, the generator sent 1 % of its requests more than 4 ms late (and its
 * wake-ups were charged partly to the tracker, which sends the packets that wake it); spinning, p99 send
 * lag fell to 0.3 ms. The price is a core at 100 %, so it is only worth it when the generator has a
 * core of its own: spinning is refused when there are more loops than cores this process may use.
 */
final class EventLoops {

    private EventLoops() {
    }

    /** Whether the loops will spin, given the setting, the run's mode and the cores available. */
    static boolean spins(LoadConfig config, int availableCores) {
        boolean wanted = switch (config.spinWait()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> config.ratePerSecond() > 0;
        };
        return wanted && config.threads() <= availableCores && Epoll.isAvailable();
    }

    static MultiThreadIoEventLoopGroup create(int threads, boolean spin) {
        IoHandlerFactory factory;
        if (!Epoll.isAvailable()) {
            factory = NioIoHandler.newFactory();
        } else if (spin) {
            // selectNow: a non-blocking epoll_wait; scheduled tasks still run on time after it.
            factory = EpollIoHandler.newFactory(0, () -> (selectNow, hasTasks) -> selectNow.get());
        } else {
            factory = EpollIoHandler.newFactory();
        }
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }
}
