package dev.imprint.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The front matter read without the YAML parser is exactly what the parser reads, or left to it. */
class FrontMatterTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Taken by the fast path. */
    private static final List<String> COMMON = List.of(
            "title: \"While honest in\"\ndate: 2014-07-10\ntags: [books, performance, compost]\n",
            "title: \"Evening table\"\ndate: 2018-04-23T16:30:00Z\nlastmod: 2019-03-25\ntags: [dns, compost]\n",
            "title: \"Sentence simple page word\"\ndate: 2017-08-19\nlastmod: 2018-03-08\ntags: poetry\n",
            "title: \"Spring\"\ndate: 2022-07-20T15:15:00Z\ntags: poetry, python, tools, bread\n",
            "title: \"Quiet fragile folder\"\ndate: 2021-01-28\ntags:\n  - philosophy\n  - java\n  - math\n",
            "title: \"Draft\"\ndraft: true\ntags:\n- a\n- b c\n",
            "title: \"Ünïcode · 日本 # not a comment: no\"\nslug: my-note_2.x\ndraft: false\n",
            "title: Plain words here\nsummary: A short one, with commas.\naliases: [old/path, Other name]\n",
            "title: \"\"\ndate: 2014-13-45\n");

    /** Left to the YAML parser (they would be read differently, or are errors). */
    private static final List<String> OTHER = List.of(
            "draft: True\n", "draft: yes\n", "a: on\n", "a: No\n", "a: null\n", "a: ~\n", "weight: 3\n", "x: 1.5\n",
            "x: 'single'\n", "x: \"esc\\\"aped\"\n", "x: a #c\n", "x: a: b\n", "# comment\nx: a\n", "x: a\n\ny: b\n",
            "x: a\nx: b\n", "x:\ny: b\n", "x:\n", "x: [a, 1]\n", "x: [a, true]\n", "x: []\n", "x: [a, ]\n",
            "x: a \n", "x:  a\n", "x:\ta\n", "x: a\r\n", "x: 2014-07-10 12:00\n", "x: 2014-07-10T12:00:00+02:00\n",
            "on: a\n", "x: \"bell\u0007\"\n", "x: \"line\u2028sep\"\n", "x:\n  - a\n- b\n", "x:\n  - yes\n",
            "x:\n  - [a]\n", " x: a\n", "x: {a: b}\n", "x: |\n  text\n", "x: &a b\n", "x: !!str 3\n");

    @Test
    void commonFrontMatterIsReadWithoutTheParserAndTheSame() throws Exception {
        for (String yaml : COMMON) {
            Map<String, Object> fast = FrontMatter.simple(yaml);
            assertThat(fast).as(yaml).isNotNull();
            assertSame(yaml, fast);
        }
    }

    @Test
    void anythingElseIsLeftToTheParser() throws Exception {
        for (String yaml : OTHER) {
            Map<String, Object> fast = FrontMatter.simple(yaml);
            assertThat(fast).as(yaml).isNull();
        }
    }

    private static void assertSame(String yaml, Map<String, Object> fast) throws Exception {
        Object parsed = YAML.readValue(yaml, Object.class);
        assertThat(fast).as(yaml).isEqualTo(parsed);
        assertThat(List.copyOf(fast.keySet())).as(yaml).isEqualTo(List.copyOf(((Map<?, ?>) parsed).keySet()));
        for (var e : fast.entrySet()) {
            Object theirs = ((Map<?, ?>) parsed).get(e.getKey());
            assertThat(e.getValue().getClass()).as(yaml + " " + e.getKey()).isEqualTo(theirs.getClass());
        }
    }

    @Test
    void jsonFrontMatterEndsWithItsObjectAndCountsItsLines() {
        FrontMatter fm = FrontMatter.parse("{\n  \"title\": \"J\",\n  \"n\": {\"a\": 1}\n}\nBody {x}.\n");
        assertThat(fm.error()).isNull();
        assertThat(fm.string("title")).isEqualTo("J");
        assertThat(fm.body()).isEqualTo("Body {x}.\n");
        assertThat(fm.bodyLine()).isEqualTo(5);

        assertThat(FrontMatter.parse("{}\nText.\n").body()).isEqualTo("Text.\n");
        assertThat(FrontMatter.parse("{\"title\": 1,}\nText.\n").error()).startsWith("malformed JSON front matter");
        FrontMatter shortcode = FrontMatter.parse("{{< x >}}\n");
        assertThat(shortcode.error()).isNull();
        assertThat(shortcode.body()).isEqualTo("{{< x >}}\n");
    }
}
