package dev.imprint.forge;

/**
 * What a push delivery says happened.
 *
 * @param ref                full ref name ({@code refs/heads/main}); null only for a generic "look at the repo" ping
 * @param before             the old object id (all zeros for a created ref), or null
 * @param after              the new object id (all zeros for a deleted ref), or null
 * @param repositoryFullName {@code owner/name} (GitLab: {@code group/sub/name}), or null
 * @param cloneUrl           the HTTP(S) clone URL the forge reports, or null
 * @param deleted            the push deleted the ref ({@code deleted: true} or {@code after} all zeros)
 * @param tag                the ref is under {@code refs/tags/}
 * @param branch             the short branch name when the ref is under {@code refs/heads/}, else null
 */
public record PushEvent(String ref, String before, String after, String repositoryFullName, String cloneUrl,
                        boolean deleted, boolean tag, String branch) {

    static final String HEADS = "refs/heads/";
    static final String TAGS = "refs/tags/";

    static PushEvent of(String ref, String before, String after, String repositoryFullName, String cloneUrl,
                        boolean deletedFlag) {
        boolean deleted = deletedFlag || isZeroId(after);
        boolean tag = ref != null && ref.startsWith(TAGS);
        String branch = ref != null && ref.startsWith(HEADS) ? ref.substring(HEADS.length()) : null;
        return new PushEvent(ref, before, after, repositoryFullName, cloneUrl, deleted, tag, branch);
    }

    /** Git's null object id: 40 (SHA-1) or 64 (SHA-256) zeros. */
    static boolean isZeroId(String id) {
        return id != null && (id.length() == 40 || id.length() == 64) && id.chars().allMatch(c -> c == '0');
    }
}
