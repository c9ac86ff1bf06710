/**
 * Logging that no client can turn into a flood: repeated warnings are summarised with a count of what
 * was left out.
 */
package org.signaltracker.core.log;
