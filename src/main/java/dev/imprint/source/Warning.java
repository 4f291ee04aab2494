package dev.imprint.source;

/** Something wrong with one file that did not stop the build; shown in the build report. */
public record Warning(String path, String message) implements Comparable<Warning> {
    @Override
    public int compareTo(Warning o) {
        int c = path.compareTo(o.path);
        return c != 0 ? c : message.compareTo(o.message);
    }
}
