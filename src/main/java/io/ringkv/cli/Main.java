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
    return new CommandLine(new Main());
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
