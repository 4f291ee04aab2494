package dev.imprint.forge;

import static dev.imprint.forge.RestClient.encode;
import static dev.imprint.forge.RestClient.integer;
import static dev.imprint.forge.RestClient.lower;
import static dev.imprint.forge.RestClient.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imprint.forge.ForgeResult.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Map;

/**
 * Gitea's and Forgejo's API ({@code /api/v1}, {@code Authorization: token}). Modelled on GitHub's, but the pull request
 * list pages by {@code page} and {@code limit} with the total in {@code X-Total-Count}, an issue's comments come all at
 * once, and a commit status comes back with its state in {@code status}. A pull request's comments are its issue
 * comments.
 */
final class GiteaClient implements ForgeClient {
    /** Gitea's default {@code [api] MAX_RESPONSE_ITEMS}: a larger limit is cut to it. */
    static final int LIMIT = 50;
    /** Gitea documents no limit (the column is LONGTEXT); GitHub's keeps a report readable. */
    static final int MAX_COMMENT = 65_536;

    private final RestClient rest;
    private final String repo;

    GiteaClient(URI api, String repository, ForgeToken token, HttpClient http, Retries retries) {
        rest = new RestClient("Gitea", api, token, "Authorization", "token ", Map.of("Accept", "application/json"),
                http, retries);
        int slash = repository.indexOf('/');
        repo = "/repos/" + encode(repository.substring(0, slash)) + "/" + encode(repository.substring(slash + 1));
    }

    // List all comments on an issue (issueGetComments). Gitea and Forgejo document no paging here: every comment comes
    // in one answer, so one request reads them all: https://gitea.com/api/swagger#/issue/issueGetComments
    @Override
    public ForgeResult<Comment> findComment(int number, String marker) {
        ForgeResult<JsonNode> found = rest.find(rest.uri(repo + "/issues/" + number + "/comments"),
                c -> c.path("body").asText("").contains(marker), (reply, page, seen) -> null);
        return rest.result(found, GiteaClient::comment, "comment");
    }

    // Add a comment to an issue (issueCreateComment): https://gitea.com/api/swagger#/issue/issueCreateComment
    @Override
    public ForgeResult<Comment> createComment(int number, String body) {
        ObjectNode json = RestClient.object().put("body", body);
        return rest.result(rest.send("POST", repo + "/issues/" + number + "/comments", json), Outcome.CREATED,
                GiteaClient::comment, "comment");
    }

    // Edit a comment (issueEditComment), by id: https://gitea.com/api/swagger#/issue/issueEditComment
    @Override
    public ForgeResult<Comment> updateComment(int number, long commentId, String body) {
        ObjectNode json = RestClient.object().put("body", body);
        return rest.result(rest.send("PATCH", repo + "/issues/comments/" + commentId, json), Outcome.UPDATED,
                GiteaClient::comment, "comment");
    }

    // Create a commit status (repoCreateStatus): https://gitea.com/api/swagger#/repository/repoCreateStatus
    @Override
    public ForgeResult<CommitStatus> setStatus(String sha, CommitStatus status) {
        ObjectNode json = RestClient.object().put("state", lower(status.state())).put("context", status.context());
        if (status.targetUrl() != null) {
            json.put("target_url", status.targetUrl());
        }
        if (status.description() != null) {
            json.put("description", status.description());
        }
        return rest.result(rest.send("POST", repo + "/statuses/" + encode(sha), json), Outcome.CREATED,
                GiteaClient::status, "status");
    }

    // List a repo's pull requests (repoListPullRequests, paged): https://gitea.com/api/swagger#/repository/repoListPullRequests
    // Not "get by base and head" (repoGetPullRequestByBaseHead): it may answer a closed one while another is open.
    // Update a pull request (repoEditPullRequest, answers 201): https://gitea.com/api/swagger#/repository/repoEditPullRequest
    // Create a pull request (repoCreatePullRequest): https://gitea.com/api/swagger#/repository/repoCreatePullRequest
    @Override
    public ForgeResult<PullRequest> openOrUpdatePullRequest(String head, String base, String title, String body) {
        String list = repo + "/pulls?state=open&limit=" + LIMIT;
        ForgeResult<PullRequest> found = rest.result(rest.find(rest.uri(list + "&page=1"),
                p -> head.equals(p.path("head").path("ref").asText()) && base.equals(p.path("base").path("ref").asText())
                        && p.path("head").path("repo_id").asLong() == p.path("base").path("repo_id").asLong(),
                pages(list)), GiteaClient::pull, "pull request");
        if (found.outcome() == Outcome.FOUND) {
            PullRequest pr = found.value();
            if (pr.title().equals(title) && pr.body().equals(body)) {
                return found;
            }
            ObjectNode json = RestClient.object().put("title", title).put("body", body);
            return rest.result(rest.send("PATCH", repo + "/pulls/" + pr.number(), json), Outcome.UPDATED,
                    GiteaClient::pull, "pull request");
        }
        if (found.outcome() != Outcome.NONE) {
            return found;
        }
        ObjectNode json = RestClient.object().put("head", head).put("base", base).put("title", title).put("body", body);
        return rest.result(rest.send("POST", repo + "/pulls", json), Outcome.CREATED, GiteaClient::pull, "pull request");
    }

    // Get a pull request (repoGetPullRequest; 404 when there is none): "state" is open or closed, and a merged one is
    // closed with "merged" true; the head commit is head.sha, the base branch base.ref:
    // https://gitea.com/api/swagger#/repository/repoGetPullRequest
    @Override
    public ForgeResult<PullRequestState> pullRequestState(int number) {
        return rest.result(rest.send("GET", repo + "/pulls/" + number, null), Outcome.FOUND, GiteaClient::pullState,
                "pull request");
    }

    @Override
    public int maxCommentLength() {
        return MAX_COMMENT;
    }

    /**
     * The next {@code page} of {@code list}, until {@code X-Total-Count} items were seen (without it: until a page
     * shorter than the limit); an answer longer than the limit means the server does not page at all.
     */
    private RestClient.NextPage pages(String list) {
        return (reply, page, seen) -> {
            int size = reply.json().size();
            String total = reply.header("X-Total-Count");
            boolean more = size <= LIMIT && (total != null && total.strip().matches("\\d{1,18}")
                    ? seen < Long.parseLong(total.strip()) : size == LIMIT);
            return more ? rest.uri(list + "&page=" + (page + 1)) : null;
        };
    }

    private static Comment comment(JsonNode c) {
        if (!integer(c, "id") || text(c, "body") == null) {
            return null;
        }
        return new Comment(c.get("id").asLong(), text(c, "body"), text(c, "html_url"));
    }

    private static CommitStatus status(JsonNode s) {
        String state = text(s, "status") != null ? text(s, "status") : text(s, "state");
        if (state == null) {
            return null;
        }
        CommitStatus.State ours = switch (state.toLowerCase(Locale.ROOT)) {
            case "pending" -> CommitStatus.State.PENDING;
            case "success" -> CommitStatus.State.SUCCESS;
            case "failure" -> CommitStatus.State.FAILURE;
            case "error" -> CommitStatus.State.ERROR;
            default -> null;
        };
        return ours == null ? null : new CommitStatus(ours, text(s, "target_url"), text(s, "description"), text(s, "context"));
    }

    private static PullRequest pull(JsonNode p) {
        if (!integer(p, "number") || text(p, "title") == null) {
            return null;
        }
        String body = text(p, "body");
        return new PullRequest(p.get("number").asInt(), text(p, "title"), body == null ? "" : body,
                p.path("head").path("ref").asText(null), p.path("base").path("ref").asText(null), text(p, "html_url"));
    }

    private static PullRequestState pullState(JsonNode p) {
        String base = text(p.path("base"), "ref");
        if (!integer(p, "number") || base == null) {
            return null;
        }
        PullRequestState.State state = switch (String.valueOf(text(p, "state"))) {
            case "open" -> PullRequestState.State.OPEN;
            case "closed" -> p.path("merged").asBoolean(false) ? PullRequestState.State.MERGED : PullRequestState.State.CLOSED;
            default -> null;
        };
        return state == null ? null
                : new PullRequestState(p.get("number").asInt(), state, text(p.path("head"), "sha"), base);
    }

    @Override
    public String toString() {
        return "GiteaClient[" + repo.substring("/repos/".length()) + " at " + rest.base() + "]";
    }
}
