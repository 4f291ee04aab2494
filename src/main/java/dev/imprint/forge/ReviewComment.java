package dev.imprint.forge;

/**
 * A comment on a pull request (GitHub, Gitea) or merge request (GitLab: a note), as the forge holds it.
 *
 * @param id   the forge's comment id, for {@link ForgeClient#updateComment}
 * @param body the Markdown body
 * @param url  where a reader sees it, or null (GitLab's notes API gives no URL)
 */
public record ReviewComment(long id, String body, String url) {

    /**
     * The hidden line Imprint's preview comment carries, so that the next build finds and edits it instead of adding
     * another: an HTML comment, which every forge keeps in the body and none renders.
     */
    public static final String MARKER = "<!-- imprint:preview -->";
}
