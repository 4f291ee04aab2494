package dev.imprint.emit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

import dev.imprint.site.UrlSchemes;

/**
 * The last look at every HTML page Imprint generates, whatever wrote it (a template override, a note's raw HTML, a
 * link the link stage missed): each URL attribute is read as a browser reads it (jsoup decodes references) and a
 * value {@link UrlSchemes} refuses is replaced by {@code #}, in place, and reported. A page with nothing refused keeps
 * its very characters (the same string), so this never changes a page for nothing; it depends only on the page and
 * the config, so full and incremental builds agree.
 */
final class SafeUrls {
    /** Attributes holding one URL, on any element (href on SVG's and MathML's elements too). */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "poster", "cite",
            "background", "xlink:href", "longdesc", "lowsrc", "dynsrc", "codebase", "manifest", "icon");
    /** SVG animations that set an href ({@code <set attributeName="href" to="javascript:…">}). */
    private static final Set<String> ANIMATIONS = Set.of("set", "animate");

    private final UrlSchemes schemes;

    SafeUrls(UrlSchemes schemes) {
        this.schemes = schemes;
    }

    /** A value to replace: where it is in the page, and what to say about it. */
    private record Refused(Attribute attribute, int start, int end, String message) {
    }

    /** {@code html} itself when it carries no refused URL; else a copy with each refused value replaced by {@code #}. */
    String clean(String html, Consumer<String> report) {
        return UrlPrefilter.mayRefuse(html, schemes) ? parsed(html, report) : html;
    }

    /** {@link #clean} without the prefilter: the page parsed, always. */
    String parsed(String html, Consumer<String> report) {
        Document doc = Parser.htmlParser().setTrackPosition(true).parseInput(html, "");
        List<Refused> refused = new ArrayList<>();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String message = refusal(e, a);
                if (message != null) {
                    Range value = a.sourceRange().valueRange();
                    refused.add(new Refused(a, value.isTracked() ? value.startPos() : -1, value.endPos(), message));
                }
            }
        }
        if (refused.isEmpty()) {
            return html;
        }
        if (refused.stream().anyMatch(r -> r.start() < 0)) {
            return reserialised(doc, refused, report); // one not found in the source (never seen): write it anew
        }
        refused.sort(Comparator.comparingInt(Refused::start));
        StringBuilder out = new StringBuilder(html.length());
        int pos = 0;
        for (Refused r : refused) {
            if (r.start() < pos) {
                continue; // the same attribute again (an element the parser copied)
            }
            out.append(html, pos, r.start()).append('#');
            pos = r.end();
            report.accept(r.message());
        }
        return out.append(html, pos, html.length()).toString();
    }

    /** The page written anew by jsoup, every refused value {@code #}: only if one cannot be found in the source. */
    private static String reserialised(Document doc, List<Refused> refused, Consumer<String> report) {
        Set<String> said = new LinkedHashSet<>();
        for (Refused r : refused) {
            r.attribute().setValue("#");
            said.add(r.message());
        }
        said.forEach(report);
        doc.outputSettings().prettyPrint(false);
        return doc.outerHtml();
    }

    /** Why this attribute's URL (or one of its URLs) may not stay, as a warning; null when it may. */
    private String refusal(Element e, Attribute a) {
        String key = a.getKey().toLowerCase(Locale.ROOT);
        String tag = e.normalName();
        String value = a.getValue();
        if (URL_ATTRIBUTES.contains(key) || key.equals("data") && tag.equals("object")) {
            boolean image = tag.equals("img") && key.equals("src") || tag.equals("video") && key.equals("poster")
                    || tag.equals("image") && (key.equals("href") || key.equals("xlink:href"));
            return say(tag, key, value, schemes.refusal(value, image));
        }
        switch (key) {
            case "srcset", "imagesrcset" -> {
                for (String url : srcsetUrls(value)) {
                    String why = schemes.refusal(url, true); // srcset is images' only
                    if (why != null) {
                        return say(tag, key, url, why);
                    }
                }
            }
            case "ping" -> {
                for (String url : value.split("[\\t\\n\\f\\r ]+")) {
                    String why = schemes.refusal(url, false);
                    if (why != null) {
                        return say(tag, key, url, why);
                    }
                }
            }
            case "content" -> {
                if (tag.equals("meta") && e.attr("http-equiv").strip().equalsIgnoreCase("refresh")) {
                    String url = refreshUrl(value);
                    return url == null ? null : say(tag, "http-equiv=refresh url", url, schemes.refusal(url, false));
                }
            }
            case "to", "from", "values" -> {
                String target = e.attr("attributeName").strip().toLowerCase(Locale.ROOT);
                if (ANIMATIONS.contains(tag) && (target.equals("href") || target.equals("xlink:href"))) {
                    for (String url : value.split(";")) {
                        String why = schemes.refusal(url, false);
                        if (why != null) {
                            return say(tag, key, url, why);
                        }
                    }
                }
            }
            case "srcdoc" -> {
                // a whole page in an attribute: refused if anything in it would be
                List<String> inner = new ArrayList<>();
                if (!clean(value, inner::add).equals(value)) {
                    return say(tag, key, value.length() > 60 ? value.substring(0, 60) + "…" : value,
                            "it holds " + inner.get(0));
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    private static String say(String tag, String key, String url, String why) {
        return why == null ? null : "<" + tag + "> " + key + " \"" + EmitContext.shown(url) + "\" replaced by \"#\": " + why;
    }

    /** The URLs of a {@code srcset}: each candidate's first word, as the HTML spec splits them. */
    static List<String> srcsetUrls(String srcset) {
        List<String> urls = new ArrayList<>();
        int i = 0;
        int n = srcset.length();
        while (i < n) {
            while (i < n && (isSpace(srcset.charAt(i)) || srcset.charAt(i) == ',')) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(srcset.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            String url = srcset.substring(start, i);
            boolean endsCandidate = url.endsWith(",");
            urls.add(url.replaceAll(",+$", ""));
            if (!endsCandidate) {
                int depth = 0; // descriptors run to the next ',' outside parentheses
                while (i < n && (srcset.charAt(i) != ',' || depth > 0)) {
                    char c = srcset.charAt(i);
                    depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
                    i++;
                }
            }
        }
        return urls;
    }

    /**
     * The URL of a {@code <meta http-equiv="refresh" content="5; url=…">}, as the HTML spec reads it, or null when
     * there is none (or no valid refresh).
     */
    static String refreshUrl(String content) {
        int i = 0;
        int n = content.length();
        while (i < n && isSpace(content.charAt(i))) {
            i++;
        }
        int digits = i;
        while (i < n && (Character.isDigit(content.charAt(i)) && content.charAt(i) < 128 || content.charAt(i) == '.')) {
            i++;
        }
        if (i == digits || i < n && content.charAt(i) != ';' && content.charAt(i) != ',' && !isSpace(content.charAt(i))) {
            return null;
        }
        while (i < n && isSpace(content.charAt(i))) {
            i++;
        }
        if (i < n && (content.charAt(i) == ';' || content.charAt(i) == ',')) {
            i++;
        }
        while (i < n && isSpace(content.charAt(i))) {
            i++;
        }
        if (i >= n) {
            return null;
        }
        String rest = content.substring(i);
        Matcher m = URL_EQUALS.matcher(rest);
        if (m.lookingAt()) {
            rest = rest.substring(m.end());
        }
        if (!rest.isEmpty() && (rest.charAt(0) == '"' || rest.charAt(0) == '\'')) {
            int close = rest.indexOf(rest.charAt(0), 1);
            rest = close < 0 ? rest.substring(1) : rest.substring(1, close);
        }
        return rest;
    }

    private static final Pattern URL_EQUALS =
            Pattern.compile("(?i)url[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*");

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
