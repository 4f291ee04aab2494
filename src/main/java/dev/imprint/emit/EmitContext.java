package dev.imprint.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import dev.imprint.render.ParsedNote;
import dev.imprint.render.TemplateException;
import dev.imprint.render.Templates;
import dev.imprint.site.Intro;
import dev.imprint.site.Link;
import dev.imprint.site.Note;
import dev.imprint.site.Section;
import dev.imprint.site.Site;
import dev.imprint.site.UrlSchemes;
import dev.imprint.site.Urls;
import dev.imprint.source.BrokenLink;
import dev.imprint.source.Diagnostics;
import dev.imprint.source.Snapshot;
import dev.imprint.source.Warning;

/**
 * What emitters share: the site, the templates, the salt every fingerprint starts from (Imprint's version, the
 * theme, the config) and the helpers that turn model objects into template context. What emitting and rendering
 * find goes to the build's {@link Diagnostics}; the broken links and warnings are also kept here, for a warm build
 * that continues this context ({@link #continuing}).
 */
public final class EmitContext {
    private final Site site;
    private final Snapshot snapshot;
    private final Templates templates;
    private final String salt;
    private final Diagnostics diagnostics;
    private final ConcurrentLinkedQueue<BrokenLink> brokenLinks = new ConcurrentLinkedQueue<>();
    /** The broken links carried over from the context this one continues, sorted ({@link #brokenLinks()}). */
    private final List<BrokenLink> keptLinks;
    /** Links shown as text because no page may carry their URL, as warnings naming the note ({@link #linkWarnings}). */
    private final ConcurrentLinkedQueue<Warning> linkWarnings = new ConcurrentLinkedQueue<>();
    private final List<Warning> keptLinkWarnings;
    private final ConcurrentLinkedQueue<Warning> warnings = new ConcurrentLinkedQueue<>();
    private final Set<String> brokenTemplates = ConcurrentHashMap.newKeySet();
    private final SafeUrls safeUrls;

    private Memo previous;
    private final Memo memo;
    /** For a preview's pages, how their banner names it ({@link PreviewMarks}); null for the site's own. */
    private final String preview;

    /**
     * @param previous what the last build of this repository (with the same salt) planned, or an empty memo
     * @param diagnostics the build's sink for what emitting and rendering find
     * @param preview for a preview's pages, the label its banner shows ({@link PreviewMarks}); null for the site
     */
    public EmitContext(Site site, Snapshot snapshot, Templates templates, String salt, Memo previous,
                       Diagnostics diagnostics, String preview) {
        this.site = site;
        this.snapshot = snapshot;
        this.templates = templates;
        this.salt = salt;
        this.diagnostics = diagnostics;
        this.previous = previous;
        this.memo = Memo.empty();
        this.preview = preview;
        this.safeUrls = new SafeUrls(UrlSchemes.of(site.config()));
        this.keptLinks = List.of();
        this.keptLinkWarnings = List.of();
    }

    private EmitContext(Site site, Snapshot snapshot, Templates templates, String salt, Memo memo,
                        List<BrokenLink> brokenLinks, List<Warning> linkWarnings, List<Warning> warnings,
                        Diagnostics diagnostics, String preview) {
        this.site = site;
        this.snapshot = snapshot;
        this.templates = templates;
        this.salt = salt;
        this.diagnostics = diagnostics;
        this.previous = memo;
        this.memo = memo;
        this.preview = preview;
        this.safeUrls = new SafeUrls(UrlSchemes.of(site.config()));
        this.keptLinks = brokenLinks;
        this.keptLinkWarnings = linkWarnings;
        this.warnings.addAll(warnings);
        // what is carried over is this build's to report too
        diagnostics.brokenLinks(brokenLinks);
        diagnostics.warnAll(linkWarnings);
        diagnostics.warnAll(warnings);
    }

    /**
     * A context that continues an earlier one for a site patched from that one's ({@link Site#handOver}): the
     * emitters re-plan a few outputs ({@link Output#replan}) into the same memo, and the broken links and warnings
     * the earlier planning found are carried over but for those of the files given.
     *
     * @param brokenLinks the broken links the earlier context had, as its {@link #brokenLinks()} gave them (sorted)
     * @param linkWarnings the links shown as text the earlier context had, as its {@link #linkWarnings()} gave them
     * @param warnings the warnings the earlier context had once planning was done ({@link #warnings()})
     * @param files repository paths of the changed notes, whose links their re-planned pages report anew
     * @param diagnostics the build's sink: it gets what is carried over and what this context finds
     * @param preview as for a new context: the earlier one's
     */
    public static EmitContext continuing(Site site, Snapshot snapshot, Templates templates, String salt, Memo memo,
                                         List<BrokenLink> brokenLinks, List<Warning> linkWarnings,
                                         List<Warning> warnings, Set<String> files, Diagnostics diagnostics,
                                         String preview) {
        List<BrokenLink> kept = brokenLinks.stream().filter(b -> !files.contains(b.from())).toList();
        List<Warning> keptWarnings = linkWarnings.stream().filter(w -> !files.contains(w.path())).toList();
        return new EmitContext(site, snapshot, templates, salt, memo, kept, keptWarnings, warnings, diagnostics,
                preview);
    }

    /**
     * This build's memo, for the next build, once every emitter has run. Lets go of the previous memo: outputs
     * reused from it keep this context alive, and it must not keep every earlier build alive in turn.
     */
    public Memo finish() {
        if (previous != memo) {
            previous = Memo.empty();
        }
        return memo;
    }

    /**
     * When true (the tests set {@code imprint.verify}), an output the memo would give back from the last build is
     * planned afresh too, and the two fingerprints must agree: an input its emitter left out of its {@link Inputs}
     * then fails the build, naming the output, instead of leaving a stale page in warm builds only.
     */
    public static final boolean VERIFY = Boolean.getBoolean("imprint.verify");

    /**
     * The output at {@code path} made from {@code inputs}: last build's when its inputs were equal, else {@code plan}'s,
     * declared with {@code inputs} and {@code replan}. The declaration is the memo key, so the two cannot disagree.
     */
    Output output(String path, Inputs inputs, Output.Replan replan, Supplier<Output> plan) {
        Output reused = memo.reuse(previous, path, inputs);
        if (reused != null) {
            if (VERIFY) {
                String fresh = plan.get().fingerprint();
                if (!fresh.equals(reused.fingerprint())) {
                    throw new IllegalStateException(path + " was reused from the last build though what it is made "
                            + "from changed: its emitter does not declare an input (see Inputs)");
                }
            }
            return reused;
        }
        Output made = plan.get().declaring(inputs, replan);
        memo.put(path, inputs, made);
        return made;
    }

    /** Records a note's broken links (resolved for its own page) for the report. */
    void recordBrokenLinks(Note note) {
        record(note.file().path(), note.parsed(), site.links(note));
    }

    public Site site() {
        return site;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public Templates templates() {
        return templates;
    }

    public String salt() {
        return salt;
    }

    /**
     * The broken links found so far, by page and then target (repeats included). A context continuing this one keeps
     * these and merges in those it finds, so a patch sorts only its own, not the thousands a large site may have.
     */
    public List<BrokenLink> brokenLinks() {
        return merged(keptLinks, brokenLinks, BY_PAGE_AND_TARGET);
    }

    /**
     * The links shown as text (their URL is one no page may carry, {@link dev.imprint.site.UrlSchemes}) as warnings
     * naming their notes, sorted, each once: a note's links are found again whenever one of its pages is re-planned.
     * Carried over by a context continuing this one like {@link #brokenLinks()}.
     */
    public List<Warning> linkWarnings() {
        List<Warning> all = merged(keptLinkWarnings, linkWarnings, Comparator.naturalOrder());
        List<Warning> once = new ArrayList<>(all.size());
        for (Warning w : all) {
            if (once.isEmpty() || !once.get(once.size() - 1).equals(w)) { // sorted: repeats are neighbours
                once.add(w);
            }
        }
        return once;
    }

    /** The few found anew, sorted, merged into the kept ones, which are sorted already. */
    private static <T> List<T> merged(List<T> kept, Collection<T> found, Comparator<? super T> order) {
        List<T> fresh = new ArrayList<>(found);
        fresh.sort(order);
        if (kept.isEmpty()) {
            return fresh;
        }
        List<T> all = new ArrayList<>(kept.size() + fresh.size());
        int i = 0;
        for (T b : fresh) {
            while (i < kept.size() && order.compare(kept.get(i), b) <= 0) {
                all.add(kept.get(i++));
            }
            all.add(b);
        }
        all.addAll(kept.subList(i, kept.size()));
        return all;
    }

    private static final Comparator<BrokenLink> BY_PAGE_AND_TARGET = (a, b) -> {
        int c = a.from().compareTo(b.from());
        return c != 0 ? c : a.to().compareTo(b.to());
    };

    /** What {@link #warn} was told so far (a warm build carries the emitters' over); the report reads the sink. */
    public List<Warning> warnings() {
        return new ArrayList<>(warnings);
    }

    public void warn(String path, String message) {
        Warning w = new Warning(path, message);
        warnings.add(w);
        diagnostics.warn(w);
    }

    /** Embeds nest at most this deep; deeper ones show the cycle marker. */
    private static final int MAX_EMBED_DEPTH = 6;

    /** A note's body with its links resolved for the page at {@code pagePath}; broken links are recorded once. */
    public Body body(Note note, String pagePath, boolean record) {
        List<Link> links = pagePath.equals(note.path()) ? site.links(note) : resolve(note.file().contentPath(), note.parsed(), pagePath);
        if (record) {
            record(note.file().path(), note.parsed(), links);
        }
        return body(note.file().blob().name(), note.parsed(), links, pagePath, new ArrayList<>(List.of(note)));
    }

    public Body body(Intro intro, String pagePath) {
        List<Link> links = resolve(intro.file().contentPath(), intro.parsed(), pagePath);
        record(intro.file().path(), intro.parsed(), links);
        return body(intro.file().blob().name(), intro.parsed(), links, pagePath, new ArrayList<>());
    }

    private List<Link> resolve(String contentPath, ParsedNote parsed, String pagePath) {
        List<Link> links = new ArrayList<>(parsed.destinations().size());
        for (String destination : parsed.destinations()) {
            links.add(site.resolve(contentPath, pagePath, destination, parsed.image(links.size())));
        }
        return links;
    }

    private void record(String repoPath, ParsedNote parsed, List<Link> links) {
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            if (link.broken()) {
                BrokenLink b = new BrokenLink(repoPath, parsed.destinations().get(i), link.reason());
                brokenLinks.add(b);
                diagnostics.brokenLink(b);
            } else if (link.neutralised()) {
                String what = parsed.image(i) ? "image \"" + shown(parsed.destinations().get(i)) + "\" is left out: "
                        : "link to \"" + shown(parsed.destinations().get(i)) + "\" is shown as text: ";
                Warning w = new Warning(repoPath, what + link.reason());
                linkWarnings.add(w);
                diagnostics.warn(w);
            }
        }
    }

    /** A destination for a one-line message: control characters (a newline that hid a scheme) written as escapes. */
    static String shown(String destination) {
        StringBuilder sb = new StringBuilder(destination.length());
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private Body body(String blob, ParsedNote parsed, List<Link> links, String pagePath, List<Note> chain) {
        Map<Integer, Body> embeds = new HashMap<>();
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            if (!link.embed() || link.target() == null) {
                continue;
            }
            Note target = link.target();
            if (chain.contains(target) || chain.size() >= MAX_EMBED_DEPTH) {
                embeds.put(i, null);
                continue;
            }
            chain.add(target);
            List<Link> nested = resolve(target.file().contentPath(), target.parsed(), pagePath);
            embeds.put(i, body(target.file().blob().name(), target.parsed(), nested, pagePath, chain));
            chain.remove(chain.size() - 1);
        }
        return new Body(blob, parsed, links, embeds, pagePath);
    }

    private List<Map<String, Object>> nav;

    /** The sections as the top navigation shows them: {name, title, url}. */
    public synchronized List<Map<String, Object>> nav() {
        if (nav == null) {
            List<Map<String, Object>> sections = new ArrayList<>();
            for (Section s : site.sections()) {
                sections.add(map("name", s.name(), "title", s.title(), "url", s.path()));
            }
            nav = List.copyOf(sections);
        }
        return nav;
    }

    /** Context every page template gets: site, root, pageTitle, sections, head, feed. */
    public Map<String, Object> page(String path, String pageTitle, String feed) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        Map<String, Object> siteMap = new LinkedHashMap<>();
        siteMap.put("title", site.config().title());
        siteMap.put("author", site.config().author());
        siteMap.put("description", site.config().description());
        siteMap.put("language", site.config().language());
        ctx.put("site", siteMap);
        ctx.put("root", Urls.root(path));
        ctx.put("pageTitle", pageTitle);
        ctx.put("sections", nav());
        ctx.put("head", null);
        ctx.put("feed", feed);
        return ctx;
    }

    /** {title, subtitle, section, url} of a note, for prev/next and backlinks. */
    public Map<String, Object> ref(Note note) {
        return note == null ? null : map("title", note.title(), "subtitle", note.subtitle(), "section", note.section(),
                "url", note.path());
    }

    /** {title, url, date, section, summary} of a note, for lists. */
    public Map<String, Object> item(Note note) {
        return map("title", note.title(), "url", note.path(), "date", note.day(), "section", note.section(),
                "summary", note.summary() == null ? "" : note.summary());
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Digests of list items by note (notes are immutable, compared by identity; dropped with their notes). */
    private static final Map<Note, byte[]> ITEM_DIGESTS = Collections.synchronizedMap(new WeakHashMap<>());

    private byte[] itemDigest(Note note) {
        return ITEM_DIGESTS.computeIfAbsent(note, k -> new Fingerprint("item").add(item(k)).digest());
    }

    /**
     * A list page (section index, tag page, home): {@code page} with {@code notes} as its {@code notes} items. Its
     * fingerprint takes each item through a digest cached by note and by position ({@link Memo#chunkDigests}), so
     * planning a list of thousands of notes after one of them changed costs a pass over references, not a context per
     * note; the items are built only to render.
     */
    public Output list(String path, String template, Map<String, Object> page, List<Note> notes) {
        Fingerprint f = new Fingerprint(salt).add(template).add(page).add(notes.size());
        f.addDigests(memo.chunkDigests(previous, path, notes, this::itemDigest));
        return Output.rendered(path, f.hex(), () -> {
            Map<String, Object> context = new LinkedHashMap<>(page);
            List<Map<String, Object>> items = new ArrayList<>(notes.size());
            for (Note n : notes) {
                items.add(item(n));
            }
            context.put("notes", items);
            return safe(path, render(template, context)).getBytes(StandardCharsets.UTF_8);
        });
    }

    /** An output rendered from a template; its fingerprint is the template name and the whole context. */
    public Output template(String path, String template, Map<String, Object> context) {
        String fingerprint = new Fingerprint(salt).add(template).add(context).hex();
        return Output.rendered(path, fingerprint, () -> safe(path, render(template, context)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What every generated HTML page (or fragment: a feed entry's body) passes through last: {@code html} itself when
     * it carries no URL a page may not carry, else with each such URL replaced by {@code #} and a warning naming the
     * output. Called while rendering, so like a template's own failure, it is reported by the builds that render
     * {@code path}. A preview's pages are marked as such here, after the last look ({@link PreviewMarks}).
     */
    String safe(String path, String html) {
        String clean = safeUrls.clean(html, message -> warn(path, message));
        return preview != null && path.endsWith(".html") ? PreviewMarks.mark(clean, path, preview) : clean;
    }

    /** Renders with the repository's override; an override that fails falls back to the built-in template. */
    private String render(String template, Map<String, Object> context) {
        try {
            return templates.render(template, context);
        } catch (TemplateException e) {
            // named for the repository's file at fault: base.peb when the built-in note.peb failed in it
            String file = templates.isOverridden(e.templateName()) ? e.templateName() : template;
            if (brokenTemplates.add(template)) {
                warn(Snapshot.TEMPLATES_DIR + file, e.getMessage() + "; the built-in template was used");
            }
            return templates.renderBuiltIn(template, context);
        }
    }
}
