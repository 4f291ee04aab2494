package dev.imprint.publish;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.imprint.emit.Output;

/**
 * Writes a site to a directory, the same bytes as the branch tree. Files a previous build wrote and this one
 * does not are removed; nothing else is touched, and a non-empty directory that Imprint did not write is refused.
 */
public final class DirectoryWriter {
    private DirectoryWriter() {
    }

    public record Result(int written, int removed) {
    }

    public static Result write(Path dir, List<Output> outputs, Manifest manifest) throws IOException {
        Path manifestFile = dir.resolve(Manifest.PATH);
        Manifest previous = Manifest.empty();
        if (Files.isDirectory(dir)) {
            if (Files.exists(manifestFile)) {
                previous = Manifest.parse(Files.readAllBytes(manifestFile), p -> {
                    Path bucket = dir.resolve(p);
                    return Files.isRegularFile(bucket) ? Files.readAllBytes(bucket) : null;
                });
            } else if (!isEmpty(dir)) {
                throw new IOException("refusing to write into " + dir + ": it is not empty and was not written by Imprint");
            }
        }
        Path root = dir.toAbsolutePath().normalize();
        outputs.parallelStream().forEach(o -> {
            Path file = root.resolve(o.path()).normalize();
            if (!file.startsWith(root)) {
                throw new IllegalStateException("output path escapes the directory: " + o.path());
            }
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, o.content().get());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path buckets = dir.resolve(Manifest.DIR);
        if (Files.isDirectory(buckets)) {
            try (Stream<Path> old = Files.list(buckets)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(buckets);
        for (var f : manifest.files().entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        Set<String> now = new HashSet<>(manifest.fingerprints().keySet());
        int removed = 0;
        for (String old : previous.fingerprints().keySet()) {
            if (!now.contains(old)) {
                Path file = root.resolve(old).normalize();
                if (file.startsWith(root) && Files.deleteIfExists(file)) {
                    removed++;
                    pruneEmptyParents(file.getParent(), root);
                }
            }
        }
        return new Result(outputs.size(), removed);
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
