package dev.imprint.emit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.imprint.source.Sha1;

/**
 * The client-side libraries the theme uses, copied from their WebJars on the classpath into {@code assets/vendor/}:
 * Lunr (the search box), highlight.js (pages with code) and KaTeX with its auto-render extension and the woff2 fonts
 * its stylesheet names (pages with math). Each file's fingerprint is the hash of its bytes. {@link #head} writes the
 * tags a note page needs; pages without code or math load nothing of highlight.js or KaTeX.
 */
public final class VendorAssets implements Emitter {
    public static final String DIR = "assets/vendor/";
    public static final String LUNR = DIR + "lunr/lunr.min.js";
    static final String HLJS = DIR + "highlight/highlight.min.js";
    static final String HLJS_LIGHT = DIR + "highlight/github.min.css";
    static final String HLJS_DARK = DIR + "highlight/github-dark.min.css";
    static final String KATEX = DIR + "katex/katex.min.js";
    static final String KATEX_CSS = DIR + "katex/katex.min.css";
    static final String KATEX_AUTO = DIR + "katex/auto-render.min.js";

    /** A file of the site and where it is in a WebJar. Never compared (the array would compare by identity). */
    record File(String path, byte[] bytes, String fingerprint) {
    }

    private record Source(String group, String webjar, String file, String path) {
    }

    private static final class Loaded {
        static final List<File> FILES = new ArrayList<>();
        static final List<String> MISSING = new ArrayList<>();

        static {
            List<Source> sources = new ArrayList<>(List.of(
                    new Source("org.webjars.npm", "lunr", "lunr.min.js", LUNR),
                    new Source("org.webjars", "highlightjs", "highlight.min.js", HLJS),
                    new Source("org.webjars", "highlightjs", "styles/github.min.css", HLJS_LIGHT),
                    new Source("org.webjars", "highlightjs", "styles/github-dark.min.css", HLJS_DARK),
                    new Source("org.webjars.npm", "katex", "dist/katex.min.js", KATEX),
                    new Source("org.webjars.npm", "katex", "dist/contrib/auto-render.min.js", KATEX_AUTO),
                    new Source("org.webjars.npm", "katex", "LICENSE", DIR + "katex/LICENSE"),
                    new Source("org.webjars.npm", "katex", "dist/katex.min.css", KATEX_CSS)));
            byte[] css = load(sources.get(sources.size() - 1));
            if (css != null) {
                // the fonts the stylesheet names, woff2 only: every browser that runs KaTeX reads woff2 first
                Matcher m = Pattern.compile("url\\((fonts/[A-Za-z0-9_\\-]+\\.woff2)\\)")
                        .matcher(new String(css, StandardCharsets.UTF_8));
                TreeSet<String> fonts = new TreeSet<>();
                while (m.find()) {
                    fonts.add(m.group(1));
                }
                for (String font : fonts) {
                    sources.add(new Source("org.webjars.npm", "katex", "dist/" + font, DIR + "katex/" + font));
                }
            }
            for (Source s : sources) {
                byte[] bytes = load(s);
                if (bytes == null) {
                    MISSING.add(s.path());
                } else {
                    FILES.add(new File(s.path(), bytes, Fingerprint.of("vendor", s.path(), bytesHash(bytes))));
                }
            }
        }

        private static byte[] load(Source s) {
            String version = version(s.group(), s.webjar());
            if (version == null) {
                return null;
            }
            return resource("META-INF/resources/webjars/" + s.webjar() + "/" + version + "/" + s.file());
        }
    }

    /** The files, in a fixed order. */
    static List<File> files() {
        return Collections.unmodifiableList(Loaded.FILES);
    }

    @Override
    public List<Output> emit(EmitContext ctx) {
        List<Output> out = new ArrayList<>();
        for (String missing : Loaded.MISSING) {
            ctx.warn(missing, "this library file is missing from Imprint's classpath; pages that need it degrade");
        }
        for (File f : Loaded.FILES) {
            byte[] bytes = f.bytes();
            out.add(Output.rendered(f.path(), f.fingerprint(), () -> bytes));
        }
        return out;
    }

    /** The {@code <head>} tags for a page at {@code root} ("", "../", ...) with code and/or math; null when neither. */
    public static String head(String root, boolean code, boolean math) {
        if (!code && !math) {
            return null;
        }
        StringBuilder h = new StringBuilder();
        if (code) {
            h.append("<link rel=\"stylesheet\" href=\"").append(root).append(HLJS_LIGHT).append("\">\n");
            h.append("<link rel=\"stylesheet\" href=\"").append(root).append(HLJS_DARK)
                    .append("\" media=\"(prefers-color-scheme: dark)\">\n");
            h.append("<script defer src=\"").append(root).append(HLJS).append("\"></script>\n");
            h.append("<script>document.addEventListener(\"DOMContentLoaded\",function(){"
                    + "if(window.hljs){hljs.highlightAll();}});</script>\n");
        }
        if (math) {
            h.append("<link rel=\"stylesheet\" href=\"").append(root).append(KATEX_CSS).append("\">\n");
            h.append("<script defer src=\"").append(root).append(KATEX).append("\"></script>\n");
            h.append("<script defer src=\"").append(root).append(KATEX_AUTO).append("\"></script>\n");
            h.append("<script>document.addEventListener(\"DOMContentLoaded\",function(){"
                    + "if(window.renderMathInElement){renderMathInElement(document.querySelector(\"main\")||document.body,"
                    + "{delimiters:[{left:\"$$\",right:\"$$\",display:true},{left:\"$\",right:\"$\",display:false}],"
                    + "throwOnError:false});}});</script>\n");
        }
        return h.toString();
    }

    private static String version(String group, String webjar) {
        byte[] props = resource("META-INF/maven/" + group + "/" + webjar + "/pom.properties");
        if (props == null) {
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new ByteArrayInputStream(props));
        } catch (IOException e) {
            return null;
        }
        return p.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = VendorAssets.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bytesHash(byte[] bytes) {
        return Sha1.hex(bytes);
    }
}
