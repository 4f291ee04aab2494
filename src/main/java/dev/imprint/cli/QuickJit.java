package dev.imprint.cli;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.ObjectName;

/**
 * Tells HotSpot not to use its optimising compiler (C2) in a one-shot {@code imprint build} / {@code check} process.
 *
 * <p>Why: a full build is a burst of 10-20 s of CPU through code paths (flexmark, Pebble, Jackson, JGit) that are
 * all hot at once. C2 then compiles over a thousand large methods, and on a small machine (2 cores) the compiler
 * thread alone takes a third of the CPU, competing with the build itself, while most of the work is over by the
 * time its code is ready. The quick compiler (C1) compiles in a tenth of the time and its code is good enough: on
 * 10,000 notes this cuts the CPU time of a full build by about 40 %. It is much like the well-known
 * {@code -XX:TieredStopAtLevel=1}, but automatic: it is a compiler directive added at run time through the
 * DiagnosticCommand MBean (jcmd's {@code Compiler.directives_add}), so {@code java -jar imprint.jar build} needs no
 * flags. {@code imprint serve} (a long-running process) is never affected, nor is any caller of {@link Main#run}.
 *
 * <p>Best effort: on a JVM without the MBean or the command, nothing happens. {@code -Dimprint.c2=true} opts out.
 */
final class QuickJit {
    /**
     * Never compile with C2 (methods then stay compiled by C1), except the JDK's small string, array, hash map and
     * SHA-1 methods and flexmark's character sequences: leaf loops run for every character of every note, which C2
     * makes several times faster (intrinsics, bounds-check elimination) for little compile time. The first
     * directive that matches a method applies. (Measured on 10,000 notes: ~5 % less CPU than excluding all.)
     */
    private static final String DIRECTIVE = """
            [ { match: ["java/lang/String*.*", "java/lang/AbstractStringBuilder.*", "java/lang/Character*.*",
                        "java/util/Arrays.*", "java/util/HashMap.*", "sun/security/provider/*.*",
                        "com/vladsch/flexmark/util/sequence/*.*"],
                c2: { Exclude: false } },
              { match: "*.*", c2: { Exclude: true } } ]
            """;

    private QuickJit() {
    }

    /**
     * Adds the directive on a background daemon thread: starting JMX takes a few hundred ms, which then overlaps
     * with the build's single-threaded start (opening the repository, reading the snapshot).
     */
    static void startInBackground() {
        if (Boolean.getBoolean("imprint.c2")) {
            return;
        }
        Thread t = new Thread(QuickJit::addDirective, "imprint-quick-jit");
        t.setDaemon(true);
        t.start();
    }

    private static void addDirective() {
        Path file = null;
        try {
            file = Files.createTempFile("imprint-jit", ".json");
            Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
        } catch (Throwable e) {
            // not HotSpot, no jdk.management module, no temp dir: build with the JVM's defaults
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (Exception ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
