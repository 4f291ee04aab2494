package dev.imprint.pipeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import dev.imprint.render.Heading;
import dev.imprint.render.NoteParser;
import dev.imprint.render.ParsedNote;
import dev.imprint.render.RenderedMarkdown;
import dev.imprint.source.FrontMatter;
import dev.imprint.source.HistoryIndex;
import dev.imprint.source.Sha1;

/**
 * What a build learned about a repository, kept in a file for the next cold process ({@code imprint build} in a
 * CI job): every note's parse by blob id, and the history index at the commit it was built at. A cold process that
 * reads it parses only the notes whose blobs are new and walks only the commits made since, instead of the whole
 * repository. It is a cache and nothing more: the parses depend only on the blob, its format, the raw-HTML setting
 * and Imprint itself; the history index is extended like a warm process's (which equals a full pass). So a build
 * with it publishes the very tree a build without it does; a file that is not exactly one this Imprint wrote is
 * ignored, with a warning, and the build analyses everything.
 *
 * <p>File: {@code <cache dir>/analysis/<sha-1 of the source's Git directory>.bin}, written to a temporary file and
 * renamed over the old one, so a reader sees a whole file or the previous one. Layout:
 * <pre>
 *   magic "IMPRINT-ANALYSIS" · int format · UTF stamp (Imprint's version and build) · long length · long CRC-32C
 *   content (length bytes): boolean history? [int rename limit · history index] · int n ·
 *                           n × { boolean org · boolean raw HTML · 20-byte blob id · int length · parsed note }
 * </pre>
 */
final class AnalysisCache {
    static final byte[] MAGIC = "IMPRINT-ANALYSIS".getBytes(StandardCharsets.US_ASCII);
    /** Bump when the content's layout, or the meaning of a parse, changes. */
    static final int FORMAT = 1;
    /** Which Imprint wrote the file: another version, or another build of the same version, parses differently. */
    static final String STAMP = Builder.VERSION + " " + codeStamp();

    private final Path file;
    /** The history head the file gave, and the parse count after loading: nothing new, nothing to write. */
    private ObjectId loadedHead;
    private int parsesAfterLoad = -1;
    /** The file read, and where in it each parse it gave is: what is saved again is copied, not encoded again. */
    private byte[] bytes;
    private final Map<ParsedNote, Slice> loaded = new IdentityHashMap<>();

    AnalysisCache(Path dir, Repository repository) {
        String key = repository.getDirectory().toPath().toAbsolutePath().normalize().toString();
        this.file = dir.resolve(Sha1.hex(key.getBytes(StandardCharsets.UTF_8)) + ".bin");
    }

    Path file() {
        return file;
    }

    /**
     * Puts what the file holds into a fresh {@code state}. Returns null when it was used (or there is none yet), else
     * a warning saying what was not used and why: the build then analyses that part as if there were no file.
     */
    String load(RepositoryState state, Repository repository) {
        String why = read(state, repository);
        return why == null ? null : why.startsWith(HISTORY) ? why + "; history read in full"
                : "analysis cache ignored: " + why + "; full analysis";
    }

    private static final String HISTORY = "its history index ignored: ";

    private String read(RepositoryState state, Repository repository) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
        try {
            if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                return "not an Imprint analysis file";
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            in.skipBytes(MAGIC.length);
            int format = in.readInt();
            if (format != FORMAT) {
                return "format " + format + ", this Imprint reads " + FORMAT;
            }
            String stamp = in.readUTF();
            if (!stamp.equals(STAMP)) {
                return "written by another Imprint (" + stamp + ")";
            }
            long length = in.readLong();
            long crc = in.readLong();
            int start = bytes.length - in.available();
            if (length != bytes.length - start) {
                return "truncated or padded (" + (bytes.length - start) + " bytes of content, " + length + " expected)";
            }
            CRC32C check = new CRC32C();
            check.update(bytes, start, (int) length);
            if (check.getValue() != crc) {
                return "checksum mismatch";
            }
            return read(in, bytes, state, repository);
        } catch (EOFException e) {
            return "truncated";
        } catch (IOException | RuntimeException e) {
            return "corrupt (" + e + ")";
        }
    }

    /**
     * The content, checksum verified; parses are taken only if all of it reads. Each note is a slice of its own,
     * decoded in parallel, and remembered: a note nobody parsed again is written back as the same bytes.
     */
    private String read(DataInputStream in, byte[] bytes, RepositoryState state, Repository repository)
            throws IOException {
        HistoryIndex history = null;
        String why = null;
        if (in.readBoolean()) {
            int renameLimit = in.readInt();
            history = HistoryIndex.read(in);
            why = historyUnusable(history, renameLimit, repository);
            if (!repository.getObjectDatabase().getShallowCommits().isEmpty()) {
                // a shallow clone's index starts at its boundary, so it depends on the clone, not on the commit:
                // never extended, and no warning (a CI checkout is shallow by default; its history is short to read)
                history = null;
                why = null;
            }
        }
        int n = in.readInt();
        List<Slice> slices = new ArrayList<>(n);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.position(bytes.length - in.available());
        for (int i = 0; i < n; i++) {
            boolean org = b.get() != 0;
            boolean rawHtml = b.get() != 0;
            ObjectId blob = ObjectId.fromRaw(bytes, b.position());
            b.position(b.position() + Constants.OBJECT_ID_LENGTH);
            int length = b.getInt();
            slices.add(new Slice(org, rawHtml, blob, b.position(), length));
            b.position(b.position() + length);
        }
        if (b.hasRemaining()) {
            throw new IOException("bytes after the last note");
        }
        List<ParsedNote> notes = slices.parallelStream().map(slice -> slice.decode(bytes)).toList();
        for (int i = 0; i < n; i++) {
            Slice slice = slices.get(i);
            state.parser(slice.rawHtml).remember(slice.org, slice.blob, notes.get(i));
            loaded.put(notes.get(i), slice);
        }
        this.bytes = bytes;
        if (why == null && history != null) {
            state.history = history;
            loadedHead = history.head();
        }
        parsesAfterLoad = state.parses();
        return why == null ? null : HISTORY + why;
    }

    /** Where one note's parse is in the file read. */
    private record Slice(boolean org, boolean rawHtml, ObjectId blob, int offset, int length) {
        ParsedNote decode(byte[] bytes) {
            try {
                ByteArrayInputStream slice = new ByteArrayInputStream(bytes, offset, length);
                ParsedNote note = note(new DataInputStream(slice), bytes, offset + length);
                if (slice.available() != 0) {
                    throw new IOException("a note shorter than its length");
                }
                return note;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Why the saved index cannot be extended here, or null. Its facts are those of its commit's first-parent chain:
     * the commit must be in this repository, and renames must be found with the same limit.
     */
    private static String historyUnusable(HistoryIndex history, int renameLimit, Repository repository)
            throws IOException {
        if (renameLimit != renameLimit(repository)) {
            return "made with diff.renameLimit " + renameLimit;
        }
        if (!repository.getObjectDatabase().has(history.head())) {
            return "its commit " + history.head().name() + " is not in this repository";
        }
        return null;
    }

    private static int renameLimit(Repository repository) {
        return repository.getConfig().getInt("diff", "renamelimit", -1);
    }

    /**
     * Writes what {@code state} knows now (the parses of the notes planned with {@code rawHtml}, the history index)
     * unless it is what the file already holds. Returns null, or why it could not be written (the build goes on).
     */
    String save(RepositoryState state, boolean rawHtml, Repository repository) {
        HistoryIndex history = state.history;
        if (state.parses() == parsesAfterLoad && history != null && history.head().equals(loadedHead)) {
            return null; // nothing parsed, no new commit: the file is up to date
        }
        try {
            if (!repository.getObjectDatabase().getShallowCommits().isEmpty()) {
                history = null; // a shallow clone's index is no history of its commit: not for a later full clone
            }
            Buffer content = new Buffer();
            DataOutputStream out = new DataOutputStream(content);
            out.writeBoolean(history != null);
            if (history != null) {
                out.writeInt(renameLimit(repository));
                history.write(out);
            }
            NoteParser parser = state.parser(rawHtml);
            Buffer one = new Buffer();
            DataOutputStream note = new DataOutputStream(one);
            int count = 0;
            Buffer notes = new Buffer();
            DataOutputStream entries = new DataOutputStream(notes);
            for (boolean org : new boolean[] {false, true}) {
                for (Map.Entry<ObjectId, ParsedNote> e : parser.parsed(org).entrySet()) {
                    Slice slice = loaded.get(e.getValue());
                    if (slice == null || slice.rawHtml != rawHtml || slice.org != org) {
                        one.reset();
                        try {
                            write(note, e.getValue());
                        } catch (Unsupported skipped) {
                            continue; // front matter of a kind this format does not keep: that note is parsed again
                        }
                    }
                    entries.writeBoolean(org);
                    entries.writeBoolean(rawHtml);
                    e.getKey().copyRawTo(entries);
                    if (slice == null || slice.rawHtml != rawHtml || slice.org != org) {
                        entries.writeInt(one.size());
                        one.writeTo(entries);
                    } else {
                        entries.writeInt(slice.length);
                        entries.write(bytes, slice.offset, slice.length);
                    }
                    count++;
                }
            }
            entries.flush();
            out.writeInt(count);
            notes.writeTo(out);
            out.flush();
            CRC32C crc = new CRC32C();
            crc.update(content.bytes(), 0, content.size());

            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                try (DataOutputStream f = new DataOutputStream(Files.newOutputStream(tmp))) {
                    f.write(MAGIC);
                    f.writeInt(FORMAT);
                    f.writeUTF(STAMP);
                    f.writeLong(content.size());
                    f.writeLong(crc.getValue());
                    content.writeTo(f);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "analysis cache not saved: " + e;
        }
    }

    // ---- one parsed note -----------------------------------------------------------------------------------

    private static void write(DataOutputStream out, ParsedNote n) throws IOException {
        FrontMatter fm = n.frontMatter();
        value(out, fm.fields());
        string(out, fm.body());
        out.writeInt(fm.bodyLine());
        string(out, fm.error());
        RenderedMarkdown md = n.markdown();
        string(out, md.title());
        string(out, md.html());
        out.writeInt(md.headings().size());
        for (Heading h : md.headings()) {
            out.writeInt(h.level());
            string(out, h.id());
            string(out, h.text());
        }
        strings(out, md.links());
        string(out, md.text());
        string(out, md.summary());
        out.writeBoolean(md.hasCode());
        out.writeBoolean(md.hasMath());
        strings(out, md.tags());
        strings(out, n.destinations());
        out.writeInt(n.images().size());
        for (int i : n.images()) {
            out.writeInt(i);
        }
        out.writeInt(n.ids().size());
        for (Map.Entry<String, String> e : n.ids().entrySet()) {
            string(out, e.getKey());
            string(out, e.getValue());
        }
        strings(out, n.problems());
        out.writeBoolean(n.renderable());
    }

    /**
     * A note from its slice ending at {@code end} of {@code bytes}: its HTML and text stay there until asked for
     * (planning reads neither; rendering the few pages that changed does).
     */
    @SuppressWarnings("unchecked")
    private static ParsedNote note(DataInputStream in, byte[] bytes, int end) throws IOException {
        Map<String, Object> fields = (Map<String, Object>) value(in);
        FrontMatter fm = new FrontMatter(fields.isEmpty() ? Map.of() : fields, string(in), in.readInt(), string(in));
        String title = string(in);
        Supplier<String> html = later(in, bytes, end);
        int h = in.readInt();
        List<Heading> headings = new ArrayList<>(h);
        for (int i = 0; i < h; i++) {
            headings.add(new Heading(in.readInt(), string(in), string(in)));
        }
        List<String> links = strings(in);
        Supplier<String> text = later(in, bytes, end);
        String summary = string(in);
        boolean hasCode = in.readBoolean();
        boolean hasMath = in.readBoolean();
        RenderedMarkdown md = RenderedMarkdown.kept(title, html, headings, links, text, summary, hasCode, hasMath,
                strings(in));
        List<String> destinations = strings(in);
        int m = in.readInt();
        Set<Integer> images = new HashSet<>();
        for (int i = 0; i < m; i++) {
            images.add(in.readInt());
        }
        int k = in.readInt();
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < k; i++) {
            ids.put(string(in), string(in));
        }
        List<String> problems = strings(in);
        // the same shapes NoteParser makes: unmodifiable copies
        return new ParsedNote(fm, md, List.copyOf(destinations), Set.copyOf(images), Map.copyOf(ids),
                List.copyOf(problems), in.readBoolean());
    }

    /** A front matter value the file cannot keep exactly: the note is left out and parsed again. */
    private static final class Unsupported extends IOException {
        Unsupported(String what) {
            super(what);
        }
    }

    // front matter values: what the YAML, TOML and JSON readers and the Org keywords make, each kept with its class
    private static final int NULL = 0, STRING = 1, TRUE = 2, FALSE = 3, INT = 4, LONG = 5, DOUBLE = 6, FLOAT = 7,
            BIG_INTEGER = 8, BIG_DECIMAL = 9, LIST = 10, MAP = 11;

    private static void value(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            string(out, s);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToRawIntBits(f));
        } else if (v instanceof BigInteger b) {
            out.writeByte(BIG_INTEGER);
            string(out, b.toString());
        } else if (v instanceof BigDecimal b) {
            out.writeByte(BIG_DECIMAL);
            string(out, b.toString());
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object o : list) {
                value(out, o);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new Unsupported("a key of " + e.getKey().getClass());
                }
                string(out, key);
                value(out, e.getValue());
            }
        } else {
            throw new Unsupported(v.getClass().getName());
        }
    }

    private static Object value(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case NULL: return null;
            case STRING: return string(in);
            case TRUE: return Boolean.TRUE;
            case FALSE: return Boolean.FALSE;
            case INT: return in.readInt();
            case LONG: return in.readLong();
            case DOUBLE: return Double.longBitsToDouble(in.readLong());
            case FLOAT: return Float.intBitsToFloat(in.readInt());
            case BIG_INTEGER: return new BigInteger(string(in));
            case BIG_DECIMAL: return new BigDecimal(string(in));
            case LIST: {
                int n = in.readInt();
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(value(in));
                }
                return list;
            }
            case MAP: {
                int n = in.readInt();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(string(in), value(in));
                }
                return map;
            }
            default: throw new IOException("unknown value tag " + tag);
        }
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            string(out, s);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> list = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            list.add(string(in));
        }
        return list;
    }

    /** Length-prefixed UTF-8 (-1 for null): no 64 KB limit, unlike writeUTF. */
    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(NULL_STRING);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        // a lone surrogate (an entity like &#xD800; can make one) is encoded as '?': such a string goes as UTF-16
        if (contains(bytes, (byte) '?') && !new String(bytes, StandardCharsets.UTF_8).equals(s)) {
            out.writeInt(UTF_16);
            out.writeInt(s.length());
            out.writeChars(s);
            return;
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static final int NULL_STRING = -1, UTF_16 = -2;

    /** A string {@link #string(DataOutputStream, String) written} at {@code in}'s place, decoded when asked for. */
    private static Supplier<String> later(DataInputStream in, byte[] bytes, int end) throws IOException {
        int n = in.readInt();
        if (n < 0) { // null, or UTF-16 (rare): at once
            if (n != NULL_STRING && n != UTF_16) {
                throw new IOException("a string of length " + n);
            }
            String s = n == NULL_STRING ? null : utf16(in);
            return () -> s;
        }
        if (n > in.available()) {
            throw new EOFException();
        }
        int at = end - in.available();
        in.skipBytes(n);
        return () -> new String(bytes, at, n, StandardCharsets.UTF_8);
    }

    private static String utf16(DataInputStream in) throws IOException {
        char[] chars = new char[in.readInt()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == NULL_STRING) {
            return null;
        }
        if (n == UTF_16) {
            return utf16(in);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the jar holds: a rebuilt Imprint of the same version (or other libraries in it) may parse differently,
     * while the same jar downloaded again (a new file time in every CI run) parses the same. Made of every entry's
     * name, size and CRC from the jar's directory, so the jar's content is not read.
     */
    private static String codeStamp() {
        try {
            var source = AnalysisCache.class.getProtectionDomain().getCodeSource();
            Path code = source == null ? null : Path.of(source.getLocation().toURI());
            if (code != null && Files.isRegularFile(code)) {
                CRC32C stamp = new CRC32C();
                ByteBuffer entry = ByteBuffer.allocate(16);
                try (ZipFile jar = new ZipFile(code.toFile())) {
                    for (var entries = jar.entries(); entries.hasMoreElements(); ) {
                        ZipEntry e = entries.nextElement();
                        stamp.update(e.getName().getBytes(StandardCharsets.UTF_8));
                        entry.clear();
                        entry.putLong(e.getCrc()).putLong(e.getSize());
                        stamp.update(entry.array());
                    }
                }
                return Long.toHexString(stamp.getValue());
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // no jar to look at: the version alone
        }
        return "classes";
    }

    /** A ByteArrayOutputStream whose buffer is read in place (the content is tens of megabytes). */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1 << 16);
        }

        byte[] bytes() {
            return buf;
        }

        @Override
        public synchronized void writeTo(OutputStream out) throws IOException {
            out.write(buf, 0, count);
        }
    }
}
