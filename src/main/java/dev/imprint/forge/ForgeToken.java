package dev.imprint.forge;

import java.util.Objects;

/**
 * The API token a forge client sends. It is its own type so that it never travels as a string inside a record, whose
 * {@code toString} would print it: this one prints {@code ForgeToken[redacted]}, and only the clients read the value.
 */
public final class ForgeToken {
    private final String value;

    private ForgeToken(String value) {
        this.value = value;
    }

    /** The token, trimmed (a file or variable often ends in a newline). */
    public static ForgeToken of(String token) {
        Objects.requireNonNull(token, "token");
        String trimmed = token.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the forge token is empty");
        }
        return new ForgeToken(trimmed);
    }

    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "ForgeToken[redacted]";
    }
}
