package dev.imprint.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.imprint.pipeline.Builder;
import dev.imprint.source.Snapshot;
import dev.imprint.testing.GitRepo;

/** search.json and the vendored libraries, as planned by a build of a real repository. */
class SearchIndexTest {
    @TempDir
    Path tmp;
    GitRepo notes;

    @BeforeEach
    void setUp() {
        notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("content/recipes/sourdough.md", "---\ntags: [baking, bread]\n---\n# Sourdough\n\nFeed the *levain*.\n");
        notes.write("content/recipes/pancakes.md", "# Pancakes\n\nWhisk the batter.\n");
        notes.write("content/top.md", "# Top\n\n" + "word ".repeat(2_000));
        notes.write("content/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        notes.commitAll("notes");
    }

    Map<String, Output> plan() throws Exception {
        try (Repository repo = notes.open(); RevWalk walk = new RevWalk(repo)) {
            Snapshot snapshot = Snapshot.read(repo, walk.parseCommit(repo.resolve("HEAD")));
            return new Builder(tmp.resolve("cache")).plan(snapshot).outputs().stream()
                    .collect(Collectors.toMap(Output::path, o -> o));
        }
    }

    @Test
    void hasOneEntryPerNoteWithRootRelativeUrlsAndPlainText() throws Exception {
        Map<String, Output> plan = plan();
        JsonNode index = new ObjectMapper().readTree(plan.get("search.json").content().get());
        assertThat(index.get("shards")).hasSize(SearchIndex.SHARDS);

        Map<String, JsonNode> entries = new java.util.TreeMap<>();
        for (JsonNode shard : index.get("shards")) {
            JsonNode notes = new ObjectMapper().readTree(plan.get(shard.asText()).content().get());
            notes.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
        }
        assertThat(entries).hasSize(3);
        JsonNode sourdough = entries.get("recipes/sourdough/index.html");
        assertThat(sourdough).isNotNull();
        assertThat(sourdough.get("title").asText()).isEqualTo("Sourdough");
        assertThat(sourdough.get("section").asText()).isEqualTo("recipes");
        assertThat(sourdough.get("tags").toString()).isEqualTo("[\"baking\",\"bread\"]");
        assertThat(sourdough.get("text").asText()).isEqualTo("Feed the levain.");
        for (JsonNode e : entries.values()) {
            assertThat(e.get("text").asText().length()).isLessThanOrEqualTo(SearchIndex.MAX_TEXT);
        }
    }

    @Test
    void isRenderedAgainOnlyWhenANoteChanges() throws Exception {
        Map<String, Output> before = plan();
        String shard = SearchIndex.shardPath(Math.floorMod("recipes/pancakes.md".hashCode(), SearchIndex.SHARDS));

        notes.write("content/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>");
        notes.commitAll("asset only");
        Map<String, Output> afterAsset = plan();
        for (String path : List.of("search.json", shard)) {
            assertThat(afterAsset.get(path).fingerprint()).isEqualTo(before.get(path).fingerprint());
            assertThat(afterAsset.get(path).content().get()).isEqualTo(before.get(path).content().get());
        }

        notes.write("content/recipes/pancakes.md", "# Pancakes\n\nWhisk the batter, then rest it.\n");
        notes.commitAll("edit a note's body");
        Map<String, Output> afterEdit = plan();
        assertThat(afterEdit.get("search.json").fingerprint()).as("the same shards")
                .isEqualTo(before.get("search.json").fingerprint());
        assertThat(afterEdit.get(shard).fingerprint()).isNotEqualTo(before.get(shard).fingerprint());
        assertThat(new String(afterEdit.get(shard).content().get(), java.nio.charset.StandardCharsets.UTF_8)).contains("then rest it");

        notes.write("content/recipes/pancakes.md", "---\ntitle: Crêpes\n---\nWhisk the batter, then rest it.\n");
        notes.commitAll("retitle");
        Map<String, Output> afterTitle = plan();
        assertThat(afterTitle.get("search.json").fingerprint()).as("a title lives in its note's shard")
                .isEqualTo(before.get("search.json").fingerprint());
        assertThat(new String(afterTitle.get(shard).content().get(), java.nio.charset.StandardCharsets.UTF_8)).contains("Crêpes");
    }

    @Test
    void vendorFilesAreTheWebJarBytesAndOnlyNotesWithCodeOrMathLoadThem() throws Exception {
        Map<String, Output> plan = plan();
        assertThat(plan).containsKeys(VendorAssets.LUNR, "assets/vendor/highlight/highlight.min.js",
                "assets/vendor/katex/katex.min.js", "assets/vendor/katex/katex.min.css",
                "assets/vendor/katex/auto-render.min.js", "assets/vendor/katex/fonts/KaTeX_Main-Regular.woff2");
        assertThat(new String(plan.get(VendorAssets.LUNR).content().get(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("lunr");
        assertThat(new String(plan.get("recipes/pancakes/index.html").content().get(),
                java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("highlight.min.js").doesNotContain("katex")
                .contains("<script defer src=\"../../search.js\"></script>");

        assertThat(VendorAssets.head("../", true, false)).contains("href=\"../assets/vendor/highlight/github.min.css\"")
                .doesNotContain("katex");
        assertThat(VendorAssets.head("", false, true)).contains("src=\"assets/vendor/katex/katex.min.js\"")
                .doesNotContain("highlight");
        assertThat(VendorAssets.head("", false, false)).isNull();
    }
}
