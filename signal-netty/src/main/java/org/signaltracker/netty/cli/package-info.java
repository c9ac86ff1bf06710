/**
 * Command-line tools in the daemon's jar that run instead of it: {@code signal-tracker torrents ...}
 * manages the info-hash database the config names, while the daemon runs or not.
 */
package org.signaltracker.netty.cli;
