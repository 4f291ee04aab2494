package dev.imprint.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code pagination.page_size} in imprint.yml, and Hugo's {@code pagination.pagerSize} / {@code paginate}. */
class PaginationConfigTest {
    private static SiteConfig parse(String yaml) throws SourceException {
        List<String> warnings = new ArrayList<>();
        SiteConfig config = SiteConfigReader.parse(yaml, warnings);
        assertThat(warnings).isEmpty();
        return config;
    }

    @Test
    void fiftyNotesAPageByDefault() throws Exception {
        assertThat(parse("title: Notes\n").pageSize()).isEqualTo(50);
        assertThat(SiteConfig.defaults().pageSize()).isEqualTo(50);
    }

    @Test
    void pageSizeIsRead() throws Exception {
        assertThat(parse("pagination:\n  page_size: 20\n").pageSize()).isEqualTo(20);
        assertThat(parse("pagination: { page_size: '7' }\n").pageSize()).isEqualTo(7);
        assertThat(parse("pagination: { page_size: 1 }\n").pageSize()).isEqualTo(1);
    }

    @Test
    void aPageSizeThatIsNoWholeNumberOfAtLeastOneStopsTheBuild() {
        for (String bad : new String[] {"0", "-3", "2.5", "ten", "true", "99999999999"}) {
            assertThatThrownBy(() -> parse("pagination:\n  page_size: " + bad + "\n"))
                    .as(bad)
                    .isInstanceOf(SourceException.class)
                    .hasMessage("imprint.yml: 'pagination.page_size' must be a whole number of at least 1, not '"
                            + bad + "'");
        }
        assertThatThrownBy(() -> parse("pagination: 50\n")).hasMessage("imprint.yml: 'pagination' must be a mapping");
    }

    private static SiteConfig hugo(String path, String text, List<String> warnings) throws SourceException {
        return HugoConfig.parse(path, text, warnings);
    }

    @Test
    void aHugoSiteKeepsItsPagerSize() throws Exception {
        List<String> warnings = new ArrayList<>();
        assertThat(hugo("hugo.toml", "[pagination]\npagerSize = 7\n", warnings).pageSize()).isEqualTo(7);
        assertThat(hugo("config.yaml", "paginate: 12\n", warnings).pageSize()).isEqualTo(12);
        assertThat(hugo("hugo.toml", "paginate = 12\n[pagination]\npagersize = 9\n", warnings).pageSize())
                .as("the newer key wins").isEqualTo(9);
        assertThat(hugo("hugo.toml", "title = 'x'\n", warnings).pageSize()).isEqualTo(50);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aBadHugoPagerSizeIsNamedAndTheDefaultUsed() throws Exception {
        List<String> warnings = new ArrayList<>();
        assertThat(hugo("hugo.toml", "[pagination]\npagerSize = 0\n", warnings).pageSize()).isEqualTo(50);
        assertThat(warnings).containsExactly("pagination.pagerSize '0' in hugo.toml is not a whole number of at least 1;"
                + " 50 notes a page are shown");
    }
}
