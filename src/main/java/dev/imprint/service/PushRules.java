package dev.imprint.service;

import java.io.IOException;
import java.util.Collection;

import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * What a push to a hosted repository may change. The refs Imprint writes (the publishing branch and
 * {@code refs/imprint/}) never: a pushed commit there could claim any {@code Source-Commit} and deface the site.
 * Without {@code allow_force_push}, nothing that deletes a ref or rewrites its history either. Git prints each
 * reason as {@code ! [remote rejected] REF (reason)}.
 */
final class PushRules implements PreReceiveHook {
    static final String IMPRINT_REFS = "refs/imprint/";

    private final String publishRef;
    private final boolean allowForcePush;

    PushRules(String publishRef, boolean allowForcePush) {
        this.publishRef = publishRef;
        this.allowForcePush = allowForcePush;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        for (ReceiveCommand cmd : commands) {
            if (cmd.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                String reason;
                try {
                    reason = refusal(cmd, target(rp, cmd.getRefName()));
                } catch (IOException e) {
                    reason = "cannot read " + cmd.getRefName() + ": " + e.getMessage();
                }
                if (reason != null) {
                    cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason);
                }
            }
        }
    }

    private String refusal(ReceiveCommand cmd, String ref) {
        // ignoring case: on a case-insensitive file system refs/heads/GH-PAGES is the same file as gh-pages
        if (ref.equalsIgnoreCase(publishRef) || ref.regionMatches(true, 0, IMPRINT_REFS, 0, IMPRINT_REFS.length())) {
            return "Imprint publishes " + ref + "; it cannot be pushed to";
        }
        if (allowForcePush) {
            return null;
        }
        if (cmd.getType() == ReceiveCommand.Type.DELETE) {
            return "deleting is off here; the repository's git_host: { allow_force_push: true } allows it";
        }
        if (cmd.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD) {
            return "force pushes are off here; the repository's git_host: { allow_force_push: true } allows them";
        }
        return null;
    }

    /** The ref a push would really move: a symbolic ref (HEAD) moves the branch it points at. */
    private static String target(ReceivePack rp, String name) throws IOException {
        Ref ref = rp.getRepository().exactRef(name);
        return ref == null ? name : ref.getTarget().getName();
    }
}
