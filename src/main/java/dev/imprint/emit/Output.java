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
 * @param inputs what it is made from, as its emitter declared it: the notes it reads, those whose titles it shows,
 *               and the other values; a warm build re-plans just the outputs that read (or show) what changed
 * @param replan plans this output again for a site patched from this one's; null when it cannot be planned alone
 * @param source the repository path of the file this output is made from (a note's page, an asset, an alias
 *               redirect), or null for pages made from the whole site; warnings about the path name it
 */
public record Output(String path, String fingerprint, ObjectId blob, Supplier<byte[]> content, Inputs inputs,
                     Replan replan, String source) {
    /**
     * How an output is planned again for a site patched from the one it was planned for, where every note kept its
     * place (its structure): the same output {@link Emitter#emit} would list for the new site. It is given the new
     * context and must take nothing else from the old one (it lives as long as the output).
     */
    @FunctionalInterface
    public interface Replan {
        /** The output planned again, or null when it no longer can be (the build then plans the whole site). */
        Output again(EmitContext context);
    }

    public static Output rendered(String path, String fingerprint, Supplier<byte[]> content) {
        return new Output(path, fingerprint, null, content, Inputs.NONE, null, null);
    }

    public static Output copied(String path, ObjectId blob, Supplier<byte[]> content) {
        return new Output(path, "blob:" + blob.name(), blob, content, Inputs.NONE, null, null);
    }

    /** The notes whose content this output shows. */
    public List<Note> reads() {
        return inputs.reads();
    }

    /** The notes whose titles this output shows. */
    public List<Note> shows() {
        return inputs.shows();
    }

    /** This output, declared to be made from {@code inputs} and planned again by {@code replan}. */
    public Output declaring(Inputs inputs, Replan replan) {
        return new Output(path, fingerprint, blob, content, inputs, replan, source);
    }

    /** This output, made from the repository's file at {@code repositoryPath}. */
    public Output from(String repositoryPath) {
        return new Output(path, fingerprint, blob, content, inputs, replan, repositoryPath);
    }
}
