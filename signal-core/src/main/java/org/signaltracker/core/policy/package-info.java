/**
 * Which torrents the tracker serves: the {@code open}, {@code allow-list} or {@code deny-list} policy
 * decided from an in-memory copy of the info-hash database's standings, so no announce ever waits on a
 * query.
 */
package org.signaltracker.core.policy;
