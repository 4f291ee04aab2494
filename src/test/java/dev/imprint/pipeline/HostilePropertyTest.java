package dev.imprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Hostile names, slugs, tags, aliases, folders, link targets and front matter, as a stranger's pull request could
 * bring them. Every try builds to a branch and to {@code --out} with the real CLI and asserts: the build finishes;
 * the real {@code git fsck --strict} passes and the branch checks out; every href and src of every page (parsed by
 * jsoup, as a browser would) is relative or an allowed scheme; nothing lies outside {@code --out}; every note not
 * published at the path its name gives (less the characters a URL cannot carry) has a warning naming it.
 * {@code -Djqwik.tries.default} does not apply: the tries are set here (20) to keep CI short.
 */
class HostilePropertyTest {
    /** Pieces names are made of: path tricks, Git's own names, control and invisible characters, URL syntax. */
    static final List<String> PIECES = List.of(".", "..", ".git", ".GIT", "git~1", ".gitmodules", "\u0001", "\t", " ",
            "?", "#", "%", ":", "javascript:", "\\", "\u200c", "caf\u00e9", "cafe\u0301", "<b>", "&#10;", "a", "b",
            "note", "index", "-", "~", "'", "\"", "$", "*");
    /** Link targets: script URLs however spelled, app schemes, escapes from the site, odd wikilinks. */
    static final List<String> TARGETS = List.of("java&#10;script:alert(1)", "JaVaScRiPt:alert(1)",
            "&#x6A;avascript:alert(1)", " javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>x</script>",
            "obsidian://open?vault=x", "zotero://select/items/1", "../../../../etc/passwd", "/..", "#", "?x",
            "https://example.org/", "mailto:ada@example.org", "//evil.example/", "note.md", "[[javascript:alert(1)]]",
            "[[Note#A#B]]", "[[..]]", "[[.git]]", "![[x.png#wide]]");
    static final Set<String> ALLOWED = Set.of("http", "https", "mailto");
    static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    /** The characters a URL segment drops silently (Urls.segment); anything more needs a warning. */
    static final Pattern DROPPED = Pattern.compile("[?#%\"<>\\\\|^`{}\\[\\]:/]");

    record HostileNote(String folder, String name, String slug, List<String> tags, List<String> aliases,
                       List<String> links, String extraFrontMatter) {
    }

    @Provide
    Arbitrary<List<HostileNote>> sites() {
        Arbitrary<String> piece = Arbitraries.of(PIECES);
        Arbitrary<String> name = piece.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
        // file and folder names the git CLI itself accepts (it refuses NTFS short names such as git~1)
        Arbitrary<String> pathName = name.filter(n -> !n.isBlank() && !n.contains("/") && !n.startsWith(".")
                && !n.contains("git~") && !n.equals("index") && n.length() < 40);
        // front matter values are YAML double-quoted text: generated names escaped, and escapes of their own
        Arbitrary<String> quoted = name.map(HostilePropertyTest::yaml);
        Arbitrary<String> slug = Arbitraries.oneOf(Arbitraries.just((String) null), quoted,
                Arbitraries.of("x\\0y", "../../x", "a/b", ".?.", ".g?it", "\\u0000", "\\u200c.git"));
        Arbitrary<List<String>> tags = Arbitraries.oneOf(quoted, Arbitraries.of(".?.", "a/..", "#..")).list().ofMaxSize(2);
        Arbitrary<List<String>> aliases = Arbitraries.oneOf(quoted, Arbitraries.of(".g?it", "/../../escaped", "/.git/x",
                "a/./b", "/x\\0y/")).list().ofMaxSize(2);
        Arbitrary<List<String>> links = Arbitraries.of(TARGETS).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<String> extra = Arbitraries.of("", "draft: false\n", "date: 2024-02-30\n", "title: \"<script>x</script>\"\n",
                "weight: \"..\"\n", "title: \"\\u0000\"\n");
        Arbitrary<HostileNote> note = Combinators.combine(Arbitraries.oneOf(Arbitraries.just(""), pathName), pathName,
                slug, tags, aliases, links, extra).as(HostileNote::new);
        return note.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 20, shrinking = ShrinkingMode.BOUNDED)
    void hostileInputNeverEscapesOrCorrupts(@ForAll("sites") List<HostileNote> site) throws Exception {
        Path tmp = Files.createTempDirectory("hostile");
        try {
            check(tmp, site);
        } finally {
            deleteAll(tmp);
        }
    }

    private void check(Path tmp, List<HostileNote> site) throws Exception {
        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/fine/plain.md", "---\ntitle: Plain\ndate: 2024-01-01\n---\nAll good.\n");
        Map<String, HostileNote> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < site.size(); i++) {
            HostileNote n = site.get(i);
            String file = "content/" + (n.folder().isEmpty() ? "" : n.folder() + "/") + n.name() + "-" + i + ".md";
            files.put(file, n);
            notes.write(file, noteText(n, i));
        }
        notes.commitAll("hostile");
        // published into a repository of its own, so fsck judges Imprint's objects, not the author's names (git
        // fsck refuses some a Linux git add accepts, such as "\\.git\\x.md")
        Path publishRepo = tmp.resolve("site.git");
        GitRepo.run(tmp, Map.of(), "init", "-q", "--bare", publishRepo.toString());
        var report = Cli.buildReport(tmp.resolve("report.json"), "--source", notes.dir().toString(), "--branch", "gh-pages",
                "--publish-to", publishRepo.toString());
        GitRepo.run(publishRepo, Map.of(), "fsck", "--strict", "--no-dangling");
        Path clone = tmp.resolve("clone");
        GitRepo.run(tmp, Map.of(), "clone", "-q", "-b", "gh-pages", publishRepo.toString(), clone.toString());
        GitRepo checkout = GitRepo.open(clone);
        List<String> warnings = BadInputTest.warnings(report);

        Path out = tmp.resolve("out/site");
        Cli.Result o = Cli.run("build", "--source", notes.dir().toString(), "--out", out.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        try (Stream<Path> all = Files.walk(tmp.resolve("out"))) {
            assertThat(all.filter(p -> !Files.isDirectory(p))).allSatisfy(p -> assertThat(p).startsWith(out));
        }

        List<String> published = checkout.files("gh-pages");
        for (String path : published) {
            if (path.endsWith(".html")) {
                assertOnlyAllowedUrls(path, checkout.read("gh-pages", path));
            }
        }
        for (String file : files.keySet()) {
            String expected = expectedPage(file, files.get(file).slug());
            boolean warned = warnings.stream().anyMatch(w -> w.startsWith(file + ": "));
            assertThat(published.contains(expected) || warned)
                    .as("%s is not at %s and has no warning; warnings: %s; published: %s", file, expected, warnings, published)
                    .isTrue();
        }
    }

    private static String noteText(HostileNote n, int i) {
        StringBuilder fm = new StringBuilder("---\ntitle: Note " + i + "\n");
        if (n.slug() != null) {
            fm.append("slug: \"").append(n.slug()).append("\"\n");
        }
        fm.append("tags: [").append(String.join(", ", n.tags().stream().map(t -> "\"" + t + "\"").toList())).append("]\n");
        fm.append("aliases: [").append(String.join(", ", n.aliases().stream().map(a -> "\"" + a + "\"").toList())).append("]\n");
        fm.append(n.extraFrontMatter()).append("---\n");
        for (String link : n.links()) {
            fm.append(link.startsWith("[[") || link.startsWith("![[") ? link : "[x](" + link + ")").append("\n\n");
        }
        return fm.toString();
    }

    /** {@code s} as the text of a double-quoted YAML scalar. */
    private static String yaml(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\u0001", "\\x01");
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
            new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    private static String unquote(String yamlText) {
        try {
            return YAML.readValue("\"" + yamlText + "\"", String.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Where a note's page is when nothing about its name needed a warning: its path without the extension (the slug
     * in place of its file name), each segment in NFC with spaces as dashes and URL-unfriendly characters dropped.
     */
    private static String expectedPage(String file, String slug) {
        String noExt = file.substring("content/".length(), file.length() - ".md".length());
        List<String> segs = new ArrayList<>(List.of(noExt.split("/")));
        String given = slug == null ? "" : unquote(slug).trim(); // as front matter reads it: trimmed, empty is none
        if (!given.isEmpty()) {
            segs.set(segs.size() - 1, given);
        }
        List<String> clean = new ArrayList<>();
        for (String s : segs) {
            String nfc = Normalizer.normalize(s, Normalizer.Form.NFC).strip();
            String kept = DROPPED.matcher(nfc.replaceAll("\\s+", "-")).replaceAll("");
            clean.add(kept.isEmpty() ? "-" : kept);
        }
        return String.join("/", clean) + "/index.html";
    }

    /** Every URL attribute of the page is relative or of an allowed scheme, as the browser reads it. */
    private static void assertOnlyAllowedUrls(String path, String html) {
        Document doc = Jsoup.parse(html);
        for (Element e : doc.getAllElements()) {
            for (String attr : List.of("href", "src", "action", "formaction", "poster", "xlink:href")) {
                if (!e.hasAttr(attr)) {
                    continue;
                }
                String value = e.attr(attr).replaceAll("[\\t\\n\\r]", "").replaceAll("^[\\x00-\\x20]+", "");
                var m = SCHEME.matcher(value);
                if (m.find()) {
                    String scheme = m.group(1).toLowerCase(Locale.ROOT);
                    boolean image = attr.equals("src") && e.normalName().equals("img");
                    assertThat(ALLOWED.contains(scheme) || image && scheme.equals("data"))
                            .as("%s: <%s %s=\"%s\">", path, e.normalName(), attr, e.attr(attr)).isTrue();
                }
            }
        }
    }

    private static void deleteAll(Path dir) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
