package dev.imprint.emit;

import java.util.function.Supplier;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One file of the generated site, not yet rendered.
 *
 * @param path the output path, e.g. {@code til/vim/note/index.html}
 * @param fingerprint a hash of every input the content is made from: equal fingerprints, equal bytes
 * @param blob when the content is an existing blob of the source repository (assets), its id; else null
 * @param content renders the bytes; only called when the output must be (re)written
 */
public record Output(String path, String fingerprint, ObjectId blob, Supplier<byte[]> content) {
    public static Output rendered(String path, String fingerprint, Supplier<byte[]> content) {
        return new Output(path, fingerprint, null, content);
    }

    public static Output copied(String path, ObjectId blob, Supplier<byte[]> content) {
        return new Output(path, "blob:" + blob.name(), blob, content);
    }
}
