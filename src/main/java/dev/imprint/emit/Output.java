package dev.imprint.emit;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jgit.lib.ObjectId;

import dev.imprint.site.Note;

/**
 * One file of the generated site, not yet rendered.
 *
 * <p>Equality is the record's, so two outputs are equal only with the same {@code content} supplier (by identity):
 * compare outputs by {@link #fingerprint()}, which is what says whether their bytes are equal.
 *
 * @param path the output path, e.g. {@code til/vim/note/index.html}
 * @param fingerprint a hash of every input the content is made from: equal fingerprints, equal bytes
 * @param blob when the content is an existing blob of the source repository (assets), its id; else null
 * @param content renders the bytes; only called when the output must be (re)written
 * @param reads the notes whose content (body, summary, dates, history) this output shows; what it shows of
 *              other notes is only their place in the site (path, title, section, links), which a body edit
 *              cannot change. A warm build re-plans just the readers of the notes an edit touched.
 * @param shows the notes whose title this output shows without reading their content (prev/next, backlinks, the
 *              search index's list); a warm build re-plans them too when a note's title alone changed
 * @param source the repository path of the file this output is made from (a note's page, an asset, an alias
 *               redirect), or null for pages made from the whole site; warnings about the path name it
 */
public record Output(String path, String fingerprint, ObjectId blob, Supplier<byte[]> content, List<Note> reads,
                     List<Note> shows, String source) {
    public static Output rendered(String path, String fingerprint, Supplier<byte[]> content) {
        return new Output(path, fingerprint, null, content, List.of(), List.of(), null);
    }

    public static Output copied(String path, ObjectId blob, Supplier<byte[]> content) {
        return new Output(path, "blob:" + blob.name(), blob, content, List.of(), List.of(), null);
    }

    /** This output, declared to show the content of {@code notes}. */
    public Output reading(List<Note> notes) {
        return new Output(path, fingerprint, blob, content, notes, shows, source);
    }

    /** This output, declared to show the titles of {@code notes}. */
    public Output showing(List<Note> notes) {
        return new Output(path, fingerprint, blob, content, reads, notes, source);
    }

    /** This output, made from the repository's file at {@code repositoryPath}. */
    public Output from(String repositoryPath) {
        return new Output(path, fingerprint, blob, content, reads, shows, repositoryPath);
    }
}
