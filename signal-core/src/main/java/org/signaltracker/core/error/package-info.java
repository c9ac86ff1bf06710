/**
 * The one taxonomy of refusals: every error the core and codecs yield, with its stable code and the reason sent to clients.
 */
package org.signaltracker.core.error;
