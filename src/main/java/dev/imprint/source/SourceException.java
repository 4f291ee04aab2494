package dev.imprint.source;

/** The source cannot be read at all (no such repository or ref, unreadable config): the build stops. */
public class SourceException extends Exception {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
