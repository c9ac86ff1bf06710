package org.signaltracker.netty.tls;

/**
 * A certificate or key file that cannot be used: missing, unreadable, not PEM, or a key that does not
 * belong to the certificate. The message names the config key and the file. At start it stops the daemon
 * (exit status 2, as a config error); on reload the certificate in use stays. Unchecked because only a
 * config with {@code tls.mode} other than {@code off} can cause it.
 */
public final class TlsFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TlsFileException(String message) {
        super(message);
    }
}
