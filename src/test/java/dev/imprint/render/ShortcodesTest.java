package dev.imprint.render;

import static dev.imprint.render.Shortcodes.Syntax.MARKDOWN;
import static dev.imprint.render.Shortcodes.Syntax.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imprint.render.Shortcodes.Expanded;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Hugo shortcodes and the summary divider, as a reader of the rendered note sees them. */
class ShortcodesTest {
    private final MarkdownRenderer safe = new MarkdownRenderer(false);
    private final MarkdownRenderer trusted = new MarkdownRenderer(true);
    private final List<String> resolved = new ArrayList<>();
    private final LinkResolver recording = (destination, image) -> {
        resolved.add((image ? "image " : "link ") + destination);
        return null;
    };

    private Document html(String markdown) {
        Expanded e = Shortcodes.expand(markdown, MARKDOWN);
        return Jsoup.parseBodyFragment(safe.render(e.text(), false, recording, e.summaryEnd()).html());
    }

    @Test
    void refAndRelrefBecomeTheLinkDestinationTheLinkIndexResolves() {
        Expanded e = Shortcodes.expand("""
                [a]({{< ref "posts/a.md" >}}) [b]({{< relref "/posts/b" >}}) [c]({{< ref path="c.md#part-two" >}})
                [d]({{% ref "my note (1).md" %}}) [e]({{< ref "#top" >}})
                """, MARKDOWN);

        assertThat(e.text()).isEqualTo("""
                [a](posts/a.md) [b](/posts/b) [c](c.md#part-two)
                [d](my%20note%20%281%29.md) [e](#top)
                """);
        assertThat(e.problems()).isEmpty();
        Document page = Jsoup.parseBodyFragment(safe.render(e.text(), false, recording).html());
        assertThat(page.select("a")).extracting(Element::text).containsExactly("a", "b", "c", "d", "e");
        assertThat(resolved).containsExactly("link posts/a.md", "link /posts/b", "link c.md#part-two",
                "link my%20note%20%281%29.md", "link #top"); // the link index decodes it
        assertThat(Shortcodes.expand("[[{{< ref \"posts/a.org\" >}}][A]]", ORG).text()).isEqualTo("[[posts/a.org][A]]");
        assertThat(Shortcodes.expand("[f]({{< ref posts/ >}}) [g]({{< ref posts />}})", MARKDOWN).text())
                .isEqualTo("[f](posts/) [g](posts)");
    }

    @Test
    void aRefNamingNoPageStaysAndIsReported() {
        Expanded e = Shortcodes.expand("[x]({{< ref >}})", MARKDOWN);

        assertThat(e.text()).isEqualTo("[x]({{< ref >}})");
        assertThat(e.problems()).containsExactly("{{< ref >}}: names no page; left as written");
    }

    @Test
    void aMarkdownFigureIsAnImageWithItsCaptionBelowIt() {
        Document page = html("""
                Before.

                {{< figure src="img/cat 1.png" alt="A cat" title="Tom" caption="Asleep, *again*" link="/cats/" >}}
                """);

        Element img = page.selectFirst("p > a > img");
        assertThat(img.attr("src")).isEqualTo("img/cat%201.png");
        assertThat(img.attr("alt")).isEqualTo("A cat");
        assertThat(img.attr("title")).isEqualTo("Tom");
        assertThat(img.parent().attr("href")).isEqualTo("/cats/");
        Element caption = img.parent().parent();
        assertThat(caption.select("br")).hasSize(1);
        assertThat(caption.text()).isEqualTo("Tom Asleep, again");
        assertThat(caption.select("strong").text()).isEqualTo("Tom");
        assertThat(caption.select("em").first().text()).isEqualTo("Asleep, again");
        assertThat(resolved).containsExactlyInAnyOrder("image img/cat%201.png", "link /cats/");
        // without an alt, the caption is the image's text, as in Hugo
        assertThat(html("{{< figure src=\"x.png\" caption=\"Sea\" >}}").selectFirst("img").attr("alt")).isEqualTo("Sea");
    }

    @Test
    void anOrgFigureIsACaptionKeywordOverTheImageLink() {
        Expanded e = Shortcodes.expand("""
                Text.
                  {{< figure src="/img/x.png" caption="The sea" title="Sea" >}}
                Inline {{< figure src="https://example.org/y.png" caption="y" >}} too.
                {{< figure src="z.png" link="https://example.org/" >}}
                """, ORG);

        assertThat(e.text()).isEqualTo("""
                Text.
                  #+caption: *Sea* The sea
                  [[file:/img/x.png]]
                Inline [[https://example.org/y.png]] /y/ too.
                [[https://example.org/][file:z.png]]
                """);
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void aFigureWithoutSrcStaysAndIsReported() {
        Expanded e = Shortcodes.expand("{{< figure caption=\"x\" >}}", MARKDOWN);

        assertThat(e.text()).isEqualTo("{{< figure caption=\"x\" >}}");
        assertThat(e.problems()).containsExactly("{{< figure caption=\"x\" >}}: has no src; left as written");
    }

    @Test
    void youtubeAndVimeoBecomeLinksToTheVideo() {
        Document page = html("""
                {{< youtube PEWtJbIswWA >}} {{< youtube id="ZVCGLr8YQg0" title="A [live] cover" >}} {{< vimeo 146022717 >}}
                """);

        assertThat(page.select("a")).extracting(a -> a.text() + " " + a.attr("href")).containsExactly(
                "YouTube video PEWtJbIswWA https://www.youtube.com/watch?v=PEWtJbIswWA",
                "A [live] cover https://www.youtube.com/watch?v=ZVCGLr8YQg0",
                "Vimeo video 146022717 https://vimeo.com/146022717");
        assertThat(Shortcodes.expand("{{< youtube id=\"PEWtJbIswWA\" >}}", ORG).text())
                .isEqualTo("[[https://www.youtube.com/watch?v=PEWtJbIswWA][YouTube video PEWtJbIswWA]]");
    }

    @Test
    void aVideoIdThatIsNotOneStaysVisibleAndIsReported() {
        Expanded e = Shortcodes.expand("{{< youtube \"x\\\" onload=1\" >}} {{< vimeo >}}", MARKDOWN);

        assertThat(e.text()).isEqualTo("{{< youtube \"x\\\" onload=1\" >}} {{< vimeo >}}");
        assertThat(e.problems()).containsExactly(
                "{{< youtube \"x\\\" onload=1\" >}}: \"x\" onload=1\" is not a YouTube video id; left as written",
                "{{< vimeo >}}: names no video; left as written");
    }

    @Test
    void otherShortcodesStayAsWrittenAndAreReportedOncePerName() {
        String org = """
                Press {{< kbd "Tab" >}}, then {{< kbd "s" >}} or {{< kbd "u" >}}.
                {{< video "/emacs-magit-status.mp4" >}}
                {{% side-by-side %}}
                Left and right.
                {{% /side-by-side %}}
                {{< highlight text "hl_lines=4 8" >}}
                x
                {{< / highlight >}}
                """;
        Expanded e = Shortcodes.expand(org, ORG);

        assertThat(e.text()).isEqualTo(org);
        assertThat(e.problems()).containsExactly(
                "shortcode {{< kbd >}} is not supported; left as written (3 times)",
                "shortcode {{< video >}} is not supported; left as written",
                "shortcode {{% side-by-side %}} is not supported; left as written",
                "shortcode {{< highlight >}} is not supported; left as written");
        assertThat(html("Press {{< kbd \"Tab\" >}}.").text()).isEqualTo("Press {{< kbd \"Tab\" >}}.");
    }

    @Test
    void shortcodesInMarkdownCodeAreLeftAsWritten() {
        String md = """
                `{{< youtube abc >}}` and {{< youtube abc >}}

                ```
                {{< figure src="a.png" >}}
                ```

                    {{< ref "b.md" >}}

                - item

                      {{< kbd "x" >}}
                """;
        Expanded e = Shortcodes.expand(md, MARKDOWN);

        assertThat(e.text()).isEqualTo(md.replace("and {{< youtube abc >}}",
                "and [YouTube video abc](https://www.youtube.com/watch?v=abc)"));
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void shortcodesInOrgCodeAreLeftAsWritten() {
        String org = """
                =verbatim {{< ref "a.org" >}}= ~code {{< kbd x >}}~ and [[{{< ref "a.org" >}}][a]]
                #+BEGIN_SRC emacs-lisp
                {{< figure src="a.png" >}}
                #+END_SRC
                #+begin_example
                {{< youtube abc >}}
                #+end_example
                : {{< vimeo 1 >}}
                #+begin_src never closed {{< ref "b.org" >}}
                """;
        Expanded e = Shortcodes.expand(org, ORG);

        assertThat(e.text()).isEqualTo(org.replace("[[{{< ref \"a.org\" >}}][a]]", "[[a.org][a]]")
                .replace("never closed {{< ref \"b.org\" >}}", "never closed b.org"));
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void theEscapeIsShownAsTheShortcodeItWrites() {
        Expanded e = Shortcodes.expand("""
                Write {{</* figure src="a.png" */>}} or {{%/* note */%}}.

                ```
                {{</* youtube abc */>}}
                ```
                """, MARKDOWN);

        assertThat(e.text()).isEqualTo("""
                Write {{< figure src="a.png" >}} or {{% note %}}.

                ```
                {{< youtube abc >}}
                ```
                """);
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void anUnterminatedShortcodeIsText() {
        String md = "{{< kbd \"x\" and on {{< ref \"a.md\" {{% x >}} }} {{<";
        Expanded e = Shortcodes.expand(md, MARKDOWN);

        assertThat(e.text()).isEqualTo(md);
        assertThat(e.problems()).isEmpty();
        assertThat(Shortcodes.expand("{{{< youtube abc />}}}", MARKDOWN).text())
                .isEqualTo("{[YouTube video abc](https://www.youtube.com/watch?v=abc)}");
    }

    @Test
    void hostileInputIsReadInLinearTime() {
        String hostile = "{{<".repeat(100_000) + " \"" + "{{</*".repeat(100_000);
        Expanded e = Shortcodes.expand(hostile, MARKDOWN);

        assertThat(e.text()).isEqualTo(hostile);
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void theMarkdownSummaryDividerEndsTheSummaryAndIsNotShown() {
        Expanded e = Shortcodes.expand("""
                First paragraph.

                - and a list

                <!--more-->

                The rest.
                """, MARKDOWN);
        RenderedMarkdown r = trusted.render(e.text(), false, LinkResolver.IDENTITY, e.summaryEnd());

        assertThat(r.summary()).isEqualTo("First paragraph. and a list");
        assertThat(e.summarySource()).isEqualTo("First paragraph.\n\n- and a list\n\n");
        assertThat(r.html()).doesNotContain("more").contains("The rest.");
        // without one, the first paragraph, as before
        assertThat(trusted.render("One.\n\nTwo.\n", false, LinkResolver.IDENTITY, -1).summary()).isEqualTo("One.");
    }

    @Test
    void aDividerInCodeIsCode() {
        String md = "Intro.\n\n```\n<!--more-->\n```\n\n`<!--more-->`\n";
        Expanded e = Shortcodes.expand(md, MARKDOWN);

        assertThat(e.text()).isEqualTo(md);
        assertThat(e.summaryEnd()).isEqualTo(-1);
    }

    @Test
    void theOrgSummaryDividerEndsTheSummary() {
        Expanded e = Shortcodes.expand("""
                Summary here.
                #+begin_example
                # more
                #+end_example
                # more
                Body.
                # more
                """, ORG);

        assertThat(e.summarySource()).isEqualTo("Summary here.\n#+begin_example\n# more\n#+end_example\n");
        assertThat(e.text()).isEqualTo("Summary here.\n#+begin_example\n# more\n#+end_example\n\nBody.\n# more\n");
    }
}
