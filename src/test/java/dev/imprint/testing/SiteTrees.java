package dev.imprint.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import dev.imprint.publish.PublishedState;

/** Reads published branches and explains, file by file, how two site trees differ. */
public final class SiteTrees {
    private SiteTrees() {
    }

    /** Opens a repository (bare or with a work tree) at {@code dir}. */
    public static Repository open(Path dir) throws IOException {
        return new FileRepositoryBuilder().findGitDir(dir.toFile()).setMustExist(true).build();
    }

    public static PublishedState state(Path repoDir, String branch) throws IOException {
        try (Repository r = open(repoDir)) {
            return PublishedState.read(r, "refs/heads/" + branch);
        }
    }

    /** Every file of a tree: path → blob id. */
    public static Map<String, ObjectId> files(Repository repo, ObjectId tree) throws IOException {
        Map<String, ObjectId> out = new TreeMap<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            while (tw.next()) {
                out.put(tw.getPathString(), tw.getObjectId(0));
            }
        }
        return out;
    }

    /**
     * A readable account of how tree {@code a} (in repository {@code ra}) differs from tree {@code b} (in
     * {@code rb}): which paths are only on one side, and for changed files the first lines that differ.
     */
    public static String diff(Path ra, ObjectId a, String nameA, Path rb, ObjectId b, String nameB) throws IOException {
        try (Repository repoA = open(ra); Repository repoB = open(rb)) {
            Map<String, ObjectId> fa = files(repoA, a);
            Map<String, ObjectId> fb = files(repoB, b);
            StringBuilder sb = new StringBuilder();
            sb.append(nameA).append(" tree ").append(a.name()).append(" != ").append(nameB).append(" tree ").append(b.name())
                    .append('\n');
            TreeSet<String> all = new TreeSet<>(fa.keySet());
            all.addAll(fb.keySet());
            int shown = 0;
            for (String path : all) {
                ObjectId x = fa.get(path);
                ObjectId y = fb.get(path);
                if (Objects.equals(x, y)) {
                    continue;
                }
                if (x == null) {
                    sb.append("  only in ").append(nameB).append(": ").append(path).append('\n');
                } else if (y == null) {
                    sb.append("  only in ").append(nameA).append(": ").append(path).append('\n');
                } else {
                    sb.append("  differs: ").append(path).append('\n');
                    if (shown++ < 6) {
                        sb.append(firstDifference(text(repoA, x), text(repoB, y), nameA, nameB));
                    }
                }
            }
            return sb.toString();
        }
    }

    private static String text(Repository r, ObjectId blob) throws IOException {
        return new String(r.open(blob).getBytes(), StandardCharsets.UTF_8);
    }

    private static String firstDifference(String a, String b, String nameA, String nameB) {
        List<String> la = List.of(a.split("\n", -1));
        List<String> lb = List.of(b.split("\n", -1));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(la.size(), lb.size()) && out.size() < 8; i++) {
            String x = i < la.size() ? la.get(i) : "<eof>";
            String y = i < lb.size() ? lb.get(i) : "<eof>";
            if (!x.equals(y)) {
                out.add("    line " + (i + 1) + "\n      " + nameA + ": " + abbreviate(x) + "\n      " + nameB + ": "
                        + abbreviate(y));
            }
        }
        return String.join("\n", out) + "\n";
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
