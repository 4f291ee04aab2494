package dev.imprint.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code links.allowed_schemes} in imprint.yml: the schemes links may use besides http, https and mailto. */
class AllowedSchemesConfigTest {
    static SiteConfig parse(String yaml) throws SourceException {
        List<String> warnings = new ArrayList<>();
        SiteConfig config = SiteConfigReader.parse(yaml, warnings);
        assertThat(warnings).isEmpty();
        return config;
    }

    @Test
    void noneByDefault() throws Exception {
        assertThat(parse("title: Notes\n").allowedSchemes()).isEmpty();
        assertThat(SiteConfig.defaults().allowedSchemes()).isEmpty();
    }

    @Test
    void lowerCasedAndSorted() throws Exception {
        assertThat(parse("links:\n  allowed_schemes: [zotero, Obsidian, x-app+v1.2]\n").allowedSchemes())
                .containsExactly("obsidian", "x-app+v1.2", "zotero");
        assertThat(parse("links: { allowed_schemes: obsidian }\n").allowedSchemes()).containsExactly("obsidian");
    }

    @Test
    void aNameThatIsNoSchemeStopsTheBuild() {
        assertThatThrownBy(() -> parse("title: x\nlinks:\n  allowed_schemes: [obsidian, 'zotero:']\n"))
                .isInstanceOf(SourceException.class)
                .hasMessage("imprint.yml:3: links.allowed_schemes: 'zotero:' is not a URL scheme (write it without ':',"
                        + " e.g. obsidian or zotero)");
        assertThatThrownBy(() -> parse("links:\n  allowed_schemes:\n    - 1password\n"))
                .hasMessage("imprint.yml:3: links.allowed_schemes: '1password' is not a URL scheme (write it without"
                        + " ':', e.g. obsidian or zotero)");
    }

    @Test
    void scriptSchemesCanNeverBeAllowed() {
        for (String scheme : new String[] {"javascript", "JavaScript", "vbscript", "data"}) {
            assertThatThrownBy(() -> parse("links:\n  allowed_schemes: [" + scheme + "]\n"))
                    .as(scheme)
                    .hasMessage("imprint.yml:2: links.allowed_schemes: '" + scheme
                            + "' can never be allowed: it runs script or carries a whole document");
        }
    }

    @Test
    void linksMustBeAMapping() {
        assertThatThrownBy(() -> parse("links: [obsidian]\n")).hasMessage("imprint.yml: 'links' must be a mapping");
    }
}
