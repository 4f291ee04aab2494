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
 * GitHub's REST API v3 as documented for the calls Imprint makes, under {@code /api/v3} (as on GitHub Enterprise
 * Server): issue comments (https://docs.github.com/en/rest/issues/comments), commit statuses
 * (https://docs.github.com/en/rest/commits/statuses) and pull requests (https://docs.github.com/en/rest/pulls/pulls).
 * Every request needs {@code Authorization: Bearer}, {@code Accept: application/vnd.github+json},
 * {@code X-GitHub-Api-Version: 2022-11-28} and a User-Agent; lists page by {@code per_page} (at most 100, default 30)
 * with a {@code Link} header; errors are {@code {"message", "documentation_url", "status"}}.
 */
public final class GitHubSimulator extends ForgeSimulator {
    private static final Set<String> STATES = Set.of("error", "failure", "pending", "success");

    private String linkOrigin;

    public GitHubSimulator(String repository, String token) {
        super("/api/v3", repository, token);
    }

    /** Link headers name this origin instead, as a server behind another host name would. */
    public synchronized void linkOrigin(String origin) {
        linkOrigin = origin;
    }

    @Override
    protected void check(Request r) {
        String auth = r.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            throw new OffSpec(401, "Requires authentication");
        }
        if (!auth.equals("Bearer " + token)) {
            throw refused(401, "Bad credentials");
        }
        if (r.header("User-Agent") == null) {
            throw new OffSpec(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header");
        }
        if (!"application/vnd.github+json".equals(r.header("Accept"))) {
            throw new OffSpec(415, "Unsupported 'Accept' header: " + r.header("Accept"));
        }
        if (!"2022-11-28".equals(r.header("X-GitHub-Api-Version"))) {
            throw new OffSpec(400, "Unsupported 'X-GitHub-Api-Version' header: " + r.header("X-GitHub-Api-Version"));
        }
    }

    @Override
    protected Answer route(Request r) {
        String repo = "/repos/" + repository;
        if (!r.path().startsWith(repo + "/")) {
            throw refused(404, "Not Found");
        }
        Request in = new Request(r.method(), r.path().substring(repo.length()), r.query(), r.headers(), r.body());
        Matcher m;
        if ((m = match(in, "GET", "/issues/(\\d+)/comments")) != null) {
            in.allowOnly(Set.of("per_page", "page", "since"));
            int number = pull(m.group(1)).number();
            List<JsonNode> all = new ArrayList<>();
            comments(number).forEach(c -> all.add(comment(c)));
            return list(in, "/issues/" + number + "/comments", all);
        }
        if ((m = match(in, "POST", "/issues/(\\d+)/comments")) != null) {
            int number = pull(m.group(1)).number();
            String body = string(in.json(400), "body");
            tooLong(body);
            return Answer.of(201, comment(addComment(number, "imprint-bot", body, false)));
        }
        if ((m = match(in, "PATCH", "/issues/comments/(\\d+)")) != null) {
            Comment c = comment(Long.parseLong(m.group(1)));
            if (c == null) {
                throw refused(404, "Not Found");
            }
            String body = string(in.json(400), "body");
            tooLong(body);
            return Answer.of(200, comment(replaceComment(c, body)));
        }
        if ((m = match(in, "POST", "/statuses/([^/]+)")) != null) {
            return Answer.of(201, status(in, m.group(1)));
        }
        if (match(in, "GET", "/pulls") != null) {
            in.allowOnly(Set.of("state", "head", "base", "sort", "direction", "per_page", "page"));
            String state = in.query().getOrDefault("state", "open");
            if (!Set.of("open", "closed", "all").contains(state)) {
                throw new OffSpec(422, "state must be open, closed or all");
            }
            String head = in.query().get("head");
            if (head != null && !head.contains(":")) {
                throw new OffSpec(422, "head must be user:ref-name");
            }
            List<JsonNode> all = new ArrayList<>();
            for (Pull p : pulls()) {
                boolean stateMatches = state.equals("all") || p.open() == state.equals("open");
                if (stateMatches && (head == null || head.equals(owner() + ":" + p.head()))
                        && (in.query().get("base") == null || in.query().get("base").equals(p.base()))) {
                    all.add(pull(p));
                }
            }
            return list(in, "/pulls", all);
        }
        if ((m = match(in, "GET", "/pulls/(\\d+)")) != null) {
            in.allowOnly(Set.of());
            return Answer.of(200, fullPull(pull(m.group(1))));
        }
        if (match(in, "POST", "/pulls") != null) {
            ObjectNode json = in.json(400);
            String title = string(json, "title");
            String head = string(json, "head");
            String base = string(json, "base");
            String body = optionalString(json, "body");
            for (Pull p : pulls()) {
                if (p.open() && p.head().equals(head) && p.base().equals(base)) {
                    throw refused(422, "A pull request already exists for " + owner() + ":" + head + ".");
                }
            }
            return Answer.of(201, fullPull(addPull(head, base, title, body)));
        }
        if ((m = match(in, "PATCH", "/pulls/(\\d+)")) != null) {
            Pull p = pull(m.group(1));
            ObjectNode json = in.json(400);
            String title = optionalString(json, "title");
            String body = optionalString(json, "body");
            Pull edited = p.with(title == null ? p.title() : title, body == null ? p.body() : body);
            pulls.put(p.number(), edited);
            return Answer.of(200, fullPull(edited));
        }
        throw new OffSpec(404, "Not Found");
    }

    /** GitHub refuses a description over 140 characters and an unknown state, with 422 "Validation Failed". */
    private JsonNode status(Request in, String sha) {
        if (!sha.matches("[0-9a-f]{40}")) {
            throw refused(422, "No commit found for SHA: " + sha);
        }
        ObjectNode json = in.json(400);
        String state = string(json, "state");
        if (!STATES.contains(state)) {
            throw new OffSpec(422, "state is not included in the list");
        }
        String description = optionalString(json, "description");
        if (description != null && description.codePointCount(0, description.length()) > 140) {
            throw new OffSpec(422, "description is too long (maximum is 140 characters)");
        }
        String context = optionalString(json, "context");
        Status s = addStatus(sha, state, context == null ? "default" : context, description,
                optionalString(json, "target_url"));
        return object().put("url", apiUrl() + "/repos/" + repository + "/statuses/" + sha).put("id", s.id())
                .put("node_id", "SC_" + s.id()).put("state", s.state()).put("description", s.description())
                .put("target_url", s.targetUrl()).put("context", s.context()).put("created_at", CREATED_AT)
                .put("updated_at", CREATED_AT).set("creator", user("imprint-bot"));
    }

    private static void tooLong(String body) {
        if (body.length() > 65_536) {
            throw refused(422, "body is too long (maximum is 65536 characters)");
        }
    }

    /** One page of {@code all}, with a Link header naming the next and last pages as GitHub does. */
    private Answer list(Request in, String path, List<JsonNode> all) {
        int perPage = in.intParam("per_page", 30, 1, 100);
        int page = in.intParam("page", 1, 1, Integer.MAX_VALUE);
        ArrayNode items = JSON.createArrayNode();
        page(all, page, perPage).forEach(items::add);
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        if (page >= last) {
            return Answer.of(200, items);
        }
        String root = linkOrigin == null ? apiUrl() : linkOrigin + "/api/v3";
        String url = root + "/repos/" + repository + path + "?per_page=" + perPage + "&page=";
        return new Answer(200, items, Map.of("Link",
                "<" + url + (page + 1) + ">; rel=\"next\", <" + url + last + ">; rel=\"last\""));
    }

    private Pull pull(String number) {
        Pull p = pulls.get(Integer.parseInt(number));
        if (p == null) {
            throw refused(404, "Not Found");
        }
        return p;
    }

    private String owner() {
        return repository.substring(0, repository.indexOf('/'));
    }

    private JsonNode comment(Comment c) {
        String html = "https://github.com/" + repository + "/pull/" + c.number();
        return object().put("id", c.id()).put("node_id", "IC_" + c.id())
                .put("url", apiUrl() + "/repos/" + repository + "/issues/comments/" + c.id())
                .put("html_url", html + "#issuecomment-" + c.id()).put("body", c.body())
                .put("created_at", CREATED_AT).put("updated_at", CREATED_AT)
                .put("issue_url", apiUrl() + "/repos/" + repository + "/issues/" + c.number())
                .put("author_association", "NONE").set("user", user(c.author()));
    }

    /** A pull request as lists show it ("pull-request-simple"): closed_at and merged_at, but no merged. */
    private ObjectNode pull(Pull p) {
        ObjectNode json = object().put("url", apiUrl() + "/repos/" + repository + "/pulls/" + p.number())
                .put("id", p.id()).put("node_id", "PR_" + p.id())
                .put("html_url", "https://github.com/" + repository + "/pull/" + p.number()).put("number", p.number())
                .put("state", p.open() ? "open" : "closed").put("locked", false).put("title", p.title())
                .put("body", p.body()).put("created_at", CREATED_AT).put("updated_at", CREATED_AT).put("draft", false);
        nullableTime(json, "closed_at", !p.open());
        nullableTime(json, "merged_at", p.merged());
        if (p.merged()) {
            json.put("merge_commit_sha", "d".repeat(40));
        } else {
            json.putNull("merge_commit_sha");
        }
        json.set("user", user("imprint-bot"));
        json.set("head", branch(p.head(), p.headSha()));
        json.set("base", branch(p.base(), "a".repeat(40)));
        return json;
    }

    /** A pull request as getting, creating or updating one answers it ("pull-request"): with merged and friends. */
    private ObjectNode fullPull(Pull p) {
        ObjectNode json = pull(p).put("merged", p.merged()).put("mergeable_state", p.open() ? "clean" : "unknown")
                .put("comments", comments(p.number()).size()).put("review_comments", 0).put("commits", 1)
                .put("additions", 1).put("deletions", 0).put("changed_files", 1).put("maintainer_can_modify", false);
        if (p.open()) {
            json.put("mergeable", true).put("rebaseable", true);
        } else {
            json.putNull("mergeable");
            json.putNull("rebaseable");
        }
        if (p.merged()) {
            json.set("merged_by", user("ada"));
        } else {
            json.putNull("merged_by");
        }
        return json;
    }

    private static void nullableTime(ObjectNode json, String field, boolean set) {
        if (set) {
            json.put(field, CREATED_AT);
        } else {
            json.putNull(field);
        }
    }

    private ObjectNode branch(String ref, String sha) {
        ObjectNode b = object().put("label", owner() + ":" + ref).put("ref", ref).put("sha", sha);
        b.set("repo", object().put("full_name", repository));
        return b;
    }

    private static ObjectNode user(String login) {
        return object().put("login", login).put("id", Math.abs(login.hashCode())).put("type", "User");
    }

    @Override
    protected JsonNode error(int status, String message) {
        ObjectNode json = object();
        if (status == 422) {
            json.put("message", "Validation Failed");
            json.putArray("errors").add(object().put("resource", "Resource").put("code", "custom").put("message", message));
        } else {
            json.put("message", message);
        }
        return json.put("documentation_url", "https://docs.github.com/rest").put("status", String.valueOf(status));
    }
}
