/**
 * Injected time: the core reads a Clock so tests move a manual clock and the daemon can use a cheap one.
 */
package org.signaltracker.core.time;
