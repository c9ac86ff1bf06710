/**
 * Logging: one line per event on stdout, shaped for journald or a terminal ({@link
 * org.signaltracker.core.log.StdoutLog}, {@link org.signaltracker.core.log.LogLineFormatter}), and no client
 * can turn it into a flood: repeated warnings are summarised with a count of what was left out
 * ({@link org.signaltracker.core.log.ThrottledLog}).
 */
package org.signaltracker.core.log;
