package dev.imprint.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code forge:} block, read the way ServiceConfig reads its YAML. */
class ForgeConfigTest {
    /** ServiceConfig's own reader settings. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static ForgeConfig read(String yaml) throws Exception {
        return YAML.readValue(yaml, ForgeConfig.class);
    }

    @Test
    void eachTypeHasItsDefaultApiRoot() throws Exception {
        ForgeConfig github = read("{ type: github, repository: octo/notes, token_env: GH_TOKEN }");
        assertThat(github.problem()).isNull();
        assertThat(github.apiUri()).isEqualTo(URI.create("https://api.github.com"));

        ForgeConfig gitlab = read("{ type: gitlab, repository: group/sub/notes, token_env: GL_TOKEN }");
        assertThat(gitlab.problem()).isNull();
        assertThat(gitlab.apiUri()).isEqualTo(URI.create("https://gitlab.com/api/v4"));

        ForgeConfig gitea = read("{ type: gitea, repository: ada/notes, token_env: T }");
        assertThat(gitea.problem()).startsWith("forge.api_url is required for gitea");
        ForgeConfig codeberg = read("{ type: gitea, api_url: 'https://codeberg.org/api/v1', repository: ada/notes, token_file: /run/t }");
        assertThat(codeberg.problem()).isNull();
        assertThat(codeberg.apiUri()).isEqualTo(URI.create("https://codeberg.org/api/v1"));
    }

    @Test
    void whatIsWrongIsSaidWithItsKey() throws Exception {
        assertThat(read("{ type: bitbucket, repository: a/b, token_env: T }").problem()).startsWith("forge.type must be");
        assertThat(read("{ type: generic, repository: a/b, token_env: T }").problem()).startsWith("forge.type must be");
        assertThat(read("{ type: github, repository: notes, token_env: T }").problem())
                .isEqualTo("forge.repository must be owner/name (got 'notes')");
        assertThat(read("{ type: github, repository: a/b/c, token_env: T }").problem()).startsWith("forge.repository");
        assertThat(read("{ type: gitlab, repository: notes, token_env: T }").problem())
                .startsWith("forge.repository must be group/name or group/subgroup/name");
        assertThat(read("{ type: github, repository: a/b }").problem()).startsWith("forge needs exactly one of token_env");
        assertThat(read("{ type: github, repository: a/b, token_env: T, token_file: f }").problem())
                .startsWith("forge needs exactly one of token_env");
        assertThat(read("{ type: gitlab, api_url: 'https://me:glpat-1@gitlab.example/api/v4', repository: a/b, token_env: T }")
                .problem()).startsWith("forge.api_url must not hold credentials");
        assertThat(read("{ type: gitlab, api_url: 'gitlab.example', repository: a/b, token_env: T }").problem())
                .startsWith("forge.api_url must be an http(s) URL");
        assertThatThrownBy(() -> read("{ type: github, repository: a/b, token: ghp_x }"))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void theTokenComesTrimmedFromTheVariableOrTheFile(@TempDir Path dir) throws Exception {
        ForgeConfig env = read("{ type: github, repository: a/b, token_env: GH_TOKEN }");
        assertThat(env.token(Map.of("GH_TOKEN", " ghp_abc\n")).value()).isEqualTo("ghp_abc");
        assertThatThrownBy(() -> env.token(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("forge.token_env: environment variable GH_TOKEN is not set");

        Path file = Files.writeString(dir.resolve("token"), "glpat-xyz\n");
        ForgeConfig fromFile = new ForgeConfig("gitlab", null, "g/n", null, file.toString());
        assertThat(fromFile.token(Map.of()).value()).isEqualTo("glpat-xyz");
        ForgeConfig missing = new ForgeConfig("gitlab", null, "g/n", null, dir.resolve("nope").toString());
        assertThatThrownBy(() -> missing.token(Map.of())).hasMessageStartingWith("forge.token_file: cannot read");
        Files.writeString(file, " \n");
        assertThatThrownBy(() -> fromFile.token(Map.of())).hasMessageEndingWith("is empty");
    }

    @Test
    void aClientIsMadeOnlyFromAUsableConfig() {
        ForgeConfig gitea = new ForgeConfig("gitea", null, "ada/notes", "T", null);
        assertThatThrownBy(() -> ForgeClient.of(gitea, Map.of("T", "secret-token")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("forge.api_url is required")
                .hasMessageNotContaining("secret-token");
        ForgeClient client = ForgeClient.of(new ForgeConfig("gitlab", null, "group/notes", "T", null), Map.of("T", "secret-token"));
        assertThat(client).hasToString("GitLabClient[group%2Fnotes at https://gitlab.com/api/v4]");
    }
}
