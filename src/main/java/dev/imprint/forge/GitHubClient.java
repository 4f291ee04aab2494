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
 * GitHub's REST API v3 (and GitHub Enterprise Server's, under {@code /api/v3}): {@code Authorization: Bearer},
 * the documented media type and API version on every request. A pull request's comments are its issue comments.
 */
final class GitHubClient implements ForgeClient {
    /** "body is too long (maximum is 65536 characters)", GitHub's 422 for a longer comment. */
    static final int MAX_COMMENT = 65_536;

    private final RestClient rest;
    private final String owner;
    private final String repo;

    GitHubClient(URI api, String repository, ForgeToken token, HttpClient http, Retries retries) {
        rest = new RestClient("GitHub", api, token, "Authorization", "Bearer ",
                Map.of("Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28"), http, retries);
        int slash = repository.indexOf('/');
        owner = repository.substring(0, slash);
        repo = "/repos/" + encode(owner) + "/" + encode(repository.substring(slash + 1));
    }

    // List issue comments, oldest first, 100 a page, next page in the Link header:
    // https://docs.github.com/en/rest/issues/comments#list-issue-comments
    // https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
    @Override
    public ForgeResult<Comment> findComment(int number, String marker) {
        ForgeResult<JsonNode> found = rest.find(rest.uri(repo + "/issues/" + number + "/comments?per_page=100"),
                c -> c.path("body").asText("").contains(marker), (reply, page, seen) -> RestClient.nextLink(reply));
        return rest.result(found, GitHubClient::comment, "comment");
    }

    // Create an issue comment: https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
    @Override
    public ForgeResult<Comment> createComment(int number, String body) {
        ObjectNode json = RestClient.object().put("body", body);
        return rest.result(rest.send("POST", repo + "/issues/" + number + "/comments", json), Outcome.CREATED,
                GitHubClient::comment, "comment");
    }

    // Update an issue comment (by id; the number is not in the path):
    // https://docs.github.com/en/rest/issues/comments#update-an-issue-comment
    @Override
    public ForgeResult<Comment> updateComment(int number, long commentId, String body) {
        ObjectNode json = RestClient.object().put("body", body);
        return rest.result(rest.send("PATCH", repo + "/issues/comments/" + commentId, json), Outcome.UPDATED,
                GitHubClient::comment, "comment");
    }

    // Create a commit status: https://docs.github.com/en/rest/commits/statuses#create-a-commit-status
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
                GitHubClient::status, "status");
    }

    // List pull requests filtered by head (owner:branch) and base: https://docs.github.com/en/rest/pulls/pulls#list-pull-requests
    // Update a pull request: https://docs.github.com/en/rest/pulls/pulls#update-a-pull-request
    // Create a pull request: https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request
    @Override
    public ForgeResult<PullRequest> openOrUpdatePullRequest(String head, String base, String title, String body) {
        URI open = rest.uri(repo + "/pulls?state=open&head=" + encode(owner + ":" + head) + "&base=" + encode(base)
                + "&per_page=100");
        ForgeResult<PullRequest> found = rest.result(rest.find(open,
                p -> head.equals(p.path("head").path("ref").asText()) && base.equals(p.path("base").path("ref").asText()),
                (reply, page, seen) -> RestClient.nextLink(reply)), GitHubClient::pull, "pull request");
        if (found.outcome() == Outcome.FOUND) {
            PullRequest pr = found.value();
            if (pr.title().equals(title) && pr.body().equals(body)) {
                return found;
            }
            ObjectNode json = RestClient.object().put("title", title).put("body", body);
            return rest.result(rest.send("PATCH", repo + "/pulls/" + pr.number(), json), Outcome.UPDATED,
                    GitHubClient::pull, "pull request");
        }
        if (found.outcome() != Outcome.NONE) {
            return found;
        }
        ObjectNode json = RestClient.object().put("title", title).put("head", head).put("base", base).put("body", body);
        return rest.result(rest.send("POST", repo + "/pulls", json), Outcome.CREATED, GitHubClient::pull, "pull request");
    }

    // Get a pull request: "state" is open or closed, and a merged one is closed with "merged" true and a "merged_at";
    // the head commit is head.sha, the base branch base.ref: https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request
    @Override
    public ForgeResult<PullRequestState> pullRequestState(int number) {
        return rest.result(rest.send("GET", repo + "/pulls/" + number, null), Outcome.FOUND, GitHubClient::pullState,
                "pull request");
    }

    @Override
    public int maxCommentLength() {
        return MAX_COMMENT;
    }

    private static Comment comment(JsonNode c) {
        if (!integer(c, "id") || text(c, "body") == null) {
            return null;
        }
        return new Comment(c.get("id").asLong(), text(c, "body"), text(c, "html_url"));
    }

    private static CommitStatus status(JsonNode s) {
        String state = text(s, "state");
        if (state == null) {
            return null;
        }
        try {
            return new CommitStatus(CommitStatus.State.valueOf(state.toUpperCase(Locale.ROOT)), text(s, "target_url"),
                    text(s, "description"), text(s, "context"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static PullRequest pull(JsonNode p) {
        if (!integer(p, "number") || text(p, "title") == null) {
            return null;
        }
        String body = text(p, "body"); // null for an empty description
        return new PullRequest(p.get("number").asInt(), text(p, "title"), body == null ? "" : body,
                p.path("head").path("ref").asText(null), p.path("base").path("ref").asText(null), text(p, "html_url"));
    }

    private static PullRequestState pullState(JsonNode p) {
        String base = text(p.path("base"), "ref");
        if (!integer(p, "number") || base == null) {
            return null;
        }
        boolean merged = p.path("merged").asBoolean(false) || text(p, "merged_at") != null;
        PullRequestState.State state = switch (String.valueOf(text(p, "state"))) {
            case "open" -> PullRequestState.State.OPEN;
            case "closed" -> merged ? PullRequestState.State.MERGED : PullRequestState.State.CLOSED;
            default -> null;
        };
        return state == null ? null
                : new PullRequestState(p.get("number").asInt(), state, text(p.path("head"), "sha"), base);
    }

    @Override
    public String toString() {
        return "GitHubClient[" + repo.substring("/repos/".length()) + " at " + rest.base() + "]";
    }
}
