package org.signaltracker.core.config;

/** A config file that cannot be used: the message names the key (or line) and what was expected. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
