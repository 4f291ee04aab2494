package dev.imprint.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** The one rule for every URL Imprint writes: the scheme as a browser reads it, then the allowed list. */
class UrlSchemesTest {
    final UrlSchemes plain = new UrlSchemes(Set.of());
    final UrlSchemes obsidian = new UrlSchemes(Set.of("obsidian"));

    @Test
    void relativeUrlsHaveNoScheme() {
        for (String url : new String[] {"#x", "?q", "a/b", "//host/x", "../x", "", "note.md#a:b", "/a:b", "1x:y",
                "a b:c", "-x:y", "\u00e9:x", ":x"}) {
            assertThat(UrlSchemes.scheme(url)).as(url).isNull();
            assertThat(plain.refusal(url, false)).as(url).isNull();
        }
    }

    @Test
    void theSchemeIsReadAsABrowserReadsIt() {
        assertThat(UrlSchemes.scheme("JaVaScRiPt:alert(1)")).isEqualTo("javascript");
        assertThat(UrlSchemes.scheme(" javascript:alert(1)")).isEqualTo("javascript");
        assertThat(UrlSchemes.scheme("java\tscript:alert(1)")).isEqualTo("javascript");
        assertThat(UrlSchemes.scheme("java\nscript:alert(1)")).isEqualTo("javascript");
        assertThat(UrlSchemes.scheme("java\r\nscript:alert(1)")).isEqualTo("javascript");
        assertThat(UrlSchemes.scheme("\u0000javascript:alert(1)")).isEqualTo("javascript");
        assertThat(UrlSchemes.scheme("\u0001 \u001fjavascript:alert(1)\u0000 ")).isEqualTo("javascript");
        assertThat(UrlSchemes.scheme("vbscript:msgbox")).isEqualTo("vbscript");
        assertThat(UrlSchemes.scheme("x-app+v1.2:go")).isEqualTo("x-app+v1.2");
        // a control character other than tab and newline inside the name ends it: no scheme, a path
        assertThat(UrlSchemes.scheme("java\u0001script:alert(1)")).isNull();
        // an entity is the HTML parser's business: decoded, it is a colon like any other
        assertThat(UrlSchemes.scheme("javascript&colon;alert(1)")).isNull();
        assertThat(UrlSchemes.scheme(Parser.unescapeEntities("javascript&colon;alert(1)", true))).isEqualTo("javascript");
        assertThat(UrlSchemes.scheme(Parser.unescapeEntities("&#x6A;ava&#x09;script&#58;x", true))).isEqualTo("javascript");
    }

    @Test
    void onlyTheWebMailAndTheConfiguredSchemesAreAllowed() {
        for (String url : new String[] {"http://x", "HTTPS://x", "mailto:a@b", " https://x/a:b"}) {
            assertThat(plain.refusal(url, false)).as(url).isNull();
        }
        assertThat(plain.refusal("JaVaScRiPt:alert(1)", false)).isEqualTo("the javascript: scheme is not allowed");
        assertThat(plain.refusal("java\nscript:alert(1)", true)).isEqualTo("the javascript: scheme is not allowed");
        assertThat(plain.refusal("vbscript:msgbox", false)).isEqualTo("the vbscript: scheme is not allowed");
        assertThat(plain.refusal("ftp://host/x", false))
                .isEqualTo("the ftp: scheme is not allowed (links.allowed_schemes adds one)");
    }

    @Test
    void dataIsAnImageSourceOnly() {
        assertThat(plain.refusal("data:image/png;base64,iVBORw0KGgo=", true)).isNull();
        assertThat(plain.refusal("data:image/png;base64,iVBORw0KGgo=", false))
                .isEqualTo("the data: scheme is allowed only for images");
        assertThat(plain.refusal("data:text/html,<script>alert(1)</script>", false))
                .isEqualTo("the data: scheme is allowed only for images");
    }

    @Test
    void anAppsSchemeIsALinkOnlyWhenAllowed() {
        assertThat(plain.refusal("obsidian://open?vault=x", false))
                .isEqualTo("the obsidian: scheme is not allowed (links.allowed_schemes adds one)");
        assertThat(obsidian.refusal("obsidian://open?vault=x", false)).isNull();
        assertThat(obsidian.refusal("Obsidian://open?vault=x", false)).isNull();
        assertThat(obsidian.refusal("zotero://select/items/1", false)).isNotNull();
    }

    @Test
    void scriptSchemesCannotBeAllowedByAnyWayIn() {
        UrlSchemes lax = new UrlSchemes(Set.of("javascript", "data"));
        assertThat(lax.refusal("javascript:alert(1)", false)).isNotNull();
        assertThat(lax.refusal("data:text/html,x", false)).isNotNull();
    }
}
