package dev.imprint.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.imprint.emit.Output;
import dev.imprint.site.Urls;
import dev.imprint.source.Warning;

/**
 * Writes a site to a directory, the same bytes as the branch tree. Files a previous build wrote and this one
 * does not are removed; nothing else is touched, and a non-empty directory that Imprint did not write is refused.
 * Nothing is written outside the directory (no unsafe path, no write through a symbolic link), and a build killed
 * half way leaves a directory the next build takes over: the list of what it was writing is kept until the manifest
 * says what was written.
 */
public final class DirectoryWriter {
    /** What a build is writing, until its manifest is: the next build removes these if it does not make them. */
    static final String PENDING = ".imprint/writing";

    private DirectoryWriter() {
    }

    /** @param warnings outputs not written because the file system takes their names for one file */
    public record Result(int written, int removed, List<Warning> warnings) {
    }

    public static Result write(Path dir, List<Output> outputs, Manifest manifest) throws IOException {
        return write(dir, outputs, manifest, null);
    }

    /** @param foldsCase whether the file system is case-insensitive; null to find out */
    static Result write(Path dir, List<Output> outputs, Manifest manifest, Boolean foldsCase) throws IOException {
        for (Output o : outputs) {
            String unsafe = Urls.unsafePath(o.path());
            if (unsafe != null) {
                throw new IOException("refusing to write '" + Warning.printable(o.path()) + "': " + unsafe);
            }
        }
        Path root = dir.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(root)) {
            root = root.toRealPath();
        }
        Path manifestFile = root.resolve(Manifest.PATH);
        Path pending = root.resolve(PENDING);
        Manifest previous = Manifest.empty();
        Set<String> leftovers = new HashSet<>();
        if (Files.isDirectory(root)) {
            if (Files.exists(pending)) {
                leftovers.addAll(Files.readAllLines(pending, StandardCharsets.UTF_8)); // a build that did not finish
            }
            if (Files.exists(manifestFile)) {
                Path r = root;
                previous = Manifest.parse(Files.readAllBytes(manifestFile), p -> {
                    Path bucket = r.resolve(p);
                    return Files.isRegularFile(bucket) ? Files.readAllBytes(bucket) : null;
                });
            } else if (!Files.isDirectory(root.resolve(".imprint")) && !isEmpty(root)) {
                throw new IOException("refusing to write into " + dir + ": it is not empty and was not written by Imprint");
            }
        }
        Files.createDirectories(root.resolve(Manifest.DIR));
        List<Warning> warnings = new ArrayList<>();
        List<Output> writing = distinctOnDisk(outputs, foldsCase != null ? foldsCase : foldsCase(root), warnings);

        // what this build is about to write joins what an unfinished one left, until the manifest is written
        Set<String> unfinished = new HashSet<>(leftovers);
        writing.forEach(o -> unfinished.add(o.path()));
        Files.write(pending, String.join("\n", new TreeSet<>(unfinished)).getBytes(StandardCharsets.UTF_8));

        Set<Path> safeDirs = ConcurrentHashMap.newKeySet();
        safeDirs.add(root);
        Path r = root;
        // no write may throw inside the stream: the others would go on writing after this method had failed
        AtomicReference<Exception> failure = new AtomicReference<>();
        writing.parallelStream().forEach(o -> {
            if (failure.get() == null) {
                try {
                    writeFile(r, r.resolve(o.path()), o.content().get(), safeDirs);
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        });
        if (failure.get() instanceof IOException e) {
            throw e;
        } else if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        Path buckets = root.resolve(Manifest.DIR);
        try (Stream<Path> old = Files.list(buckets)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (var f : manifest.files().entrySet()) {
            Files.write(root.resolve(f.getKey()), f.getValue());
        }
        Set<String> now = new HashSet<>();
        writing.forEach(o -> now.add(o.path()));
        Set<String> gone = new HashSet<>(leftovers);
        gone.addAll(previous.fingerprints().keySet());
        int removed = 0;
        for (String old : new TreeSet<>(gone)) {
            if (now.contains(old) || Urls.unsafePath(old) != null) {
                continue;
            }
            Path file = root.resolve(old).normalize();
            if (file.startsWith(root) && !Files.isSymbolicLink(file) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
                removed++;
                pruneEmptyParents(file.getParent(), root);
            }
        }
        Files.delete(pending);
        return new Result(writing.size(), removed, warnings);
    }

    /**
     * Writes one file, never through a symbolic link: every folder on the way is checked once (Imprint makes none,
     * so one there was put there by someone else and could point anywhere).
     */
    private static void writeFile(Path root, Path file, byte[] bytes, Set<Path> safeDirs) throws IOException {
        Path parent = file.getParent();
        List<Path> unchecked = new ArrayList<>();
        for (Path d = parent; !safeDirs.contains(d); d = d.getParent()) {
            unchecked.add(0, d);
        }
        for (Path d : unchecked) {
            if (Files.isSymbolicLink(d)) {
                throw new IOException("refusing to write " + root.relativize(file) + " through the symbolic link " + d);
            }
            Files.createDirectories(d);
            safeDirs.add(d);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            out.write(bytes);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(file)) {
                throw new IOException("refusing to write through the symbolic link " + file, e);
            }
            throw e;
        }
    }

    /**
     * The outputs that can each have a file of their own: on a case-insensitive file system (macOS, Windows)
     * {@code Notes/a.html} and {@code notes/a.html} are one file, and the later one would silently replace the
     * earlier; it is not written, with a warning naming both.
     */
    private static List<Output> distinctOnDisk(List<Output> outputs, boolean foldsCase, List<Warning> warnings) {
        if (!foldsCase) {
            return outputs;
        }
        Map<String, Output> byFolded = new HashMap<>();
        List<Output> kept = new ArrayList<>(outputs.size());
        for (Output o : outputs) {
            Output first = byFolded.putIfAbsent(o.path().toLowerCase(Locale.ROOT), o);
            if (first == null) {
                kept.add(o);
            } else {
                warnings.add(new Warning(o.source() != null ? o.source() : o.path(), "its output " + o.path()
                        + " is the same file as " + first.path() + " on this case-insensitive file system; not written"));
            }
        }
        return kept;
    }

    /** Whether names that differ only in case are one file in {@code dir}. */
    private static boolean foldsCase(Path dir) throws IOException {
        Path probe = dir.resolve(".imprint/case-probe");
        Files.write(probe, new byte[0]);
        try {
            return Files.exists(dir.resolve(".imprint/CASE-PROBE"));
        } finally {
            Files.delete(probe);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    private static void pruneEmptyParents(Path dir, Path root) throws IOException {
        while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
            dir = dir.getParent();
        }
    }
}
