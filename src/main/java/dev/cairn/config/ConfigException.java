package dev.cairn.config;

/** A configuration value that stops start-up; the message names the setting. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
