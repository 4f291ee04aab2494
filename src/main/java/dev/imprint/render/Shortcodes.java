package dev.imprint.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugo's shortcodes and summary divider, as a text pass over a note body before it is rendered: {@code ref} and
 * {@code relref} become link destinations, {@code figure} an image with its caption, {@code youtube} and
 * {@code vimeo} links to the video, each written in the note's own syntax so the renderer resolves, sanitizes and
 * reports them like any other link or image. Every other shortcode stays visible as written and is reported.
 *
 * <p>Code is left alone ({@link RawSpans}). Hugo expands shortcodes in code too, but authors who put one in code mean
 * to show it. Only the escape <code>{{&lt;/* x *&#47;&gt;}}</code> is undone there as well: it exists to be shown, and
 * Hugo shows it as {@code {{< x >}}} wherever it is. Linear in the body's length, whatever it holds.
 */
public final class Shortcodes {
    /** Which syntax the note is in, and so the replacements are written in. */
    public enum Syntax { MARKDOWN, ORG }

    /**
     * @param text       the body with shortcodes replaced and the summary divider taken out
     * @param summaryEnd where in {@code text} the summary divider was, or -1 if there was none: what comes before it
     *                   is the note's summary
     * @param problems   human-readable sentences, one per unsupported shortcode name or malformed use
     */
    public record Expanded(String text, int summaryEnd, List<String> problems) {
        public Expanded {
            problems = List.copyOf(problems);
        }

        /** The part of {@code text} before the divider, or null without one. */
        public String summarySource() {
            return summaryEnd < 0 ? null : text.substring(0, summaryEnd);
        }
    }

    private Shortcodes() {
    }

    public static Expanded expand(String body, Syntax syntax) {
        String text = body == null ? "" : body;
        String divider = syntax == Syntax.ORG ? RawSpans.ORG_DIVIDER : RawSpans.MARKDOWN_DIVIDER;
        if (!text.contains("{{<") && !text.contains("{{%") && !text.contains(divider)) {
            return new Expanded(text, -1, List.of()); // most notes: no parse
        }
        List<RawSpans.Span> raw = syntax == Syntax.ORG ? RawSpans.org(text) : RawSpans.markdown(text);
        return new Run(text, syntax, raw).expand();
    }

    /** One pass over one body. */
    private static final class Run {
        final String text;
        final Syntax syntax;
        final List<RawSpans.Span> raw;
        final StringBuilder out = new StringBuilder();
        final List<String> problems = new ArrayList<>();
        /** unsupported name → its label and how often it occurs (opening tags; closing ones if it has none) */
        final Map<String, int[]> unsupported = new LinkedHashMap<>();
        final Map<String, String> labels = new LinkedHashMap<>();
        int summaryEnd = -1;
        int nextBraces = -1;

        Run(String text, Syntax syntax, List<RawSpans.Span> raw) {
            this.text = text;
            this.syntax = syntax;
            this.raw = raw;
        }

        Expanded expand() {
            int i = 0;
            int s = 0;
            while (i < text.length()) {
                RawSpans.Span span = s < raw.size() ? raw.get(s) : null;
                if (span != null && span.end() <= i) {
                    s++; // swallowed by a tag
                } else if (span != null && i >= span.start()) {
                    if (span.divider()) {
                        summaryEnd = out.length();
                    } else {
                        escapesOnly(i, span.end());
                    }
                    i = span.end();
                    s++;
                } else {
                    i = plain(i, span == null ? text.length() : span.start());
                }
            }
            unsupported.forEach((name, n) -> {
                int count = n[0] > 0 ? n[0] : n[1];
                problems.add("shortcode " + labels.get(name) + " is not supported; left as written"
                        + (count > 1 ? " (" + count + " times)" : ""));
            });
            return new Expanded(out.toString(), summaryEnd, problems);
        }

        /** Text up to {@code limit} (where code starts); returns where it stopped: limit, or past a tag. */
        int plain(int i, int limit) {
            int at = braces(i);
            if (at < 0 || at >= limit) {
                out.append(text, i, limit);
                return limit;
            }
            out.append(text, i, at);
            ShortcodeTag tag = ShortcodeTag.at(text, at, text.length());
            if (tag == null) { // "{{{< x >}}": the next attempt is one on
                out.append('{');
                return at + 1;
            }
            replace(tag);
            return tag.end();
        }

        /** Code: only the escape form is undone. */
        void escapesOnly(int i, int end) {
            while (i < end) {
                int at = braces(i);
                if (at < 0 || at >= end) {
                    out.append(text, i, end);
                    return;
                }
                out.append(text, i, at);
                ShortcodeTag tag = ShortcodeTag.at(text, at, end);
                if (tag != null && tag.escaped()) {
                    unescape(tag);
                    i = tag.end();
                } else {
                    out.append('{');
                    i = at + 1;
                }
            }
        }

        /** The next "{{" from {@code i}, remembered so that many spans between two of them cost no rescans. */
        int braces(int i) {
            if (nextBraces != Integer.MAX_VALUE && nextBraces < i) {
                int found = text.indexOf("{{", i);
                nextBraces = found < 0 ? Integer.MAX_VALUE : found;
            }
            return nextBraces == Integer.MAX_VALUE ? -1 : nextBraces;
        }

        void unescape(ShortcodeTag tag) {
            out.append("{{").append(tag.delimiter()).append(tag.inner()).append(ShortcodeTag.closer(tag.delimiter())).append("}}");
        }

        void replace(ShortcodeTag tag) {
            String written = text.substring(tag.start(), tag.end());
            if (tag.escaped()) {
                unescape(tag);
                return;
            }
            String replacement = null;
            if (tag.closing()) {
                if (Replacements.SUPPORTED.contains(tag.name())) {
                    problems.add(written + " closes nothing; left as written");
                } else {
                    count(tag, 1);
                }
            } else if (Replacements.SUPPORTED.contains(tag.name())) {
                Replacements r = new Replacements(syntax, text, tag);
                replacement = r.write();
                if (replacement == null) {
                    problems.add(written + ": " + r.problem() + "; left as written");
                }
            } else {
                count(tag, 0);
            }
            out.append(replacement == null ? written : replacement);
        }

        void count(ShortcodeTag tag, int which) {
            labels.putIfAbsent(tag.name(), tag.label());
            unsupported.computeIfAbsent(tag.name(), k -> new int[2])[which]++;
        }
    }
}
