package dev.imprint.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Gitea's (and Forgejo's) API under {@code /api/v1} as its swagger documents the calls Imprint makes
 * (https://gitea.com/api/swagger): issueGetComments, issueCreateComment, issueEditComment, repoCreateStatus,
 * repoListPullRequests, repoGetPullRequest, repoCreatePullRequest, repoEditPullRequest. Every request needs
 * {@code Authorization: token …}. As in Gitea, an issue's comments come all at once (the endpoint documents no page
 * parameters) with {@code X-Total-Count}, while the pull request list pages by {@code page} and {@code limit}, cut to
 * {@code MAX_RESPONSE_ITEMS} (50). Errors are {@code {"message", "url"}}.
 */
public final class GiteaSimulator extends ForgeSimulator {
    private static final int MAX_RESPONSE_ITEMS = 50;
    private static final int DEFAULT_PAGING_NUM = 30;
    private static final Set<String> STATES = Set.of("pending", "success", "error", "failure", "warning");

    public GiteaSimulator(String repository, String token) {
        super("/api/v1", repository, token);
    }

    @Override
    protected void check(Request r) {
        String auth = r.header("Authorization");
        if (auth == null || !auth.startsWith("token ")) {
            throw new OffSpec(401, "token is required");
        }
        if (!auth.equals("token " + token)) {
            throw refused(401, "user does not exist [uid: 0, name: ]");
        }
        String accept = r.header("Accept");
        if (accept == null || !accept.contains("application/json")) {
            throw new OffSpec(406, "the API produces application/json, Accept was " + accept);
        }
    }

    @Override
    protected Answer route(Request r) {
        String repo = "/repos/" + repository;
        if (!r.path().startsWith(repo + "/")) {
            throw refused(404, "The target couldn't be found.");
        }
        Request in = new Request(r.method(), r.path().substring(repo.length()), r.query(), r.headers(), r.body());
        Matcher m;
        if ((m = match(in, "GET", "/issues/(\\d+)/comments")) != null) {
            in.allowOnly(Set.of("since", "before"));
            int number = pull(m.group(1)).number();
            ArrayNode items = JSON.createArrayNode();
            comments(number).forEach(c -> items.add(comment(c)));
            return new Answer(200, items, Map.of("X-Total-Count", String.valueOf(items.size())));
        }
        if ((m = match(in, "POST", "/issues/(\\d+)/comments")) != null) {
            int number = pull(m.group(1)).number();
            return Answer.of(201, comment(addComment(number, "imprint-bot", required(in.json(422), "body"), false)));
        }
        if ((m = match(in, "PATCH", "/issues/comments/(\\d+)")) != null) {
            Comment c = comment(Long.parseLong(m.group(1)));
            if (c == null) {
                throw refused(404, "The target couldn't be found.");
            }
            return Answer.of(200, comment(replaceComment(c, required(in.json(422), "body"))));
        }
        if ((m = match(in, "POST", "/statuses/([^/]+)")) != null) {
            ObjectNode json = in.json(422);
            String state = string(json, "state");
            if (!STATES.contains(state)) {
                throw new OffSpec(422, "state: invalid commit status state " + state);
            }
            Status s = addStatus(m.group(1), state, optionalString(json, "context"), optionalString(json, "description"),
                    optionalString(json, "target_url"));
            return Answer.of(201, object().put("id", s.id()).put("status", s.state()).put("target_url", s.targetUrl())
                    .put("description", s.description()).put("url", apiUrl() + repo + "/statuses/" + s.sha())
                    .put("context", s.context()).put("created_at", CREATED_AT).put("updated_at", CREATED_AT)
                    .set("creator", user("imprint-bot")));
        }
        if (match(in, "GET", "/pulls") != null) {
            in.allowOnly(Set.of("state", "sort", "milestone", "labels", "poster", "base_branch", "page", "limit"));
            String state = in.query().getOrDefault("state", "open");
            if (!Set.of("open", "closed", "all").contains(state)) {
                throw new OffSpec(422, "state must be open, closed or all");
            }
            int limit = Math.min(MAX_RESPONSE_ITEMS, in.intParam("limit", DEFAULT_PAGING_NUM, 1, Integer.MAX_VALUE));
            int page = in.intParam("page", 1, 1, Integer.MAX_VALUE);
            List<JsonNode> all = new ArrayList<>();
            for (Pull p : pulls()) {
                if (state.equals("all") || p.open() == state.equals("open")) {
                    all.add(pull(p));
                }
            }
            ArrayNode items = JSON.createArrayNode();
            page(all, page, limit).forEach(items::add);
            return new Answer(200, items, Map.of("X-Total-Count", String.valueOf(all.size())));
        }
        if ((m = match(in, "GET", "/pulls/(\\d+)")) != null) {
            in.allowOnly(Set.of());
            return Answer.of(200, pull(pull(m.group(1))));
        }
        if (match(in, "POST", "/pulls") != null) {
            ObjectNode json = in.json(422);
            String head = required(json, "head");
            String base = required(json, "base");
            String title = required(json, "title");
            for (Pull p : pulls()) {
                if (p.open() && p.head().equals(head) && p.base().equals(base)) {
                    throw refused(409, "pull request already exists for these targets [id: " + p.id() + ", issue_id: "
                            + p.number() + ", head_repo_id: 1, base_repo_id: 1, head_branch: " + head + ", base_branch: " + base + "]");
                }
            }
            return Answer.of(201, pull(addPull(head, base, title, optionalString(json, "body"))));
        }
        if ((m = match(in, "PATCH", "/pulls/(\\d+)")) != null) {
            Pull p = pull(m.group(1));
            ObjectNode json = in.json(422);
            String title = optionalString(json, "title");
            String body = optionalString(json, "body");
            Pull edited = p.with(title == null || title.isEmpty() ? p.title() : title, body == null ? p.body() : body);
            pulls.put(p.number(), edited);
            return Answer.of(201, pull(edited)); // sic: Gitea answers an edit with 201
        }
        throw new OffSpec(404, "The target couldn't be found.");
    }

    /** Gitea's binding:"Required": present, a string, and not empty. */
    private static String required(ObjectNode json, String field) {
        String value = string(json, field);
        if (value.isEmpty()) {
            throw new OffSpec(422, "[" + field + "]: Required");
        }
        return value;
    }

    private Pull pull(String number) {
        Pull p = pulls.get(Integer.parseInt(number));
        if (p == null) {
            throw refused(404, "The target couldn't be found.");
        }
        return p;
    }

    private String html() {
        return origin() + "/" + repository;
    }

    private JsonNode comment(Comment c) {
        return object().put("id", c.id()).put("html_url", html() + "/pulls/" + c.number() + "#issuecomment-" + c.id())
                .put("pull_request_url", html() + "/pulls/" + c.number()).put("issue_url", "")
                .put("original_author", "").put("original_author_id", 0).put("body", c.body())
                .put("created_at", CREATED_AT).put("updated_at", CREATED_AT).set("user", user(c.author()));
    }

    private JsonNode pull(Pull p) {
        ObjectNode json = object().put("id", p.id()).put("url", html() + "/pulls/" + p.number()).put("number", p.number())
                .put("title", p.title()).put("body", p.body() == null ? "" : p.body())
                .put("state", p.open() ? "open" : "closed").put("is_locked", false).put("comments", 0)
                .put("html_url", html() + "/pulls/" + p.number()).put("diff_url", html() + "/pulls/" + p.number() + ".diff")
                .put("patch_url", html() + "/pulls/" + p.number() + ".patch").put("mergeable", p.open())
                .put("merged", p.merged()).put("created_at", CREATED_AT).put("updated_at", CREATED_AT);
        if (p.merged()) {
            json.put("merged_at", CREATED_AT).put("merge_commit_sha", "e".repeat(40)).set("merged_by", user("ada"));
        } else {
            json.putNull("merged_at");
            json.putNull("merge_commit_sha");
            json.putNull("merged_by");
        }
        if (p.open()) {
            json.putNull("closed_at");
        } else {
            json.put("closed_at", CREATED_AT);
        }
        json.set("user", user("imprint-bot"));
        json.set("head", branch(p.head(), p.headSha()));
        json.set("base", branch(p.base(), "b".repeat(40)));
        return json;
    }

    private ObjectNode branch(String ref, String sha) {
        ObjectNode b = object().put("label", ref).put("ref", ref).put("sha", sha).put("repo_id", 1);
        b.set("repo", object().put("id", 1).put("full_name", repository));
        return b;
    }

    private static ObjectNode user(String login) {
        return object().put("id", Math.abs(login.hashCode())).put("login", login).put("full_name", login);
    }

    @Override
    protected JsonNode error(int status, String message) {
        return object().put("message", message).put("url", origin() + "/api/swagger");
    }
}
