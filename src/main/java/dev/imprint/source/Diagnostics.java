package dev.imprint.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every warning and broken link of one build, whichever stage found it: reading the source, making the site,
 * planning outputs, emitting, rendering pages, writing a directory. The build report, {@code imprint check} and the
 * service's status page (through the report) all read this one sink, so they list the same things. Pages render in
 * parallel, so stages may write from many threads.
 */
public final class Diagnostics {
    /** How the report lists broken links: by the file that writes them, then the target. */
    private static final Comparator<BrokenLink> BY_PAGE_AND_TARGET = Comparator.comparing(BrokenLink::from)
            .thenComparing(BrokenLink::to).thenComparing(BrokenLink::reason);

    private final Queue<Warning> warnings = new ConcurrentLinkedQueue<>();
    private final Queue<BrokenLink> brokenLinks = new ConcurrentLinkedQueue<>();

    public void warn(Warning warning) {
        warnings.add(warning);
    }

    public void warn(String path, String message) {
        warn(new Warning(path, message));
    }

    public void warnAll(Collection<Warning> found) {
        warnings.addAll(found);
    }

    public void brokenLink(BrokenLink link) {
        brokenLinks.add(link);
    }

    public void brokenLinks(Collection<BrokenLink> found) {
        brokenLinks.addAll(found);
    }

    /**
     * The warnings by path and message, each once: a note's link shown as text is found again by every page that
     * resolves it, and a warm build carries over what it did not look at again.
     */
    public List<Warning> warnings() {
        return List.copyOf(new TreeSet<>(warnings));
    }

    /** The broken links by file and target, each file and target once (a link found from several pages is one). */
    public List<BrokenLink> brokenLinks() {
        List<BrokenLink> sorted = new ArrayList<>(brokenLinks);
        sorted.sort(BY_PAGE_AND_TARGET);
        List<BrokenLink> once = new ArrayList<>(sorted.size());
        for (BrokenLink b : sorted) {
            BrokenLink last = once.isEmpty() ? null : once.get(once.size() - 1);
            if (last == null || !last.from().equals(b.from()) || !last.to().equals(b.to())) { // repeats are neighbours
                once.add(b);
            }
        }
        return once;
    }
}
