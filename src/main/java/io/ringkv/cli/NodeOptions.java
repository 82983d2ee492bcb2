package io.ringkv.cli;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The options every command that talks to a running node shares: which node, how patiently. The
 * exit codes it documents are {@link ExitCode}'s.
 */
@Command(
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:not found, or the node refused or failed the request",
      "2:bad command line",
      "3:node unavailable (HTTP 503: quorum not reached, not ready); retry later",
      "4:no node answered at --url"
    })
final class NodeOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8081",
      converter = NodeUrlConverter.class,
      description =
          "The node's HTTP address (default: ${DEFAULT-VALUE}, node 1 of `ringkv local`).")
  private URI url;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "How long to wait to connect, then for the answer (default: ${DEFAULT-VALUE}).")
  private int timeoutSeconds;

  NodeHttp node() {
    if (timeoutSeconds < 1) {
      throw new CommandLine.ParameterException(
          command.commandLine(), "--timeout must be at least 1 second");
    }
    return new NodeHttp(url, Duration.ofSeconds(timeoutSeconds));
  }

  /** The terminal of the command these options belong to (tests capture its streams). */
  Terminal terminal() {
    CommandLine commandLine = command.commandLine();
    return new Terminal(commandLine.getOut(), commandLine.getErr());
  }

  /**
   * Accepts {@code http(s)://host[:port]}, with a trailing slash at most: the commands add the
   * API's paths, and a path before them would only meet 404s.
   */
  static final class NodeUrlConverter implements CommandLine.ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      URI url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      boolean http = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
      boolean noPath = url.getRawPath() == null || url.getRawPath().isEmpty();
      if (!http || url.getHost() == null || !noPath || url.getRawQuery() != null) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an http://host:port address");
      }
      return url;
    }
  }
}
