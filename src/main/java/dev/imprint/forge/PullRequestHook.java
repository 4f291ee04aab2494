package dev.imprint.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imprint.forge.PullRequestEvent.Action;
import java.util.Locale;
import java.util.Set;

/**
 * Pull-request deliveries, once {@link WebhookVerifier} has authenticated them: reads the pull request out of a
 * GitHub, Gitea/Forgejo or GitLab payload and decides whether a preview needs it. Wanted are pull requests into the
 * watched branch that were opened or reopened, got new commits, or were closed or merged; anything else is
 * {@code IGNORED} with a reason that names the pull request and what happened to it.
 */
final class PullRequestHook {

    /** Gitea/Forgejo's {@code X-Gitea-Event-Type} for a change of labels, milestone, assignees or reviewers. */
    private static final Set<String> GITEA_METADATA_TYPES = Set.of("pull_request_label", "pull_request_milestone",
            "pull_request_assign", "pull_request_review_request");

    private PullRequestHook() {
    }

    /** The forge's action, mapped: an action a preview needs, or why it needs none. */
    private record Verdict(Action action, boolean merged, String ignored) {
        static Verdict of(Action action) {
            return new Verdict(action, false, null);
        }

        static Verdict ignore(String why) {
            return new Verdict(null, false, why);
        }
    }

    /** GitHub {@code pull_request}: opened, synchronize, reopened, closed (merged or not). */
    static WebhookOutcome github(JsonNode root, String watched, String deliveryId) {
        String action = text(root.get("action"));
        Verdict verdict = action == null ? Verdict.ignore("no action") : switch (action) {
            case "opened", "reopened" -> Verdict.of(Action.OPENED);
            case "synchronize" -> Verdict.of(Action.UPDATED);
            case "closed" -> closed(root.at("/pull_request/merged"));
            default -> ignoredAction(action);
        };
        return decide(Provider.GITHUB, root, verdict, watched, deliveryId);
    }

    /**
     * Gitea and Forgejo {@code pull_request}: opened, synchronized, reopened, closed (merged or not). The event type
     * header tells a label, milestone, assignee or reviewer change apart even before the body's action does.
     */
    static WebhookOutcome gitea(String eventType, JsonNode root, String watched, String deliveryId) {
        String type = eventType == null ? "" : eventType.trim().toLowerCase(Locale.ROOT);
        String action = text(root.get("action"));
        Verdict verdict;
        if (GITEA_METADATA_TYPES.contains(type)) {
            verdict = Verdict.ignore(type + " event, nothing to build");
        } else {
            verdict = action == null ? Verdict.ignore("no action") : switch (action) {
                case "opened", "reopened" -> Verdict.of(Action.OPENED);
                case "synchronized" -> Verdict.of(Action.UPDATED);
                case "closed" -> closed(root.at("/pull_request/merged"));
                default -> ignoredAction(action);
            };
        }
        return decide(Provider.GITEA, root, verdict, watched, deliveryId);
    }

    /**
     * GitLab {@code Merge Request Hook}: open, reopen, update, close, merge. GitLab says "update" for a title or
     * label edit too; only an update with {@code oldrev} (the head before the push) brought new commits.
     */
    static WebhookOutcome gitlab(JsonNode root, String watched, String deliveryId) {
        JsonNode attributes = root.path("object_attributes");
        String action = text(attributes.get("action"));
        Verdict verdict = action == null ? Verdict.ignore("no action") : switch (action) {
            case "open", "reopen" -> Verdict.of(Action.OPENED);
            case "update" -> text(attributes.get("oldrev")) != null ? Verdict.of(Action.UPDATED)
                    : Verdict.ignore("update without oldrev (no new commits), nothing to build");
            case "close" -> new Verdict(Action.CLOSED, false, null);
            case "merge" -> new Verdict(Action.CLOSED, true, null);
            default -> ignoredAction(action);
        };
        return decide(Provider.GITLAB, root, verdict, watched, deliveryId);
    }

    private static Verdict closed(JsonNode merged) {
        return new Verdict(Action.CLOSED, merged.isBoolean() && merged.booleanValue(), null);
    }

    private static Verdict ignoredAction(String action) {
        return Verdict.ignore("action " + action + ", nothing to build");
    }

    private static WebhookOutcome decide(Provider provider, JsonNode root, Verdict verdict, String watched,
                                         String deliveryId) {
        Integer number = number(provider, root);
        if (number == null) {
            return WebhookOutcome.malformed("pull request payload has no number", deliveryId);
        }
        String base = baseBranch(provider, root);
        if (base == null) {
            return WebhookOutcome.malformed("pull request #" + number + " has no base branch", deliveryId);
        }
        if (verdict.ignored() != null) {
            return WebhookOutcome.ignored("pull request #" + number + ": " + verdict.ignored(), null, deliveryId);
        }
        if (!watched.equals(base)) {
            return WebhookOutcome.ignored("pull request #" + number + " into " + base + ", watching " + watched,
                    null, deliveryId);
        }
        return WebhookOutcome.pullRequest(read(provider, root, verdict.action(), verdict.merged()), deliveryId);
    }

    /**
     * The pull request {@code root} describes, with the action (and merged flag) the caller mapped; null when the
     * payload has no pull request number. GitHub and Gitea share one payload shape.
     */
    static PullRequestEvent read(Provider provider, JsonNode root, Action action, boolean merged) {
        Integer number = number(provider, root);
        if (number == null) {
            return null;
        }
        boolean closedMerged = action == Action.CLOSED && merged;
        if (provider == Provider.GITLAB) {
            JsonNode a = root.path("object_attributes");
            String head = text(a.at("/source/path_with_namespace"));
            String base = first(text(a.at("/target/path_with_namespace")),
                    text(root.at("/project/path_with_namespace")));
            JsonNode sourceId = a.get("source_project_id");
            JsonNode targetId = a.get("target_project_id");
            // project ids survive renames; names are the fallback
            boolean fork = sourceId != null && sourceId.isIntegralNumber() && targetId != null
                    && targetId.isIntegralNumber() ? sourceId.longValue() != targetId.longValue() : differs(head, base);
            return new PullRequestEvent(number, action, closedMerged, text(a.at("/last_commit/id")),
                    branch(text(a.get("source_branch"))), head, httpUrl(text(a.at("/source/git_http_url"))),
                    branch(text(a.get("target_branch"))), base, fork, "refs/merge-requests/" + number + "/head",
                    text(a.get("title")), text(a.get("url")), gitlabAuthor(root, a));
        }
        JsonNode pr = root.path("pull_request");
        String head = text(pr.at("/head/repo/full_name"));
        // the delivery's repository is the one the pull request is in
        String base = first(text(pr.at("/base/repo/full_name")), text(root.at("/repository/full_name")));
        return new PullRequestEvent(number, action, closedMerged, text(pr.at("/head/sha")),
                branch(text(pr.at("/head/ref"))), head, httpUrl(text(pr.at("/head/repo/clone_url"))),
                branch(text(pr.at("/base/ref"))), base, differs(head, base), "refs/pull/" + number + "/head",
                text(pr.get("title")), text(pr.get("html_url")),
                first(text(pr.at("/user/login")), text(pr.at("/user/username"))));
    }

    private static Integer number(Provider provider, JsonNode root) {
        if (provider == Provider.GITLAB) {
            return positiveInt(root.at("/object_attributes/iid"));
        }
        Integer top = positiveInt(root.get("number"));
        return top != null ? top : positiveInt(root.at("/pull_request/number"));
    }

    private static String baseBranch(Provider provider, JsonNode root) {
        return branch(text(provider == Provider.GITLAB ? root.at("/object_attributes/target_branch")
                : root.at("/pull_request/base/ref")));
    }

    /** GitLab names only the author's id: the user who acted is the author when the ids match or they opened it. */
    private static String gitlabAuthor(JsonNode root, JsonNode attributes) {
        JsonNode userId = root.at("/user/id");
        JsonNode authorId = attributes.get("author_id");
        boolean same = userId.isIntegralNumber() && authorId != null && authorId.isIntegralNumber()
                && userId.longValue() == authorId.longValue();
        return same || "open".equals(text(attributes.get("action"))) ? text(root.at("/user/username")) : null;
    }

    /** Unknown counts as different: a head the payload does not name is not assumed to be the base repository. */
    private static boolean differs(String head, String base) {
        return head == null || base == null || !head.equalsIgnoreCase(base);
    }

    private static Integer positiveInt(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToInt() && node.intValue() > 0
                ? node.intValue() : null;
    }

    /** A short branch name; some senders give the full {@code refs/heads/...} ref. */
    private static String branch(String ref) {
        return ref != null && ref.startsWith(PushEvent.HEADS) ? ref.substring(PushEvent.HEADS.length()) : ref;
    }

    /** The URL when it is http or https; anything else (ssh, file, a transport helper) is not for cloning here. */
    private static String httpUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** The text of a string node; null when absent, not a string, or empty (a field left blank says nothing). */
    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }
}
