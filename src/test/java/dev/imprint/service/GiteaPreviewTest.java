package dev.imprint.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.imprint.forge.CommitStatus;
import dev.imprint.forge.ForgeConfig;
import dev.imprint.review.ReviewComment;
import dev.imprint.testing.GitRepo;
import dev.imprint.testing.RunningService;

/**
 * The whole pull-request flow against a real Gitea in Docker: notes pushed with the git CLI, a webhook Gitea itself
 * delivers, a preview under {@code /site/notes/preview/pr-N/}, and Imprint's commit statuses and one review comment
 * read back through Gitea's API. It documents how a user with Docker checks the flow end to end; it is never the only
 * test of it: {@link PreviewServiceTest} drives the same flow against the in-process forge simulators (and
 * {@code ForgeClientTest} checks each Gitea call against {@code GiteaSimulator}). Without Docker it is skipped.
 *
 * <p>Gitea's documentation for what is used here (the API reference is the swagger of the running instance,
 * {@code /api/swagger}, generated from the {@code swagger:operation} comments in Gitea's {@code routers/api/v1}):
 * <ul>
 *   <li>the image and {@code GITEA__section__KEY} settings: docs/content/installation/with-docker.en-us.md;</li>
 *   <li>{@code [security] INSTALL_LOCK} (no install wizard) and {@code [webhook] ALLOWED_HOST_LIST} (default
 *       {@code external}: a webhook to a private address such as the host's is refused, so {@code *} here):
 *       docs/content/administration/config-cheat-sheet.en-us.md;</li>
 *   <li>{@code gitea admin user create --admin --username --password --email --must-change-password}:
 *       docs/content/administration/command-line.en-us.md; the root image runs the CLI only as {@code git}, hence
 *       {@code docker exec -u git} (go-gitea/gitea#29314);</li>
 *   <li>tokens: {@code POST /users/{username}/tokens} (userCreateToken, Basic auth with the password, body
 *       {@code CreateAccessTokenOption {name, scopes}}, answers 201 with the token in {@code sha1}):
 *       docs/content/development/api-usage.en-us.md; scopes ({@code write:repository} for {@code /repos/*} but
 *       issues, {@code write:issue} for issue comments): docs/content/development/oauth2-provider.en-us.md;</li>
 *   <li>a token as the password of HTTP Basic auth, for git and the API: services/auth/basic.go.</li>
 * </ul>
 */
@Testcontainers(disabledWithoutDocker = true)
class GiteaPreviewTest {
    /** A pinned Gitea 1.2x (the root image: its entrypoint writes app.ini from the GITEA__ variables). */
    static final DockerImageName GITEA_IMAGE = DockerImageName.parse("gitea/gitea:1.24.6");
    static final int HTTP = 3000;
    static final String ADMIN = "imprint";
    static final String PASSWORD = "imprint-it-password-1";
    static final String REPO = ADMIN + "/notes";
    static final String SECRET = "s3cret-for-gitea-webhooks";
    static final ObjectMapper JSON = new ObjectMapper();

    @Container
    static final GenericContainer<?> GITEA = new GenericContainer<>(GITEA_IMAGE)
            .withExposedPorts(HTTP)
            .withEnv("GITEA__security__INSTALL_LOCK", "true")
            .withEnv("GITEA__database__DB_TYPE", "sqlite3")
            .withEnv("GITEA__server__ROOT_URL", "http://localhost:" + HTTP + "/")
            .withEnv("GITEA__repository__DEFAULT_BRANCH", "main")
            // Imprint is reached at host.testcontainers.internal, a private address: allowed for this throwaway Gitea
            .withEnv("GITEA__webhook__ALLOWED_HOST_LIST", "*")
            // the host's ports are exposed after the start (Imprint's is only known then): GenericContainer#withAccessToHost
            .withAccessToHost(true)
            // GET /api/healthz answers 200 once Gitea serves (routers/web/web.go); the install wizard is locked
            .waitingFor(Wait.forHttp("/api/healthz").forPort(HTTP).forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(3));

    @TempDir
    Path tmp;
    @RegisterExtension
    final RunningService running = new RunningService();

    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    @Test
    void aPullRequestOnGiteaIsPreviewedWithAStatusAndOneReviewComment() throws Exception {
        createAdmin();
        token = createToken();
        // createCurrentUserRepo: POST /user/repos with CreateRepoOption {name, private, auto_init, default_branch},
        // 201 (routers/api/v1/repo/repo.go). Public, so that anyone may clone it, as most notes repositories are.
        api("POST", "/user/repos", basic(), json().put("name", "notes").put("private", false).put("auto_init", false)
                .put("default_branch", "main"), 201);
        String cloneUrl = "http://" + GITEA.getHost() + ":" + GITEA.getMappedPort(HTTP) + "/" + REPO + ".git";

        GitRepo author = GitRepo.init(tmp.resolve("author"));
        author.write("content/a/first.md", "---\ntitle: First\ndate: 2024-01-01\n---\nOne.\n");
        author.commitAll("first");
        push(author, cloneUrl, "main");

        ServiceConfig config = new ServiceConfig();
        // Gitea reaches Imprint through Testcontainers' SSH tunnel, whose far end connects from this JVM to
        // localhost:PORT (PortForwardingContainer#exposeHostPort): the loopback address is enough, and safest
        config.server.bind = "127.0.0.1";
        ServiceConfig.Repo repo = new ServiceConfig.Repo();
        repo.name = "notes";
        repo.source.url = cloneUrl;
        repo.source.tokenEnv = "GITEA_TOKEN";
        repo.webhook = new ServiceConfig.Webhook();
        repo.webhook.provider = "gitea";
        repo.webhook.secretEnv = "NOTES_SECRET";
        repo.forge = new ForgeConfig("gitea", "http://" + GITEA.getHost() + ":" + GITEA.getMappedPort(HTTP) + "/api/v1",
                REPO, "GITEA_TOKEN", null);
        config.repos.add(repo);
        ImprintService service = running.start(config, tmp.resolve("data"),
                Map.of("GITEA_TOKEN", token, "NOTES_SECRET", SECRET));
        awaitOrExplain(Duration.ofSeconds(120), () -> status("/site/notes/a/first/") == 200);

        // from inside the container, host.testcontainers.internal:PORT is now Imprint (Testcontainers' networking
        // docs, "Exposing host ports to the container"; after the start thanks to withAccessToHost)
        org.testcontainers.Testcontainers.exposeHostPorts(service.port());
        // repoCreateHook: POST /repos/{owner}/{repo}/hooks with CreateHookOption {type, config {url, content_type,
        // secret}, events, active}; "pull_request" turns on every pull request event, and active defaults to false
        // (routers/api/v1/utils/hook.go, addHook). Gitea signs each delivery's body: X-Gitea-Signature, hex HMAC-SHA256.
        ObjectNode hook = json().put("type", "gitea").put("active", true).put("branch_filter", "*");
        hook.putObject("config").put("url", "http://host.testcontainers.internal:" + service.port() + "/hooks/gitea/notes")
                .put("content_type", "json").put("secret", SECRET);
        hook.putArray("events").add("push").add("pull_request");
        api("POST", "/repos/" + REPO + "/hooks", basic(), hook, 201);

        author.git("checkout", "-q", "-b", "proposal");
        author.write("content/a/first.md", "---\ntitle: First\ndate: 2024-01-01\n---\nOne, improved.\n");
        author.commitAll("improve");
        String head = author.head();
        push(author, cloneUrl, "proposal");
        // repoCreatePullRequest: POST /repos/{owner}/{repo}/pulls with CreatePullRequestOption {head, base, title,
        // body}, 201 with the PullRequest, its index in "number" (routers/api/v1/repo/pull.go). Gitea keeps the head
        // under refs/pull/N/head of the base repository, where Imprint fetches it, and delivers pull_request "opened".
        int number = api("POST", "/repos/" + REPO + "/pulls", basic(), json().put("head", "proposal").put("base", "main")
                .put("title", "Improve").put("body", "A better first note."), 201).get("number").asInt();
        String preview = "/site/notes/preview/pr-" + number + "/";

        awaitOrExplain(Duration.ofSeconds(120), () -> status(preview + "a/first/") == 200);
        assertThat(running.get(preview + "a/first/").body()).contains("One, improved.").contains("Preview of #" + number);
        assertThat(running.get(preview + "_review/").body()).contains("a/first/").contains("<ins>One, improved.</ins>");
        assertThat(running.get("/site/notes/a/first/").body()).contains("One.").doesNotContain("improved");

        // what Gitea shows on the pull request: one review comment and the statuses of the head, read with the token
        awaitOrExplain(Duration.ofSeconds(60), () -> reviewComments(number).size() == 1
                && statuses(head).contains("success"));
        assertThat(statuses(head)).contains("pending", "success");
        // repoListStatuses: GET /repos/{owner}/{repo}/statuses/{sha}, a CommitStatus list whose state is in "status"
        // (routers/api/v1/repo/status.go)
        for (JsonNode s : api("GET", "/repos/" + REPO + "/statuses/" + head, token(), null, 200)) {
            assertThat(s.path("context").asText()).isEqualTo(CommitStatus.DEFAULT_CONTEXT);
            assertThat(s.path("target_url").asText()).isEqualTo(running.base() + preview + "_review/");
        }
        String comment = reviewComments(number).get(0);
        assertThat(comment).startsWith(ReviewComment.MARKER).contains("Text changed (1)")
                .contains(running.base() + preview + "a/first/")
                .contains("/" + REPO + "/src/commit/" + head + "/content/a/first.md");
    }

    // ------------------------------------------------------------------ Gitea

    /** The first admin, created with the container's own CLI (as user git, like {@code docker exec -u git}). */
    private static void createAdmin() throws Exception {
        ExecResult r = GITEA.execInContainer(ExecConfig.builder().user("git").command(new String[] {
                "gitea", "--config", "/data/gitea/conf/app.ini", "admin", "user", "create", "--admin",
                "--username", ADMIN, "--password", PASSWORD, "--email", ADMIN + "@example.org",
                "--must-change-password=false"}).build());
        assertThat(r.getExitCode()).as("gitea admin user create: %s %s", r.getStdout(), r.getStderr()).isZero();
    }

    /** userCreateToken, with the password (the only way to make a first token), scoped to what Imprint calls. */
    private String createToken() throws Exception {
        ObjectNode body = json().put("name", "imprint-it");
        body.putArray("scopes").add("write:repository").add("write:issue");
        String sha1 = api("POST", "/users/" + ADMIN + "/tokens", basic(), body, 201).path("sha1").asText();
        assertThat(sha1).as("the new token, in sha1").isNotEmpty();
        return sha1;
    }

    /**
     * Imprint's comments on the pull request, oldest first. issueGetComments: GET /repos/{owner}/{repo}/issues/{index}/
     * comments, every comment at once (routers/api/v1/repo/issue_comment.go); a pull request's comments are its issue's.
     */
    private List<String> reviewComments(int number) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (JsonNode c : api("GET", "/repos/" + REPO + "/issues/" + number + "/comments", token(), null, 200)) {
            String body = c.path("body").asText();
            if (body.startsWith(ReviewComment.MARKER)) {
                bodies.add(body);
            }
        }
        return bodies;
    }

    /** The states of the head's commit statuses (repoListStatuses answers the state as "status"). */
    private List<String> statuses(String sha) throws Exception {
        List<String> states = new ArrayList<>();
        for (JsonNode s : api("GET", "/repos/" + REPO + "/statuses/" + sha, token(), null, 200)) {
            states.add(s.path("status").asText(s.path("state").asText()));
        }
        return states;
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private String token() {
        return "token " + token;
    }

    /** One call to {@code /api/v1}, which must answer {@code expected}; its JSON answer. */
    private JsonNode api(String method, String path, String authorization, JsonNode body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + GITEA.getHost() + ":"
                        + GITEA.getMappedPort(HTTP) + "/api/v1" + path))
                .header("Authorization", authorization).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    /** Pushes a branch with the real git CLI over HTTP, the token as the password (sent as a header, never stored). */
    private void push(GitRepo repo, String url, String branch) {
        String basic = Base64.getEncoder().encodeToString((ADMIN + ":" + token).getBytes(StandardCharsets.UTF_8));
        repo.gitEnv(Map.of("GIT_CONFIG_COUNT", "1", "GIT_CONFIG_KEY_0", "http.extraHeader",
                "GIT_CONFIG_VALUE_0", "Authorization: Basic " + basic), "push", "-q", url, branch);
    }

    private static ObjectNode json() {
        return JSON.createObjectNode();
    }

    // ------------------------------------------------------------------ Imprint

    private int status(String path) throws Exception {
        return running.get(path).statusCode();
    }

    /** Awaits the condition; when it never holds, says what Imprint's API and Gitea's log said meanwhile. */
    private void awaitOrExplain(Duration atMost, Callable<Boolean> condition) throws Exception {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(condition);
        } catch (ConditionTimeoutException e) {
            String logs = GITEA.getLogs();
            throw new AssertionError(e.getMessage() + "\nImprint's builds: " + running.get("/api/repos").body()
                    + "\nGitea's log (end):\n" + logs.substring(Math.max(0, logs.length() - 6000)), e);
        }
    }
}
