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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * {@code core.compression}, else zlib's fastest level; but for trees, when neither is set, not at all: a tree is mostly
 * 20-byte ids, which do not compress (a folder of 10,000 pages: 380 KB, 250 KB at the fastest level, which took 13 ms
 * to deflate, more than the rest of publishing a change). JGit's own loose inserter uses {@code core.compression},
 * i.e. zlib's default level, for everything. {@code git gc} packs and compresses loose objects either way.
 */
final class LooseObjectInserter extends ObjectInserter {
    private final Repository repository;
    private final File objects;
    private final Deflater deflater;
    private final Deflater treeDeflater;
    private final MessageDigest sha1;

    private LooseObjectInserter(Repository repository, File objects, int level, int treeLevel) {
        this.repository = repository;
        this.objects = objects;
        this.deflater = new Deflater(level);
        this.treeDeflater = new Deflater(treeLevel);
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final int UNSET = Integer.MIN_VALUE;

    /** A loose-object inserter for a repository on disk, else the repository's own inserter. */
    static ObjectInserter of(Repository repository) {
        if (!(repository.getObjectDatabase() instanceof ObjectDirectory dir)) {
            return repository.newObjectInserter();
        }
        var config = repository.getConfig();
        int level = config.getInt("core", null, "looseCompression", config.getInt("core", null, "compression", UNSET));
        if (level < Deflater.DEFAULT_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
            return new LooseObjectInserter(repository, dir.getDirectory(), Deflater.BEST_SPEED, Deflater.NO_COMPRESSION);
        }
        return new LooseObjectInserter(repository, dir.getDirectory(), level, level);
    }

    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
        ObjectId id = id(type, data, off, len);
        if (repository.getObjectDatabase().has(id)) {
            return id;
        }
        String name = id.name();
        File target = new File(new File(objects, name.substring(0, 2)), name.substring(2));
        File tmp = File.createTempFile("imprint_obj_", ".tmp", objects);
        try {
            Deflater d = type == Constants.OBJ_TREE ? treeDeflater : deflater;
            d.reset();
            try (OutputStream out = new DeflaterOutputStream(new FileOutputStream(tmp), d, 8192)) {
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

    /**
     * The object id, hashed by the JDK's SHA-1 (several times faster than JGit's collision-detecting SHA-1, which
     * guards against crafted objects from others; these bytes are Imprint's own output).
     */
    private ObjectId id(int type, byte[] data, int off, int len) {
        sha1.reset();
        sha1.update(Constants.encodedTypeString(type));
        sha1.update((byte) ' ');
        sha1.update(Constants.encodeASCII(len));
        sha1.update((byte) 0);
        sha1.update(data, off, len);
        return ObjectId.fromRaw(sha1.digest());
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
        treeDeflater.end();
    }
}
