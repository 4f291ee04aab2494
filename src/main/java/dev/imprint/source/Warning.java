package dev.imprint.source;

/** Something wrong with one file that did not stop the build; shown in the build report. */
public record Warning(String path, String message) implements Comparable<Warning> {
    @Override
    public int compareTo(Warning o) {
        int c = path.compareTo(o.path);
        return c != 0 ? c : message.compareTo(o.message);
    }

    /**
     * {@code s} with control and invisible formatting characters shown as {@code \\u} escapes: a name quoted in a
     * warning never carries a NUL or a line break into a log or a report.
     */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
