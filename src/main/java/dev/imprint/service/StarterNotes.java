package dev.imprint.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The starter notes repository ({@code repo-template/}), packaged in the jar. */
final class StarterNotes {
    static final String ROOT = "dev/imprint/repo-template";

    private StarterNotes() {
    }

    /** Every file of the template: path → bytes, in path order. */
    static Map<String, byte[]> files() throws IOException {
        URL marker = StarterNotes.class.getClassLoader().getResource(ROOT + "/imprint.yml");
        if (marker == null) {
            throw new IOException("the starter notes are missing from the classpath (" + ROOT + ")");
        }
        try {
            URI uri = marker.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(fs.getPath("/" + ROOT));
                }
            }
            return read(Path.of(uri).getParent());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static Map<String, byte[]> read(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.filter(Files::isRegularFile).toList();
        }
        for (Path p : paths) {
            try (InputStream in = Files.newInputStream(p)) {
                files.put(root.relativize(p).toString().replace('\\', '/'), in.readAllBytes());
            }
        }
        return files;
    }
}
