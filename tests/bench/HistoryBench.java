import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import dev.imprint.source.HistoryIndex;

/**
 * Times {@link HistoryIndex}: a full pass at HEAD, and HEAD~1 extended by one commit to HEAD, warm (several
 * rounds in one JVM). Wall time and this thread's CPU time are both printed: on a shared machine the CPU time
 * is the steadier number.
 *
 * <pre>
 * git clone -q ../shared/corpora/til.bundle /tmp/til-hist
 * mvn -q -o compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/classes:$(cat /tmp/cp.txt) tests/bench/HistoryBench.java /tmp/til-hist [rounds]
 * </pre>
 */
public class HistoryBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        builder = dir.resolve(".git").toFile().isDirectory() ? builder.setGitDir(dir.resolve(".git").toFile())
                : builder.setGitDir(dir.toFile());
        try (Repository repo = builder.build()) {
            ObjectId head = repo.resolve("HEAD");
            ObjectId parent = repo.resolve("HEAD~1");
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                long c0 = mx.getCurrentThreadCpuTime();
                HistoryIndex full = HistoryIndex.compute(repo, head);
                long t1 = System.nanoTime();
                long c1 = mx.getCurrentThreadCpuTime();
                HistoryIndex previous = HistoryIndex.compute(repo, parent);
                long t2 = System.nanoTime();
                long c2 = mx.getCurrentThreadCpuTime();
                HistoryIndex extended = previous.extend(repo, head);
                long t3 = System.nanoTime();
                long c3 = mx.getCurrentThreadCpuTime();
                if (!extended.asMap().equals(full.asMap())) {
                    throw new AssertionError("extend != compute");
                }
                
                System.out.printf("round %2d: full pass %6.1f ms wall %6.1f ms cpu (%d paths); extend by one commit %5.2f ms wall %5.2f ms cpu%n",
                        round, (t1 - t0) / 1e6, (c1 - c0) / 1e6, full.size(), (t3 - t2) / 1e6, (c3 - c2) / 1e6);
            }
        }
    }
}
