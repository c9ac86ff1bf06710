package org.signaltracker.netty.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * Sends a connection's last answer and its end (the FIN) in one TCP segment. Without this the kernel sends
 * the answer at once (Netty turns Nagle off on every connection) and the FIN in a segment of its own when
 * the connection is closed right after, which the client then acknowledges separately: on a tracker port
 * where most clients announce on a new connection, that second segment and its acknowledgement were a
 * large part of the work per request (signal-bench/RESULTS.md, section 18). Corking the socket
 * ({@code TCP_CORK}) before the answer is written makes the kernel hold it until the close, which then
 * sends answer and FIN together at once; the client sees the same bytes with no delay, and the connection
 * does not outlive its answer. Only on the native epoll and io_uring transports (the JDK's sockets have no
 * such option);
 * elsewhere, or if the option cannot be set, the answer and the FIN go out separately as before.
 *
 * <p>Only for an answer after which nothing can be left to read: a socket closed with input unread is reset,
 * and a reset throws away what the kernel still holds to send, the corked answer included (the caller checks).
 */
final class FinWithAnswer {

    private FinWithAnswer() {
    }

    /** Call before writing the answer after which {@code channel} is closed, with nothing left to read. */
    static void expectCloseAfterNextAnswer(Channel channel) {
        if (channel instanceof EpollSocketChannel epoll && epoll.isOpen()) {
            try {
                epoll.config().setTcpCork(true);
            } catch (ChannelException e) {
                // The socket went away meanwhile; its close follows, and nothing is held.
            }
        } else if (channel instanceof IoUringSocketChannel uring && uring.isOpen()) {
            try {
                uring.config().setOption(IoUringChannelOption.TCP_CORK, true);
            } catch (ChannelException e) {
                // As above: the socket went away meanwhile.
            }
        }
    }
}
