package dev.imprint.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * A word-level diff of two texts, with JGit's histogram diff over words instead of lines. Unchanged runs are cut to
 * a few words of context on each side, so a one-word edit in a long note reads as one short line.
 */
public final class WordDiff {
    /** Words of unchanged context kept on each side of a change. */
    static final int CONTEXT = 6;
    /** Past this many words a side, the texts are not diffed word by word (the review says so). */
    static final int MOST_WORDS = 20_000;

    private WordDiff() {
    }

    /** One run of the diff: words kept, removed or added, joined by single spaces. */
    public record Run(Kind kind, String text) {
        public enum Kind { SAME, REMOVED, ADDED, ELIDED }
    }

    /** The runs from {@code before} to {@code after}; one ELIDED run saying why when the texts are too long. */
    static List<Run> of(String before, String after) {
        String[] a = words(before);
        String[] b = words(after);
        if (a.length > MOST_WORDS || b.length > MOST_WORDS) {
            return List.of(new Run(Run.Kind.ELIDED, "too long to compare word by word (" + a.length + " words before, "
                    + b.length + " after)"));
        }
        EditList edits = new HistogramDiff().diff(new Words.Comparator(), new Words(a), new Words(b));
        List<Run> runs = new ArrayList<>();
        int i = 0;
        for (Edit e : edits) {
            same(runs, a, i, e.getBeginA(), i == 0, false);
            if (e.getEndA() > e.getBeginA()) {
                runs.add(new Run(Run.Kind.REMOVED, join(a, e.getBeginA(), e.getEndA())));
            }
            if (e.getEndB() > e.getBeginB()) {
                runs.add(new Run(Run.Kind.ADDED, join(b, e.getBeginB(), e.getEndB())));
            }
            i = e.getEndA();
        }
        if (!edits.isEmpty()) {
            same(runs, a, i, a.length, false, true);
        }
        return runs;
    }

    /** The unchanged words a[from, to), cut to context: only the end before the first change, the start after the last. */
    private static void same(List<Run> runs, String[] a, int from, int to, boolean first, boolean last) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        if (first) {
            if (n > CONTEXT) {
                runs.add(new Run(Run.Kind.ELIDED, "…"));
            }
            runs.add(new Run(Run.Kind.SAME, join(a, Math.max(from, to - CONTEXT), to)));
        } else if (last) {
            runs.add(new Run(Run.Kind.SAME, join(a, from, Math.min(to, from + CONTEXT))));
            if (n > CONTEXT) {
                runs.add(new Run(Run.Kind.ELIDED, "…"));
            }
        } else if (n > 2 * CONTEXT) {
            runs.add(new Run(Run.Kind.SAME, join(a, from, from + CONTEXT)));
            runs.add(new Run(Run.Kind.ELIDED, "…"));
            runs.add(new Run(Run.Kind.SAME, join(a, to - CONTEXT, to)));
        } else {
            runs.add(new Run(Run.Kind.SAME, join(a, from, to)));
        }
    }

    private static String[] words(String text) {
        String t = text.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private static String join(String[] words, int from, int to) {
        return String.join(" ", Arrays.asList(words).subList(from, to));
    }

    /** Words as a JGit diff sequence. */
    private static final class Words extends Sequence {
        private final String[] words;

        Words(String[] words) {
            this.words = words;
        }

        @Override
        public int size() {
            return words.length;
        }

        static final class Comparator extends SequenceComparator<Words> {
            @Override
            public boolean equals(Words a, int ai, Words b, int bi) {
                return a.words[ai].equals(b.words[bi]);
            }

            @Override
            public int hash(Words seq, int i) {
                return seq.words[i].hashCode();
            }
        }
    }
}
