package dev.imprint.forge;

/**
 * An open pull request (GitLab: merge request) as the forge holds it.
 *
 * @param number the number readers see ({@code #12}; GitLab's {@code iid}, {@code !12})
 * @param title  its title
 * @param body   its description (Markdown)
 * @param head   the branch with the changes
 * @param base   the branch it goes into
 * @param url    the page readers open
 */
public record PullRequest(int number, String title, String body, String head, String base, String url) {
}
