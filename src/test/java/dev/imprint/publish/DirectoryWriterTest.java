package dev.imprint.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imprint.emit.Output;

/** {@code --out}: never outside the directory, never one output over another, and a failed build is taken over. */
class DirectoryWriterTest {
    @TempDir
    Path tmp;

    static Output page(String path, String text) {
        return Output.rendered(path, "fp:" + text, () -> text.getBytes(StandardCharsets.UTF_8));
    }

    static Manifest manifest(List<Output> outputs) {
        Map<String, String> fingerprints = new TreeMap<>();
        outputs.forEach(o -> fingerprints.put(o.path(), o.fingerprint()));
        return new Manifest("test", "salt", fingerprints);
    }

    static DirectoryWriter.Result write(Path dir, List<Output> outputs) throws IOException {
        return DirectoryWriter.write(dir, outputs, manifest(outputs));
    }

    /** Every regular file under {@code dir} but Imprint's own, relative. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(p -> !p.startsWith(".imprint/")).sorted().toList();
        }
    }

    @Test
    void aBuildThatFailedHalfWayIsTakenOverAndItsLeftoversRemoved() throws Exception {
        Path out = tmp.resolve("out");
        List<Output> failing = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            failing.add(page("old/" + i + ".html", "old " + i));
        }
        failing.add(Output.rendered("old/boom.html", "fp", () -> {
            throw new IllegalStateException("the build died here");
        }));
        assertThatThrownBy(() -> write(out, failing)).hasMessageContaining("the build died here");
        assertThat(out.resolve(Manifest.PATH)).doesNotExist(); // half written: no manifest says what is there

        List<Output> next = List.of(page("index.html", "home"), page("old/1.html", "kept"));
        DirectoryWriter.Result r = write(out, next);
        assertThat(files(out)).containsExactly("index.html", "old/1.html");
        assertThat(Files.readString(out.resolve("old/1.html"))).isEqualTo("kept");
        assertThat(r.removed()).isLessThanOrEqualTo(49); // as many as the failed build got to write
        assertThat(out.resolve(DirectoryWriter.PENDING)).doesNotExist();
    }

    @Test
    void aDirectoryImprintDidNotWriteIsRefused() throws Exception {
        Path out = tmp.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> write(out, List.of(page("index.html", "home"))))
                .hasMessageContaining("not empty and was not written by Imprint");
        assertThat(Files.readString(out.resolve("thesis.tex"))).isEqualTo("precious");
    }

    @Test
    void neverWritesThroughASymbolicLink() throws Exception {
        Path out = tmp.resolve("out");
        write(out, List.of(page("index.html", "home")));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("notes"), elsewhere);
        Files.createSymbolicLink(out.resolve("about.html"), elsewhere.resolve("about.html"));

        assertThatThrownBy(() -> write(out, List.of(page("index.html", "home"), page("notes/a.html", "a"))))
                .hasMessageContaining("through the symbolic link");
        assertThatThrownBy(() -> write(out, List.of(page("index.html", "home"), page("about.html", "about"))))
                .hasMessageContaining("symbolic link");
        try (Stream<Path> there = Files.list(elsewhere)) {
            assertThat(there).isEmpty();
        }
    }

    @Test
    void anUnsafePathIsRefusedBeforeAnythingIsWritten() {
        Path out = tmp.resolve("out");
        for (String bad : List.of("../escaped.html", "a/../../escaped.html", "a//b.html", ".git/config", "a\u0000b.html")) {
            assertThatThrownBy(() -> write(out, List.of(page("index.html", "home"), page(bad, "x"))))
                    .as(bad).hasMessageContaining("refusing to write");
        }
        assertThat(tmp.resolve("escaped.html")).doesNotExist();
        assertThat(out.resolve("index.html")).doesNotExist();
    }

    @Test
    void onACaseInsensitiveFileSystemOneOutputNeverReplacesAnother() throws Exception {
        Path out = tmp.resolve("out");
        List<Output> outputs = List.of(page("Notes/a.html", "upper"), page("notes/a.html", "lower"));
        DirectoryWriter.Result sensitive = write(out, outputs); // this machine's file system tells them apart
        assertThat(sensitive.warnings()).isEmpty();
        assertThat(files(out)).containsExactly("Notes/a.html", "notes/a.html");

        Path folded = tmp.resolve("folded");
        DirectoryWriter.Result r = DirectoryWriter.write(folded, outputs, manifest(outputs), true);
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("notes/a.html");
            assertThat(w.message()).isEqualTo("its output notes/a.html is the same file as Notes/a.html on this "
                    + "case-insensitive file system; not written");
        });
        assertThat(Files.readString(folded.resolve("Notes/a.html"))).isEqualTo("upper");
    }
}
