package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service config: every mistake gets a message that says where and how to fix it. */
class ServiceConfigTest {
    @TempDir
    Path tmp;

    @Test
    void readsAFullConfig() throws Exception {
        ServiceConfig c = ServiceConfig.parse("""
                server: { port: 9090, bind: 0.0.0.0 }
                data_dir: /var/lib/imprint
                repos:
                  - name: notes
                    source: { url: https://git.example.org/ada/notes.git, branch: main, token_env: NOTES_TOKEN }
                    publish: { branch: gh-pages }
                    webhook: { provider: github, secret_env: NOTES_WEBHOOK_SECRET }
                    site: { base_url: https://example.org/notes/ }
                """, "imprint.yml");
        assertThat(c.server.port).isEqualTo(9090);
        assertThat(c.maxBuildMinutes).isEqualTo(30);
        assertThat(c.repos).singleElement().satisfies(r -> {
            assertThat(r.source.url).isEqualTo("https://git.example.org/ada/notes.git");
            assertThat(r.webhook.secretEnv).isEqualTo("NOTES_WEBHOOK_SECRET");
            assertThat(r.site.baseUrl).isEqualTo("https://example.org/notes/");
        });
    }

    @Test
    void everyExampleConfigIsValid() throws Exception {
        try (var files = Files.list(Path.of("config"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
                assertThat(ServiceConfig.load(f)).as(f.toString()).isNotNull();
            }
        }
    }

    @Test
    void previewsAndReviewBeforePublishAreCheckedWhenRead() {
        for (String path : new String[] {"../up", "/abs", ".hidden", "_review", "a//b", "sp ace"}) {
            assertThatThrownBy(() -> ServiceConfig.parse("repos:\n  - name: notes\n    source: { url: https://x/n.git }\n"
                    + "    previews: { path: '" + path + "' }\n", "imprint.yml"))
                    .as(path).hasMessageContaining("previews.path must be a folder of safe names");
        }
        assertThatThrownBy(() -> ServiceConfig.parse("""
                repos:
                  - name: notes
                    source: { url: https://x/notes.git }
                    publish: { mode: pull-request }
                """, "imprint.yml")).hasMessageContaining("publish.mode: pull-request needs forge:");
        assertThatThrownBy(() -> ServiceConfig.parse("""
                repos:
                  - name: notes
                    source: { url: https://x/notes.git }
                    publish: { mode: sometimes }
                """, "imprint.yml")).hasMessageContaining("publish.mode must be branch or pull-request");
    }

    @Test
    void inlineSecretsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> ServiceConfig.parse("""
                repos:
                  - name: notes
                    source: { url: https://x/notes.git }
                    webhook:
                      provider: github
                      secret: hunter2
                """, "imprint.yml"))
                .hasMessage("imprint.yml:6: 'secret' must not be written in the config file; name where it is instead: "
                        + "secret_env: VARIABLE (an environment variable) or secret_file: PATH (a file holding it)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void credentialsInAUrlAreRefusedLikeAnInlineSecret() {
        String fix = "' must not hold credentials (user:token@); write the URL without them and name where the token "
                + "is instead, under source: token_env: VARIABLE (an environment variable) or token_file: PATH "
                + "(a file holding it); it is used for publish.url too";
        assertThatThrownBy(() -> ServiceConfig.parse("""
                repos:
                  - name: notes
                    source:
                      url: https://ada:ghp_s3cr3t@github.com/ada/notes.git
                """, "imprint.yml"))
                .hasMessage("imprint.yml:4: 'url" + fix).hasMessageNotContaining("ghp_s3cr3t");
        assertThatThrownBy(() -> ServiceConfig.parse("""
                repos:
                  - name: notes
                    source: { path: /srv/notes.git }
                    publish: { branch: gh-pages, url: "https://ghp_s3cr3t@github.com/ada/site.git" }
                """, "imprint.yml"))
                .hasMessage("imprint.yml:4: 'url" + fix).hasMessageNotContaining("ghp_s3cr3t");
    }

    @Test
    void anSshUserNameIsNoSecret() throws Exception {
        assertThat(ServiceConfig.parse("repos:\n  - name: a\n    source: { url: 'ssh://git@example.org/ada/notes.git' }\n", "c.yml")
                .repos.get(0).source.url).isEqualTo("ssh://git@example.org/ada/notes.git");
    }

    @Test
    void anEmptySecretFileIsRefusedWithItsName() throws Exception {
        Path empty = tmp.resolve("empty-secret");
        Files.writeString(empty, "");
        Path blank = tmp.resolve("blank-secret");
        Files.writeString(blank, " \n\t\n");
        assertThatThrownBy(() -> ServiceConfig.secret(null, empty.toString(), Map.of()))
                .hasMessage("secret file " + empty + " is empty");
        assertThatThrownBy(() -> ServiceConfig.secret(null, blank.toString(), Map.of()))
                .hasMessage("secret file " + blank + " is empty");
    }

    @Test
    void unknownKeysAreErrorsWithTheirLine() {
        assertThatThrownBy(() -> ServiceConfig.parse("server:\n  port: 1\n  prot: 2\n", "svc.yml"))
                .hasMessageStartingWith("svc.yml:3: unknown key 'prot' (known here: bind, port)");
    }

    @Test
    void missingPiecesAreNamed() {
        assertThatThrownBy(() -> ServiceConfig.parse("repos:\n  - name: a\n    source: {}\n", "c.yml"))
                .hasMessageContaining("source needs exactly one of hosted: true, url: or path:");
        assertThatThrownBy(() -> ServiceConfig.parse("repos:\n  - name: a\n    source: {path: x}\n    webhook: {provider: bitbucket, secret_env: X}\n", "c.yml"))
                .hasMessageContaining("webhook.provider must be github, gitea, gitlab or generic");
        assertThatThrownBy(() -> ServiceConfig.parse("repos:\n  - name: a\n    source: {path: x}\n  - name: a\n    source: {path: y}\n", "c.yml"))
                .hasMessageContaining("two repos are named 'a'");
        assertThatThrownBy(() -> ServiceConfig.parse("max_build_minutes: 0\n", "c.yml"))
                .hasMessage("c.yml: max_build_minutes must be at least 1");
    }

    @Test
    void gitHostUsersNameTheirSecretAndTheirAccess() throws Exception {
        ServiceConfig c = ServiceConfig.parse("""
                repos:
                  - name: notes
                    source: { hosted: true }
                    git_host:
                      allow_force_push: true
                      max_push_mb: 20
                      users:
                        - { name: ada, password_env: ADA_GIT_PASSWORD, access: write }
                        - { name: ci, token_file: /run/secrets/ci, access: read }
                """, "imprint.yml");
        ServiceConfig.GitHostSettings host = c.repos.get(0).gitHost;
        assertThat(host.allowForcePush).isTrue();
        assertThat(host.maxPushMb).isEqualTo(20);
        assertThat(host.users).extracting(u -> u.name + ":" + u.canWrite()).containsExactly("ada:true", "ci:false");
        assertThat(ServiceConfig.parse("repos:\n  - name: n\n    source: { hosted: true }\n    git_host: {}\n", "c.yml")
                .repos.get(0).gitHost.maxPushMb).isEqualTo(100);

        String repo = "repos:\n  - name: n\n    source: { hosted: true }\n    git_host:\n      users:\n        - ";
        assertThatThrownBy(() -> ServiceConfig.parse(repo + "{ name: ada, password: hunter2, access: write }\n", "c.yml"))
                .hasMessageStartingWith("c.yml:6: 'password' must not be written in the config file").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ServiceConfig.parse(repo + "{ name: ada, access: write }\n", "c.yml"))
                .hasMessage("c.yml: repo 'n': git_host.users: 'ada' needs exactly one of password_env, password_file, token_env or token_file");
        assertThatThrownBy(() -> ServiceConfig.parse(repo + "{ name: ada, password_env: A, token_env: B, access: write }\n", "c.yml"))
                .hasMessageContaining("'ada' needs exactly one of");
        assertThatThrownBy(() -> ServiceConfig.parse(repo + "{ name: ada, password_env: A }\n", "c.yml"))
                .hasMessage("c.yml: repo 'n': git_host.users: 'ada' needs access: read (clone and fetch) or access: write (push too)");
        assertThatThrownBy(() -> ServiceConfig.parse(repo + "{ name: ada, password_env: A, access: admin }\n", "c.yml"))
                .hasMessageContaining("'ada' needs access: read");
        assertThatThrownBy(() -> ServiceConfig.parse("repos:\n  - name: n\n    source: { path: /x }\n    git_host: {}\n", "c.yml"))
                .hasMessage("c.yml: repo 'n': git_host is for hosted: true repositories only");
        assertThatThrownBy(() -> ServiceConfig.parse("repos:\n  - name: n\n    source: { hosted: true }\n    git_host: { max_push_mb: 0 }\n", "c.yml"))
                .hasMessage("c.yml: repo 'n': git_host.max_push_mb must be at least 1");
    }

    @Test
    void secretsComeFromTheEnvironmentOrAFile() throws Exception {
        assertThat(ServiceConfig.secret("S", null, Map.of("S", "abc"))).asString().isEqualTo("abc");
        Path f = tmp.resolve("secret");
        Files.writeString(f, "from-file\n");
        assertThat(ServiceConfig.secret(null, f.toString(), Map.of())).asString().isEqualTo("from-file");
        assertThatThrownBy(() -> ServiceConfig.secret("MISSING", null, Map.of()))
                .hasMessage("environment variable MISSING is not set");
    }
}
