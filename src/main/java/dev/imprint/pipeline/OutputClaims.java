package dev.imprint.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.imprint.emit.Output;
import dev.imprint.site.Urls;
import dev.imprint.source.Warning;

/**
 * Who gets each output path. Emitters run in priority order and the first to claim a path keeps it; a later claim
 * on the same path, on a folder that is already a file ({@code a/foo} the asset, {@code a/foo/index.html} the
 * note's page) or on a path that is unsafe in a tree is refused with a warning naming both sides. This is the last
 * check on every path, after every rule that made it, so nothing unsafe reaches the branch or {@code --out}.
 */
final class OutputClaims {
    /** Where previews are published (ending in '/'): no output of the site may go there. */
    private final String previews;
    private final Map<String, Output> files = new LinkedHashMap<>();
    /** Every folder some kept output lies in → the first such output, to name in a warning. */
    private final Map<String, Output> folders = new HashMap<>();
    private final List<Warning> warnings = new ArrayList<>();

    OutputClaims(String previews) {
        this.previews = previews;
    }

    /** Claims {@code o}'s path; false (and a warning) when it cannot have it. */
    boolean claim(Output o) {
        String path = o.path();
        String unsafe = Urls.unsafePath(path);
        if (unsafe != null) {
            return refuse(o, "its output path '" + Warning.printable(path) + "' has " + unsafe + "; not published");
        }
        if (path.equals(".imprint") || path.startsWith(".imprint/")) {
            return refuse(o, "its output path " + path + " is where Imprint keeps its manifest; not published");
        }
        if (path.equals(previews.substring(0, previews.length() - 1)) || path.startsWith(previews)
                || path.startsWith("_review/")) {
            return refuse(o, "its output path " + path + " is where previews of changes and their reviews are "
                    + "published; not published");
        }
        Output same = files.get(path);
        if (same != null) {
            return refuse(o, "its output " + path + " is also made from " + name(same) + ", which keeps it; not published");
        }
        Output under = folders.get(path);
        if (under != null) {
            return refuse(o, "its output " + path + " would be a file where " + name(under) + " needs a folder for "
                    + under.path() + "; not published");
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            Output file = files.get(path.substring(0, slash));
            if (file != null) {
                return refuse(o, "its output " + path + " needs a folder where " + name(file) + " is the file "
                        + file.path() + "; not published");
            }
        }
        files.put(path, o);
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            folders.putIfAbsent(path.substring(0, slash), o);
        }
        return true;
    }

    /** The kept outputs by path, in the order they were claimed. */
    Map<String, Output> outputs() {
        return files;
    }

    List<Warning> warnings() {
        return warnings;
    }

    private boolean refuse(Output o, String message) {
        warnings.add(new Warning(o.source() != null ? o.source() : o.path(), message));
        return false;
    }

    /** The file an output is made from, or what it is for a generated page. */
    private static String name(Output o) {
        return o.source() != null ? o.source() : o.blob() != null ? "the file " + o.path() : "the generated page " + o.path();
    }
}
