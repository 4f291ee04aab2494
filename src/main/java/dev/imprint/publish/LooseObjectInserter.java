package dev.imprint.publish;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackParser;

/**
 * Writes loose objects compressed as Git compresses them: at {@code core.looseCompression}, else
 * {@code core.compression}, else zlib's fastest level. (JGit's own loose inserter uses {@code core.compression}, i.e.
 * zlib's default level; deflating a folder of ten thousand pages at that level took longer than the rest of
 * publishing the change. {@code git gc} packs and recompresses loose objects either way.)
 */
final class LooseObjectInserter extends ObjectInserter {
    private final Repository repository;
    private final File objects;
    private final Deflater deflater;

    private LooseObjectInserter(Repository repository, File objects, int level) {
        this.repository = repository;
        this.objects = objects;
        this.deflater = new Deflater(level);
    }

    /** A loose-object inserter for a repository on disk, else the repository's own inserter. */
    static ObjectInserter of(Repository repository) {
        if (!(repository.getObjectDatabase() instanceof ObjectDirectory dir)) {
            return repository.newObjectInserter();
        }
        var config = repository.getConfig();
        int level = config.getInt("core", null, "looseCompression",
                config.getInt("core", null, "compression", Deflater.BEST_SPEED));
        if (level < Deflater.DEFAULT_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
            level = Deflater.BEST_SPEED;
        }
        return new LooseObjectInserter(repository, dir.getDirectory(), level);
    }

    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
        ObjectId id = idFor(type, data, off, len);
        if (repository.getObjectDatabase().has(id)) {
            return id;
        }
        String name = id.name();
        File target = new File(new File(objects, name.substring(0, 2)), name.substring(2));
        File tmp = File.createTempFile("imprint_obj_", ".tmp", objects);
        try {
            deflater.reset();
            try (OutputStream out = new DeflaterOutputStream(new FileOutputStream(tmp), deflater, 8192)) {
                out.write(Constants.encodedTypeString(type));
                out.write(' ');
                out.write(Constants.encodeASCII(len));
                out.write(0);
                out.write(data, off, len);
            }
            tmp.setReadOnly(); // as Git leaves object files
            Files.createDirectories(target.getParentFile().toPath());
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp.toPath());
        }
        return id;
    }

    /** Renames into place; another writer may have stored the same object meanwhile, which is the same bytes. */
    private static void move(File tmp, File target) throws IOException {
        try {
            Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // the object is there
        } catch (AtomicMoveNotSupportedException e) {
            if (!target.exists()) {
                Files.move(tmp.toPath(), target.toPath());
            }
        }
    }

    @Override
    public ObjectId insert(int type, long length, InputStream in) throws IOException {
        byte[] data = in.readNBytes((int) length);
        if (data.length != length) {
            throw new IOException("object is " + data.length + " bytes, not " + length);
        }
        return insert(type, data, 0, data.length);
    }

    @Override
    public PackParser newPackParser(InputStream in) throws IOException {
        throw new UnsupportedOperationException("writes loose objects only");
    }

    @Override
    public ObjectReader newReader() {
        return repository.newObjectReader();
    }

    @Override
    public void flush() {
        // every object is in place once insert returns
    }

    @Override
    public void close() {
        deflater.end();
    }
}
