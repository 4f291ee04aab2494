package dev.imprint.forge;

/**
 * A comment on a pull request (GitHub, Gitea) or merge request (GitLab: a note), as the forge holds it. Imprint's
 * review comment is found again by the marker it carries ({@code dev.imprint.review.ReviewComment#MARKER}).
 *
 * @param id   the forge's comment id, for {@link ForgeClient#updateComment}
 * @param body the Markdown body
 * @param url  where a reader sees it, or null (GitLab's notes API gives no URL)
 */
public record Comment(long id, String body, String url) {
}
