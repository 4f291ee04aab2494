package dev.imprint.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.imprint.render.TemplateException;
import dev.imprint.render.Templates;
import dev.imprint.site.Intro;
import dev.imprint.site.Link;
import dev.imprint.site.Note;
import dev.imprint.site.Section;
import dev.imprint.site.Site;
import dev.imprint.source.Snapshot;
import dev.imprint.source.Warning;

/**
 * What emitters share: the site, the templates, the salt every fingerprint starts from (Imprint's version, the
 * theme, the config) and the helpers that turn model objects into template context.
 */
public final class EmitContext {
    private final Site site;
    private final Snapshot snapshot;
    private final Templates templates;
    private final String salt;
    private final ConcurrentLinkedQueue<BrokenLink> brokenLinks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Warning> warnings = new ConcurrentLinkedQueue<>();
    private final Set<String> brokenTemplates = ConcurrentHashMap.newKeySet();

    public record BrokenLink(String from, String to, String reason) {
    }

    public EmitContext(Site site, Snapshot snapshot, Templates templates, String salt) {
        this.site = site;
        this.snapshot = snapshot;
        this.templates = templates;
        this.salt = salt;
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

    public List<BrokenLink> brokenLinks() {
        return new ArrayList<>(brokenLinks);
    }

    public List<Warning> warnings() {
        return new ArrayList<>(warnings);
    }

    public void warn(String path, String message) {
        warnings.add(new Warning(path, message));
    }

    /** A note's body with its links resolved for the page at {@code pagePath}; broken links are recorded once. */
    public Body body(Note note, String pagePath, boolean record) {
        return body(note.file().path(), note.file().contentPath(), note.file().blob().name(), note.parsed(), pagePath, record);
    }

    public Body body(Intro intro, String pagePath) {
        return body(intro.file().path(), intro.file().contentPath(), intro.file().blob().name(), intro.parsed(), pagePath, true);
    }

    private Body body(String repoPath, String contentPath, String blob, dev.imprint.render.ParsedNote parsed, String pagePath,
                      boolean record) {
        List<Link> links = new ArrayList<>(parsed.destinations().size());
        for (String destination : parsed.destinations()) {
            Link link = site.resolve(contentPath, pagePath, destination);
            if (link.broken() && record) {
                brokenLinks.add(new BrokenLink(repoPath, destination, link.reason()));
            }
            links.add(link);
        }
        return new Body(blob, parsed, links);
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
        ctx.put("root", dev.imprint.site.Urls.root(path));
        ctx.put("pageTitle", pageTitle);
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Section s : site.sections()) {
            sections.add(map("name", s.name(), "title", s.title(), "url", s.path()));
        }
        ctx.put("sections", sections);
        ctx.put("head", null);
        ctx.put("feed", feed);
        return ctx;
    }

    /** {title, section, url} of a note, for prev/next and backlinks. */
    public Map<String, Object> ref(Note note) {
        return note == null ? null : map("title", note.title(), "section", note.section(), "url", note.path());
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

    /** An output rendered from a template; its fingerprint is the template name and the whole context. */
    public Output template(String path, String template, Map<String, Object> context) {
        String fingerprint = new Fingerprint(salt).add(template).add(context).hex();
        return Output.rendered(path, fingerprint, () -> render(template, context).getBytes(StandardCharsets.UTF_8));
    }

    /** Renders with the repository's override; an override that fails falls back to the built-in template. */
    private String render(String template, Map<String, Object> context) {
        try {
            return templates.render(template, context);
        } catch (TemplateException e) {
            if (brokenTemplates.add(template)) {
                warn(Snapshot.TEMPLATES_DIR + template, e.getMessage() + "; the built-in template was used");
            }
            return templates.renderBuiltIn(template, context);
        }
    }
}
