package io.ringkv.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ringkv} command: one entry point for nodes, local clusters, operators and load. */
@Command(
    name = "ringkv",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A Dynamo-style distributed key-value store.",
    subcommands = {
      CommandLine.HelpCommand.class,
      NodeCommand.class,
      LocalCommand.class,
      GetCommand.class,
      PutCommand.class,
      DeleteCommand.class,
      AdminCommand.class,
      BenchCommand.class,
      NoopServerCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    // Chronicle Map would otherwise phone home on first use (STACK.md); must be set before its classes load.
    System.setProperty("chronicle.analytics.disable", "true");
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler(Main::reportFailure);
  }

  /**
   * A command that fails (a port already in use, a data directory of another node) says why in
   * one line and exits 1: an operator should never have to read a stack trace.
   */
  private static int reportFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
    Throwable cause = failure;
    while ((cause instanceof java.util.concurrent.ExecutionException
            || cause instanceof java.util.concurrent.CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    command.getErr().println("ringkv " + command.getCommandName() + ": " + message);
    return 1;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ringkv " + (version == null ? "dev" : version)};
    }
  }
}
