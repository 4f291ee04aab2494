package dev.imprint.pipeline;

import java.util.ArrayList;
import java.util.List;

import dev.imprint.site.Urls;

/**
 * A build published as a preview of a change, beside the site on the same branch: into {@code folder} (e.g.
 * {@code preview/pr-7/}), every page marked as a preview (a banner naming {@code label} that links to the review
 * page, and {@code noindex}). A preview of someone else's fork is {@code untrusted}: its raw HTML is always
 * sanitized and the templates in its repository are not used (the built-in theme is) unless {@code trustTemplates}.
 *
 * @param folder where on the publishing branch, ending in '/'
 * @param label how the banner names it: "#7", or "branch topic"
 * @param base the branch the change is compared with for its review (the pull request's base), or null for none
 */
public record Preview(String folder, String label, boolean untrusted, String base, boolean trustTemplates) {
    /** Where previews live on the publishing branch unless {@code previews.path} says; the site never goes there. */
    public static final String ROOT = "preview/";
    /** The review page of a preview, inside its folder. */
    public static final String REVIEW = "_review/index.html";

    public static Preview ofPullRequest(int number, boolean fork, String base) {
        return ofPullRequest(ROOT, number, fork, base);
    }

    /** The preview of pull request {@code number} under {@code root} (a folder ending in '/'). */
    public static Preview ofPullRequest(String root, int number, boolean fork, String base) {
        if (number <= 0) {
            throw new IllegalArgumentException("not a pull request number: " + number);
        }
        return new Preview(root + "pr-" + number + "/", "#" + number, fork, base, false);
    }

    /** This preview, using the templates of an untrusted head all the same ({@code previews.trust_templates}). */
    public Preview trustingTemplates() {
        return new Preview(folder, label, untrusted, base, true);
    }

    /** The preview of a branch pushed without a forge: {@code preview/<branch>/}, slashes in the name kept apart. */
    public static Preview ofBranch(String branch, String base) {
        return ofBranch(ROOT, branch, base);
    }

    /** The preview of a branch under {@code root} (a folder ending in '/'). */
    public static Preview ofBranch(String root, String branch, String base) {
        List<String> parts = new ArrayList<>();
        for (String part : branch.split("/")) {
            if (!part.isEmpty()) {
                parts.add(Urls.segment(part));
            }
        }
        String name = String.join("-", parts);
        if (name.isEmpty() || name.matches("pr-[0-9]+")) {
            name = "branch-" + name; // never a pull request's folder
        }
        return new Preview(root + name + "/", "branch " + branch, false, base, false);
    }
}
