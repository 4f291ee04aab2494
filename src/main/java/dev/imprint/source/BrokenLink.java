package dev.imprint.source;

/**
 * A link no note, heading or file answers: {@code from} is the repository path of the file that writes it,
 * {@code to} the destination as written, {@code reason} why it leads nowhere.
 */
public record BrokenLink(String from, String to, String reason) {
}
