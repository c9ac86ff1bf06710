/** Small character-level helpers shared by the codecs and parsers of the core. */
package org.signaltracker.core.text;
