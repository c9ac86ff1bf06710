/**
 * The TLS listener: the engine (OpenSSL or the JDK's), the certificate and key read from PEM files and
 * re-read on reload, and the handshake stage that counts outcomes. The pipeline after these stages is the
 * same as on the plain listener.
 */
package org.signaltracker.netty.tls;
