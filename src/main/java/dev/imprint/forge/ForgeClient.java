package dev.imprint.forge;

import java.net.http.HttpClient;
import java.util.Map;

/**
 * What Imprint asks of a forge for pull-request previews, the same on GitHub, Gitea/Forgejo and GitLab: one review
 * comment per pull request, found again by a hidden marker and edited in place; a status on the head commit; one pull
 * request's state, to clean up the previews of those closed while Imprint was down; and, for "review before publish",
 * one pull request from a branch, opened or updated.
 *
 * <p>Every call answers a {@link ForgeResult}: an HTTP error, a network failure or a rate limit is an outcome carrying
 * the forge's own words, never an exception, so the caller turns it into a warning and publishing goes on. 5xx
 * answers and network errors are retried, and rate limits waited out, as {@link Retries} says. Implementations are
 * thread-safe. Numbers are pull-request numbers ({@code #12}; GitLab's merge request {@code iid}).
 */
public interface ForgeClient {

    /** The first comment on pull request {@code number} whose body contains {@code marker}, oldest first, over all pages. */
    ForgeResult<Comment> findComment(int number, String marker);

    ForgeResult<Comment> createComment(int number, String body);

    /** Replaces the body of comment {@code commentId} on pull request {@code number}. */
    ForgeResult<Comment> updateComment(int number, long commentId, String body);

    /** Sets {@code status} on commit {@code sha}; a later status in the same context replaces it. */
    ForgeResult<CommitStatus> setStatus(String sha, CommitStatus status);

    /**
     * The open pull request from branch {@code head} into {@code base} in this repository, its title and body set to
     * these: UPDATED when they changed, FOUND when they were already so, CREATED when there was none.
     */
    ForgeResult<PullRequest> openOrUpdatePullRequest(String head, String base, String title, String body);

    /**
     * Where pull request {@code number} stands: FOUND with its state, head commit and base branch; REJECTED (a 404 in
     * the forge's words) when the repository has no such pull request.
     */
    ForgeResult<PullRequestState> pullRequestState(int number);

    /** The longest comment body the forge takes, in characters; a longer report must be cut by the caller. */
    int maxCommentLength();

    /**
     * Imprint's one comment on pull request {@code number}: the comment carrying {@code marker} edited to {@code body}
     * (FOUND, untouched, when it already says that), else a new one. {@code body} must contain {@code marker}, or the
     * next call would not find it and would comment again.
     */
    default ForgeResult<Comment> putComment(int number, String marker, String body) {
        if (marker.isEmpty() || !body.contains(marker)) {
            throw new IllegalArgumentException("the comment body must contain its marker " + marker);
        }
        ForgeResult<Comment> found = findComment(number, marker);
        return switch (found.outcome()) {
            case FOUND -> found.value().body().equals(body) ? found : updateComment(number, found.value().id(), body);
            case NONE -> createComment(number, body);
            default -> found;
        };
    }

    /**
     * The client {@code config} describes, with its token read from {@code environment} or the named file.
     *
     * @throws IllegalArgumentException when {@link ForgeConfig#problem()} names one, or the token cannot be read; the
     *                                  message names the key, variable or file, never the token
     */
    static ForgeClient of(ForgeConfig config, Map<String, String> environment) {
        return of(config, config.token(environment), RestClient.defaultHttpClient(), Retries.DEFAULT);
    }

    /** The client {@code config} describes, with the given token, HTTP client (no redirects, please) and retries. */
    static ForgeClient of(ForgeConfig config, ForgeToken token, HttpClient http, Retries retries) {
        String problem = config.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return switch (config.provider()) {
            case GITHUB -> new GitHubClient(config.apiUri(), config.repository(), token, http, retries);
            case GITEA -> new GiteaClient(config.apiUri(), config.repository(), token, http, retries);
            case GITLAB -> new GitLabClient(config.apiUri(), config.repository(), token, http, retries);
            case GENERIC -> throw new IllegalArgumentException("a generic webhook sender has no REST API");
        };
    }
}
