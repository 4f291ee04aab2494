package dev.imprint.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GitLab's REST API v4 as documented for the calls Imprint makes: merge request notes
 * (https://docs.gitlab.com/api/notes/#merge-requests), commit statuses
 * (https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit) and merge requests
 * (https://docs.gitlab.com/api/merge_requests/). Every request needs {@code PRIVATE-TOKEN}; the project is its full
 * path URL-encoded as one segment ({@code group%2Fnotes}); lists page by {@code page} and {@code per_page} (at most 100,
 * default 20) with {@code x-next-page} and friends (https://docs.gitlab.com/api/rest/#pagination). Errors are
 * {@code {"message": …}}, parameter errors {@code {"error": …}}.
 */
public final class GitLabSimulator extends ForgeSimulator {
    private static final Set<String> STATES = Set.of("pending", "running", "success", "failed", "canceled", "skipped");
    private static final long PROJECT_ID = 42;

    /** Open merge requests GitLab is merging just now: their state is "locked". */
    private final Set<Integer> locked = new HashSet<>();

    public GitLabSimulator(String projectPath, String token) {
        super("/api/v4", projectPath, token);
    }

    @Override
    protected void check(Request r) {
        if (r.header("PRIVATE-TOKEN") == null) {
            throw new OffSpec(401, "401 Unauthorized");
        }
        if (!token.equals(r.header("PRIVATE-TOKEN"))) {
            throw refused(401, "401 Unauthorized");
        }
    }

    @Override
    protected Answer route(Request r) {
        String project = "/projects/" + encoded(repository);
        if (!r.path().startsWith(project + "/")) {
            throw refused(404, "404 Project Not Found");
        }
        Request in = new Request(r.method(), r.path().substring(project.length()), r.query(), r.headers(), r.body());
        Matcher m;
        if ((m = match(in, "GET", "/merge_requests/(\\d+)/notes")) != null) {
            in.allowOnly(Set.of("sort", "order_by", "page", "per_page", "activity_filter"));
            int iid = mergeRequest(m.group(1)).number();
            List<JsonNode> all = new ArrayList<>();
            comments(iid).forEach(c -> all.add(note(c)));
            if ("desc".equals(in.query().getOrDefault("sort", "desc"))) {
                Collections.reverse(all);
            }
            return list(in, all);
        }
        if ((m = match(in, "POST", "/merge_requests/(\\d+)/notes")) != null) {
            int iid = mergeRequest(m.group(1)).number();
            return Answer.of(201, note(addComment(iid, "imprint-bot", param(in.json(400), "body"), false)));
        }
        if ((m = match(in, "PUT", "/merge_requests/(\\d+)/notes/(\\d+)")) != null) {
            int iid = mergeRequest(m.group(1)).number();
            Comment c = comment(Long.parseLong(m.group(2)));
            if (c == null || c.number() != iid) {
                throw refused(404, "404 Not found");
            }
            return Answer.of(200, note(replaceComment(c, param(in.json(400), "body"))));
        }
        if ((m = match(in, "POST", "/statuses/([^/]+)")) != null) {
            ObjectNode json = in.json(400);
            String state = param(json, "state");
            if (!STATES.contains(state)) {
                throw new OffSpec(400, "state does not have a valid value");
            }
            String name = optionalString(json, "name");
            Status s = addStatus(m.group(1), state, name == null ? "default" : name, optionalString(json, "description"),
                    optionalString(json, "target_url"));
            ObjectNode out = object().put("id", s.id()).put("sha", s.sha()).put("ref", "").put("status", s.state())
                    .put("name", s.context()).put("target_url", s.targetUrl()).put("description", s.description())
                    .put("created_at", CREATED_AT).put("allow_failure", false).put("pipeline_id", 7);
            out.putNull("started_at");
            out.putNull("finished_at");
            out.putNull("coverage");
            out.set("author", user("imprint-bot"));
            return Answer.of(201, out);
        }
        if (match(in, "GET", "/merge_requests") != null) {
            in.allowOnly(Set.of("state", "source_branch", "target_branch", "order_by", "sort", "page", "per_page", "view"));
            String state = in.query().getOrDefault("state", "all");
            if (!Set.of("opened", "closed", "locked", "merged", "all").contains(state)) {
                throw new OffSpec(400, "state does not have a valid value");
            }
            List<JsonNode> all = new ArrayList<>();
            for (Pull p : pulls()) {
                boolean stateMatches = state.equals("all") || state.equals(state(p));
                if (stateMatches && (in.query().get("source_branch") == null || in.query().get("source_branch").equals(p.head()))
                        && (in.query().get("target_branch") == null || in.query().get("target_branch").equals(p.base()))) {
                    all.add(mergeRequest(p));
                }
            }
            return list(in, all);
        }
        if ((m = match(in, "GET", "/merge_requests/(\\d+)")) != null) {
            in.allowOnly(Set.of("include_diverged_commits_count", "include_rebase_in_progress", "render_html"));
            return Answer.of(200, singleMergeRequest(mergeRequest(m.group(1))));
        }
        if (match(in, "POST", "/merge_requests") != null) {
            ObjectNode json = in.json(400);
            String source = param(json, "source_branch");
            String target = param(json, "target_branch");
            String title = param(json, "title");
            for (Pull p : pulls()) {
                if (p.open() && p.head().equals(source) && p.base().equals(target)) {
                    ObjectNode conflict = object();
                    conflict.putArray("message").add("Another open merge request already exists for this source branch: !" + p.number());
                    return Answer.of(409, conflict);
                }
            }
            return Answer.of(201, singleMergeRequest(addPull(source, target, title, optionalString(json, "description"))));
        }
        if ((m = match(in, "PUT", "/merge_requests/(\\d+)")) != null) {
            Pull p = mergeRequest(m.group(1));
            ObjectNode json = in.json(400);
            if (json.isEmpty()) {
                throw new OffSpec(400, "assignee_id, assignee_ids, description, title, ... are missing, at least one parameter must be provided");
            }
            String title = optionalString(json, "title");
            String description = optionalString(json, "description");
            Pull edited = p.with(title == null ? p.title() : title, description == null ? p.body() : description);
            pulls.put(p.number(), edited);
            return Answer.of(200, singleMergeRequest(edited));
        }
        throw new OffSpec(404, "404 Not found");
    }

    /** The URL-encoded full path GitLab takes for a project id: {@code group/notes} is {@code group%2Fnotes}. */
    private static String encoded(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A required parameter: Grape's 400 {@code {"error": "body is missing"}}. */
    private static String param(ObjectNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            throw new OffSpec(400, field + " is missing");
        }
        if (!v.isTextual()) {
            throw new OffSpec(400, field + " is invalid");
        }
        return v.asText();
    }

    /** One page with GitLab's pagination headers; {@code x-next-page} is empty on the last page. */
    private static Answer list(Request in, List<JsonNode> all) {
        int perPage = in.intParam("per_page", 20, 1, 100);
        int page = in.intParam("page", 1, 1, Integer.MAX_VALUE);
        ArrayNode items = JSON.createArrayNode();
        page(all, page, perPage).forEach(items::add);
        int pages = Math.max(1, (all.size() + perPage - 1) / perPage);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-page", String.valueOf(page));
        headers.put("x-per-page", String.valueOf(perPage));
        headers.put("x-next-page", page < pages ? String.valueOf(page + 1) : "");
        headers.put("x-prev-page", page > 1 ? String.valueOf(page - 1) : "");
        headers.put("x-total", String.valueOf(all.size()));
        headers.put("x-total-pages", String.valueOf(pages));
        return new Answer(200, items, headers);
    }

    private Pull mergeRequest(String iid) {
        Pull p = pulls.get(Integer.parseInt(iid));
        if (p == null) {
            throw refused(404, "404 Not found");
        }
        return p;
    }

    /** Open merge request {@code iid} is being merged: "locked", a short-lived state, until it is merged or closed. */
    public synchronized void lockMergeRequest(int iid) {
        Pull p = pulls.get(iid);
        if (p == null || !p.open()) {
            throw new IllegalStateException("merge request " + iid + " is not open");
        }
        locked.add(iid);
    }

    /** GitLab's state: opened, closed, locked or merged. */
    private String state(Pull p) {
        return p.merged() ? "merged" : !p.open() ? "closed" : locked.contains(p.number()) ? "locked" : "opened";
    }

    /** A system note ("added 1 commit"), which no one can edit. */
    public synchronized long addSystemNote(int iid, String body) {
        return addComment(iid, "imprint-bot", body, true).id();
    }

    private JsonNode note(Comment c) {
        ObjectNode json = object().put("id", c.id()).put("body", c.body()).put("created_at", CREATED_AT)
                .put("updated_at", CREATED_AT).put("system", c.system()).put("noteable_id", 100 + c.number())
                .put("noteable_type", "MergeRequest").put("project_id", PROJECT_ID).put("resolvable", false)
                .put("confidential", false).put("internal", false).put("noteable_iid", c.number());
        json.putNull("type");
        json.putNull("attachment");
        json.set("author", user(c.author()));
        return json;
    }

    /** A merge request as lists show it. */
    private ObjectNode mergeRequest(Pull p) {
        ObjectNode json = object().put("id", p.id()).put("iid", p.number()).put("project_id", PROJECT_ID)
                .put("title", p.title()).put("description", p.body()).put("state", state(p))
                .put("created_at", CREATED_AT).put("updated_at", CREATED_AT).put("target_branch", p.base())
                .put("source_branch", p.head()).put("source_project_id", PROJECT_ID).put("target_project_id", PROJECT_ID)
                .put("draft", false).put("merge_status", "can_be_merged")
                .put("detailed_merge_status", p.open() ? "mergeable" : "not_open").put("sha", p.headSha())
                .put("web_url", origin() + "/" + repository + "/-/merge_requests/" + p.number());
        if (p.merged()) {
            json.put("merged_at", CREATED_AT).put("merge_commit_sha", "f".repeat(40)).set("merge_user", user("ada"));
        } else {
            json.putNull("merged_at");
            json.putNull("merge_commit_sha");
            json.putNull("merge_user");
        }
        if (p.open() || p.merged()) {
            json.putNull("closed_at");
            json.putNull("closed_by");
        } else {
            json.put("closed_at", CREATED_AT).set("closed_by", user("ada"));
        }
        json.set("author", user("imprint-bot"));
        return json;
    }

    /** A merge request as getting, creating or updating one answers it: with its diff_refs and changes_count too. */
    private ObjectNode singleMergeRequest(Pull p) {
        ObjectNode json = mergeRequest(p).put("changes_count", "1");
        json.set("diff_refs", object().put("base_sha", "c".repeat(40)).put("head_sha", p.headSha())
                .put("start_sha", "c".repeat(40)));
        return json;
    }

    private static ObjectNode user(String username) {
        return object().put("id", Math.abs(username.hashCode())).put("username", username).put("name", username)
                .put("state", "active");
    }

    @Override
    protected JsonNode error(int status, String message) {
        return status == 400 || status == 415 ? object().put("error", message) : object().put("message", message);
    }
}
