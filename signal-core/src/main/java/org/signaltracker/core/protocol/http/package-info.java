/**
 * The HTTP tracker protocol (BEP 3, 7, 23, 48) as a library that knows nothing of the transport:
 * {@link org.signaltracker.core.protocol.http.QueryDecoder} (the bytes of a query string to a reused
 * {@link org.signaltracker.core.protocol.http.AnnounceQuery} or
 * {@link org.signaltracker.core.protocol.http.ScrapeQuery}, or a {@link org.signaltracker.core.error.TrackerError}),
 * {@link org.signaltracker.core.protocol.http.BencodeEncoder} (bencoded answers into a reused byte array) and
 * {@link org.signaltracker.core.protocol.http.HttpTrackerDispatcher}, which applies the connection's message
 * budget, calls the core, and is the one place where errors become {@code failure reason}s.
 *
 * <p>Ids are percent-encoded bytes, decoded byte by byte, never through a character set: an info hash, a
 * peer id or aria2's binary {@code key} may hold any byte. Answers are written straight into a byte array, so
 * an announce allocates nothing per peer. Everything here is confined to one event loop (one decoder, encoder
 * and dispatcher per loop).
 */
package org.signaltracker.core.protocol.http;
