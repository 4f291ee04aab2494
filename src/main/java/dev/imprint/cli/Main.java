package dev.imprint.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import dev.imprint.pipeline.Builder;
import dev.imprint.source.Redact;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code imprint} command. */
@Command(name = "imprint", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Publishes a Git repository of notes (Markdown, Org mode) as a website.",
        subcommands = {BuildCommand.class, CheckCommand.class, ServeCommand.class, WarmUpCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("build") || args[0].equals("check"))) {
            QuickJit.startInBackground(); // a one-shot process: see QuickJit
        }
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: 0 done, 1 could not build, 2 bad usage. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> 1);
        cli.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
            // a bug's stack trace, but never a token from a URL on the command line (JGit's messages repeat it)
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            commandLine.getErr().print(Redact.text(trace.toString()));
            commandLine.getErr().flush();
            return 1;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("imprint: " + Redact.text(ex.getMessage()));
            ex.getCommandLine().getErr().println("Try 'imprint " + ex.getCommandLine().getCommandName() + " --help'.");
            return 2;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"imprint " + Builder.VERSION};
        }
    }
}
