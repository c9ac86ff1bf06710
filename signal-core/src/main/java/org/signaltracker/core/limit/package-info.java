/**
 * Per-connection limits that need no lock: the message budget that stops floods.
 */
package org.signaltracker.core.limit;
