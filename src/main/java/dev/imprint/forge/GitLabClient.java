package dev.imprint.forge;

import static dev.imprint.forge.RestClient.encode;
import static dev.imprint.forge.RestClient.integer;
import static dev.imprint.forge.RestClient.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imprint.forge.ForgeResult.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;

/**
 * GitLab's REST API v4 ({@code PRIVATE-TOKEN}). The project is named by its URL-encoded full path
 * ({@code group%2Fsub%2Fname}); a merge request's comments are its notes, which are edited through the merge request;
 * lists page by {@code page} with the next one in {@code x-next-page}.
 *
 * <p>Commit status states differ: ours map to GitLab's {@code pending}, {@code success} and {@code failed}; an ERROR
 * (Imprint could not build) is {@code failed} too, since {@code canceled} would tell readers someone stopped it.
 */
final class GitLabClient implements ForgeClient {
    /** "Note ... is too long (maximum is 1000000 characters)". */
    static final int MAX_COMMENT = 1_000_000;

    private final RestClient rest;
    private final String project;

    GitLabClient(URI api, String path, ForgeToken token, HttpClient http, Retries retries) {
        rest = new RestClient("GitLab", api, token, "PRIVATE-TOKEN", "", Map.of("Accept", "application/json"), http,
                retries);
        project = "/projects/" + encode(path);
    }

    // List all merge request notes, oldest first; pages in x-next-page:
    // https://docs.gitlab.com/api/notes/#list-all-merge-request-notes
    // https://docs.gitlab.com/api/rest/#pagination
    @Override
    public ForgeResult<Comment> findComment(int number, String marker) {
        String list = project + "/merge_requests/" + number + "/notes?sort=asc&order_by=created_at&per_page=100";
        ForgeResult<JsonNode> found = rest.find(rest.uri(list + "&page=1"),
                n -> !n.path("system").asBoolean() && n.path("body").asText("").contains(marker), pages(list));
        return rest.result(found, GitLabClient::note, "note");
    }

    // Create new merge request note: https://docs.gitlab.com/api/notes/#create-new-merge-request-note
    @Override
    public ForgeResult<Comment> createComment(int number, String body) {
        ObjectNode json = RestClient.object().put("body", body);
        return rest.result(rest.send("POST", project + "/merge_requests/" + number + "/notes", json), Outcome.CREATED,
                GitLabClient::note, "note");
    }

    // Modify existing merge request note: https://docs.gitlab.com/api/notes/#modify-existing-merge-request-note
    @Override
    public ForgeResult<Comment> updateComment(int number, long commentId, String body) {
        ObjectNode json = RestClient.object().put("body", body);
        return rest.result(rest.send("PUT", project + "/merge_requests/" + number + "/notes/" + commentId, json),
                Outcome.UPDATED, GitLabClient::note, "note");
    }

    // Set the pipeline status of a commit (the context is "name"):
    // https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit
    @Override
    public ForgeResult<CommitStatus> setStatus(String sha, CommitStatus status) {
        String state = switch (status.state()) {
            case PENDING -> "pending";
            case SUCCESS -> "success";
            case FAILURE, ERROR -> "failed";
        };
        ObjectNode json = RestClient.object().put("state", state).put("name", status.context());
        if (status.targetUrl() != null) {
            json.put("target_url", status.targetUrl());
        }
        if (status.description() != null) {
            json.put("description", status.description());
        }
        return rest.result(rest.send("POST", project + "/statuses/" + encode(sha), json), Outcome.CREATED,
                GitLabClient::status, "commit status");
    }

    // List project merge requests by source and target branch:
    // https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests
    // Update MR: https://docs.gitlab.com/api/merge_requests/#update-mr
    // Create MR: https://docs.gitlab.com/api/merge_requests/#create-mr
    @Override
    public ForgeResult<PullRequest> openOrUpdatePullRequest(String head, String base, String title, String body) {
        String list = project + "/merge_requests?state=opened&source_branch=" + encode(head) + "&target_branch="
                + encode(base) + "&per_page=100";
        ForgeResult<PullRequest> found = rest.result(rest.find(rest.uri(list + "&page=1"),
                m -> head.equals(m.path("source_branch").asText()) && base.equals(m.path("target_branch").asText())
                        && m.path("source_project_id").asLong() == m.path("target_project_id").asLong(),
                pages(list)), GitLabClient::mergeRequest, "merge request");
        if (found.outcome() == Outcome.FOUND) {
            PullRequest mr = found.value();
            if (mr.title().equals(title) && mr.body().equals(body)) {
                return found;
            }
            ObjectNode json = RestClient.object().put("title", title).put("description", body);
            return rest.result(rest.send("PUT", project + "/merge_requests/" + mr.number(), json), Outcome.UPDATED,
                    GitLabClient::mergeRequest, "merge request");
        }
        if (found.outcome() != Outcome.NONE) {
            return found;
        }
        ObjectNode json = RestClient.object().put("source_branch", head).put("target_branch", base).put("title", title)
                .put("description", body);
        return rest.result(rest.send("POST", project + "/merge_requests", json), Outcome.CREATED,
                GitLabClient::mergeRequest, "merge request");
    }

    // Get single MR: "state" is opened, closed, merged or locked (merging just now, so still open); the head commit is
    // "sha", the base branch "target_branch": https://docs.gitlab.com/api/merge_requests/#get-single-mr
    @Override
    public ForgeResult<PullRequestState> pullRequestState(int number) {
        return rest.result(rest.send("GET", project + "/merge_requests/" + number, null), Outcome.FOUND,
                GitLabClient::mergeRequestState, "merge request");
    }

    @Override
    public int maxCommentLength() {
        return MAX_COMMENT;
    }

    /** The page {@code x-next-page} names; it is empty on the last page. */
    private RestClient.NextPage pages(String list) {
        return (reply, page, seen) -> {
            String next = reply.header("x-next-page");
            return next != null && next.strip().matches("\\d{1,9}") ? rest.uri(list + "&page=" + next.strip()) : null;
        };
    }

    private static Comment note(JsonNode n) {
        if (!integer(n, "id") || text(n, "body") == null) {
            return null;
        }
        return new Comment(n.get("id").asLong(), text(n, "body"), null);
    }

    /** GitLab's states told back in ours: running is still pending, canceled and skipped are errors. */
    private static CommitStatus status(JsonNode s) {
        String state = text(s, "status");
        if (state == null) {
            return null;
        }
        CommitStatus.State ours = switch (state) {
            case "pending", "running", "created" -> CommitStatus.State.PENDING;
            case "success" -> CommitStatus.State.SUCCESS;
            case "failed" -> CommitStatus.State.FAILURE;
            case "canceled", "skipped" -> CommitStatus.State.ERROR;
            default -> null;
        };
        return ours == null ? null : new CommitStatus(ours, text(s, "target_url"), text(s, "description"), text(s, "name"));
    }

    private static PullRequest mergeRequest(JsonNode m) {
        if (!integer(m, "iid") || text(m, "title") == null) {
            return null;
        }
        String description = text(m, "description");
        return new PullRequest(m.get("iid").asInt(), text(m, "title"), description == null ? "" : description,
                text(m, "source_branch"), text(m, "target_branch"), text(m, "web_url"));
    }

    private static PullRequestState mergeRequestState(JsonNode m) {
        String target = text(m, "target_branch");
        if (!integer(m, "iid") || target == null) {
            return null;
        }
        PullRequestState.State state = switch (String.valueOf(text(m, "state"))) {
            case "opened", "locked" -> PullRequestState.State.OPEN;
            case "closed" -> PullRequestState.State.CLOSED;
            case "merged" -> PullRequestState.State.MERGED;
            default -> null;
        };
        return state == null ? null : new PullRequestState(m.get("iid").asInt(), state, text(m, "sha"), target);
    }

    @Override
    public String toString() {
        return "GitLabClient[" + project.substring("/projects/".length()) + " at " + rest.base() + "]";
    }
}
