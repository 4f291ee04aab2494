package dev.imprint.render;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.imprint.source.Sha1;
import dev.imprint.source.SiteConfig;

/**
 * The theme: renders the built-in Pebble templates in {@code dev/imprint/theme/}, letting a notes
 * repository override any of them (including {@code base.peb}, which the others extend) with files
 * from its {@code templates/} folder.
 *
 * <p>Besides Pebble's built-ins, templates can use two filters:
 * <ul>
 *   <li>{@code humandate}: {@code "2024-07-24"} becomes {@code "24 July 2024"} (localised from
 *       {@code site.language}); anything that is not an ISO date is returned unchanged.</li>
 *   <li>{@code toctree}: turns the flat {@code note.toc} list of {level, id, text} into a tree of
 *       {level, id, text, children}, each entry nested under the closest preceding shallower one.</li>
 * </ul>
 * A repository's templates run under limits: {@code max_render_ms} of time and {@link #MAX_OUTPUT_CHARS} of output
 * per render; past either, or on recursion without end, the render stops with a {@link TemplateException}.
 * Instances are immutable and thread-safe.
 */
public final class Templates {

    private static final String THEME_DIR = "dev/imprint/theme/";
    private static final List<String> NAMES =
            List.of("base.peb", "note.peb", "list.peb", "home.peb", "tags.peb", "404.peb");

    /** Built-in templates only; shared because it never changes. */
    private static final PebbleEngine BUILT_IN = engine(Map.of());
    /** The most one render of a repository's template may write (64 MB of text). */
    static final int MAX_OUTPUT_CHARS = 64 << 20;

    private final Map<String, String> overrides;
    private final PebbleEngine engine;
    private final long maxRenderMs;

    /** overrides: template file name (e.g. "note.peb") -> template source text from the notes repo's templates/ folder; may be empty. */
    public Templates(Map<String, String> overrides) {
        this(overrides, SiteConfig.DEFAULT_MAX_RENDER_MS);
    }

    /** @param maxRenderMs how long one render with an override may run ({@code templates.max_render_ms}) */
    public Templates(Map<String, String> overrides, long maxRenderMs) {
        this.maxRenderMs = maxRenderMs;
        Map<String, String> copy = new TreeMap<>();
        if (overrides != null) {
            overrides.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        this.overrides = Map.copyOf(copy);
        this.engine = this.overrides.isEmpty() ? BUILT_IN : engine(this.overrides);
    }

    /**
     * Renders template {@code name} ("note.peb", ...) with the context, preferring overrides.
     *
     * @throws TemplateException naming the template file and line on any error
     */
    public String render(String name, Map<String, Object> context) {
        if (engine == BUILT_IN) {
            return render(BUILT_IN, name, context, Integer.MAX_VALUE);
        }
        return RenderBudget.within(maxRenderMs, () -> render(engine, name, context, MAX_OUTPUT_CHARS));
    }

    /** Like {@link #render} but ignores all overrides: the fallback when an override is broken. */
    public String renderBuiltIn(String name, Map<String, Object> context) {
        return render(BUILT_IN, name, context, Integer.MAX_VALUE);
    }

    /**
     * Renders the page template {@code name} once against a small sample page, and returns the failure if it ran
     * away: past the time or output limit, or recursing without end. Such a template fails on any page, so a
     * build tries it once instead of paying the time limit on every page. Other errors (which may depend on the
     * page) and templates that are not pages are null here.
     */
    public TemplateException runaway(String name) {
        if (!NAMES.contains(name)) {
            return null;
        }
        try {
            render(name, SamplePages.context(name));
            return null;
        } catch (TemplateException e) {
            return e.runaway() ? e : null;
        }
    }

    /**
     * Parses every override (and, through {@code extends}, what it depends on) without rendering.
     * Returns one exception per broken override, in name order; empty when all compile.
     */
    public List<TemplateException> validate() {
        List<TemplateException> problems = new ArrayList<>();
        for (String name : overrides.keySet()) {
            try {
                engine.getTemplate(name);
            } catch (PebbleException e) {
                problems.add(wrap(name, e));
            } catch (RuntimeException e) {
                problems.add(new TemplateException(name, null, name + ": " + e, e));
            }
        }
        return problems;
    }

    /** Whether a template of this name comes from the notes repository rather than the theme. */
    public boolean isOverridden(String name) {
        return overrides.containsKey(name);
    }

    /** Classpath text of a theme file, e.g. "style.css". */
    public static String themeFile(String name) {
        URL url = themeResource(name);
        if (url == null) {
            throw new IllegalArgumentException("No theme file named " + name);
        }
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read theme file " + name, e);
        }
    }

    /** The names of all built-in templates. */
    public static List<String> names() {
        return NAMES;
    }

    /** A hash of every built-in theme file: part of every fingerprint, so a new theme re-renders the site. */
    public static String themeHash() {
        return THEME_HASH;
    }

    private static final String THEME_HASH = computeThemeHash();

    private static String computeThemeHash() {
        MessageDigest md = Sha1.digest();
        List<String> files = new ArrayList<>(NAMES);
        files.add("style.css");
        for (String name : files) {
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(themeFile(name).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    // ------------------------------------------------------------------------------------------

    private static String render(PebbleEngine engine, String name, Map<String, Object> context, int maxChars) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> ctx = context == null ? Map.of() : context;
        StringBuilderWriter out = new StringBuilderWriter(name, maxChars);
        try {
            PebbleTemplate template = engine.getTemplate(name);
            template.evaluate(out, ctx, locale(ctx));
        } catch (PebbleException e) {
            throw wrap(name, limit(e));
        } catch (IOException e) {
            throw new TemplateException(name, null, name + ": " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new TemplateException(name, null, name + ": recursion without end (a template that includes itself, "
                    + "or a macro that calls itself)", e, true);
        } catch (RuntimeException | Error e) {
            // anything else a template can set off (a method of a value that throws, memory) stops this render only
            throw new TemplateException(name, null, name + ": " + e, e, e instanceof Error);
        }
        return out.toString();
    }

    /** A StringWriter without its StringBuffer's locking (one render is one thread), stopping at maxChars. */
    private static final class StringBuilderWriter extends Writer {
        private final StringBuilder sb = new StringBuilder(16 * 1024);
        private final String template;
        private final int maxChars;

        StringBuilderWriter(String template, int maxChars) {
            this.template = template;
            this.maxChars = maxChars;
        }

        private void room(int len) {
            if (len > maxChars - sb.length()) {
                throw new RenderBudget.Exceeded("output over " + (maxChars >> 20) + " MB", null, template);
            }
        }

        @Override
        public void write(int c) {
            room(1);
            sb.append((char) c);
        }

        @Override
        public void write(char[] buf, int off, int len) {
            room(len);
            sb.append(buf, off, len);
        }

        @Override
        public void write(String str) {
            room(str.length());
            sb.append(str);
        }

        @Override
        public void write(String str, int off, int len) {
            room(len);
            sb.append(str, off, off + len);
        }

        @Override
        public Writer append(CharSequence csq) {
            room(csq.length());
            sb.append(csq);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    private static TemplateException wrap(String requested, PebbleException e) {
        String file = e.getFileName() != null ? e.getFileName() : requested;
        Integer line = e.getLineNumber();
        StringBuilder msg = new StringBuilder(file);
        if (line != null && line > 0) {
            msg.append(" line ").append(line);
        }
        msg.append(": ").append(e.getPebbleMessage() != null ? e.getPebbleMessage() : e.getMessage());
        if (!file.equals(requested)) {
            msg.append(" (while rendering ").append(requested).append(')');
        }
        return new TemplateException(file, line != null && line > 0 ? line : null, msg.toString(), e,
                exceeded(e));
    }

    /** Pebble wraps what a macro or include throws: a limit reached inside is reported as that limit. */
    private static PebbleException limit(PebbleException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RenderBudget.Exceeded exceeded) {
                return exceeded;
            }
        }
        return e;
    }

    private static boolean exceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RenderBudget.Exceeded || t instanceof StackOverflowError) {
                return true;
            }
        }
        return false;
    }

    private static Locale locale(Map<String, Object> ctx) {
        if (ctx.get("site") instanceof Map<?, ?> site && site.get("language") instanceof String lang
                && !lang.isBlank()) {
            Locale locale = Locale.forLanguageTag(lang.trim());
            if (!locale.getLanguage().isEmpty()) {
                return locale;
            }
        }
        return Locale.ENGLISH;
    }

    private static PebbleEngine engine(Map<String, String> overrides) {
        return new PebbleEngine.Builder()
                .loader(new ThemeLoader(overrides))
                .extension(overrides.isEmpty() ? new Extension[] {new ThemeExtension()}
                        : new Extension[] {new ThemeExtension(), new RunawayGuard()})
                .strictVariables(false)
                .autoEscaping(true)
                .newLineTrimming(true)
                .cacheActive(true)
                .defaultLocale(Locale.ENGLISH)
                .build();
    }

    private static URL themeResource(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.contains("..")
                || name.contains("\\")) {
            return null;
        }
        ClassLoader cl = Templates.class.getClassLoader();
        return cl.getResource(THEME_DIR + name);
    }

    /** Overrides first, then the classpath theme. Template names are used as-is (no prefixes). */
    private static final class ThemeLoader implements Loader<String> {
        private final Map<String, String> overrides;

        ThemeLoader(Map<String, String> overrides) {
            this.overrides = overrides;
        }

        @Override
        public Reader getReader(String name) {
            String text = overrides.get(name);
            if (text != null) {
                return new StringReader(text);
            }
            URL url = themeResource(name);
            if (url == null) {
                throw new LoaderException(null, "Template not found: " + name);
            }
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new LoaderException(e, "Cannot read template " + name);
            }
        }

        @Override
        public void setCharset(String charset) {
            // always UTF-8
        }

        @Override
        public void setPrefix(String prefix) {
            // names are resolved against THEME_DIR
        }

        @Override
        public void setSuffix(String suffix) {
            // names carry their own suffix
        }

        @Override
        public String resolveRelativePath(String relativePath, String anchorPath) {
            return relativePath; // flat namespace: "base.peb" means the same from anywhere
        }

        @Override
        public String createCacheKey(String templateName) {
            return templateName;
        }

        @Override
        public boolean resourceExists(String templateName) {
            return overrides.containsKey(templateName) || themeResource(templateName) != null;
        }
    }

    private static final class ThemeExtension extends AbstractExtension {
        @Override
        public Map<String, Filter> getFilters() {
            return Map.of("humandate", new HumanDateFilter(), "toctree", new TocTreeFilter());
        }
    }

    private static final class HumanDateFilter implements Filter {
        private static final DateTimeFormatter ENGLISH =
                DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
        /**
         * English results by input: list pages print the same few thousand dates tens of thousands of times, and
         * parsing and formatting each is costly. Bounded, for a long-running process that sees many sites.
         */
        private static final Map<String, String> ENGLISH_CACHE = new ConcurrentHashMap<>();
        private static final int CACHE_MAX = 20_000;

        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
                            EvaluationContext context, int lineNumber) {
            if (input == null) {
                return null;
            }
            String text = input.toString().trim();
            Locale locale = context.getLocale() == null ? Locale.ENGLISH : context.getLocale();
            boolean english = "en".equals(locale.getLanguage());
            if (english) {
                String cached = ENGLISH_CACHE.get(text);
                if (cached != null) {
                    return cached;
                }
            }
            String result = format(text, english ? ENGLISH
                    : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
            if (english && ENGLISH_CACHE.size() < CACHE_MAX) {
                ENGLISH_CACHE.put(text, result);
            }
            return result;
        }

        private static String format(String text, DateTimeFormatter f) {
            try {
                LocalDate date = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
                return f.format(date);
            } catch (DateTimeParseException | IndexOutOfBoundsException e) {
                return text;
            }
        }
    }

    private static final class TocTreeFilter implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
                            EvaluationContext context, int lineNumber) {
            List<Map<String, Object>> roots = new ArrayList<>();
            if (!(input instanceof Iterable<?> items)) {
                return roots;
            }
            Deque<Map<String, Object>> stack = new ArrayDeque<>();
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> entry)) {
                    continue;
                }
                int level = level(entry.get("level"));
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("level", level);
                node.put("id", entry.get("id"));
                node.put("text", entry.get("text"));
                node.put("children", new ArrayList<Map<String, Object>>());
                while (!stack.isEmpty() && (int) stack.peek().get("level") >= level) {
                    stack.pop();
                }
                if (stack.isEmpty()) {
                    roots.add(node);
                } else {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> children =
                            (List<Map<String, Object>>) stack.peek().get("children");
                    children.add(node);
                }
                stack.push(node);
            }
            return roots;
        }

        private static int level(Object value) {
            if (value instanceof Number n) {
                return n.intValue();
            }
            if (value != null) {
                try {
                    return Integer.parseInt(value.toString().trim());
                } catch (NumberFormatException e) {
                    // fall through
                }
            }
            return 2;
        }
    }
}
