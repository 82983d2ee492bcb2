package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ringkv node} refuses a bad configuration, from flags or from its YAML file, as a bad
 * command line (exit 2) before it binds anything. (A node that did start would never return: the
 * timeout turns that into a failure.)
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NodeCommandTest {

  @TempDir Path dataDir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
    "--http-port|99999|http-port must be between 0 and 65535, got 99999",
    "--grpc-port|-1|grpc-port must be between 0 and 65535, got -1",
    "--peer-port|65536|peer-port must be between 0 and 65535, got 65536",
    "--seeds|a:b|seed 'a:b'",
    "--seeds|notahost|seed 'notahost'",
    "--seeds|127.0.0.1:18171,h:0|seed 'h:0'",
  })
  void aBadFlagValueIsABadCommandLine(String flag, String value, String message) {
    CliRun run = node(flag, value);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(message);
  }

  @Test
  void twoServersOfTheNodeCannotShareAPort() {
    CliRun run = node("--http-port", "18191", "--grpc-port", "18192", "--peer-port", "18191");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("http-port and peer-port are both 18191");
  }

  @Test
  void theConfigFileGetsTheSameChecks() throws Exception {
    Path file = dataDir.resolve("node.yaml");
    Files.writeString(file, "id: z1\nhttp-port: 18193\ngrpc-port: 18193\npeer-port: 18194\n");

    CliRun run = CliRun.of("node", "--config", file.toString(), "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("http-port and grpc-port are both 18193");
  }

  @Test
  void aPortInUseIsNamedWithItsServer() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CliRun run = node("--http-port", "0", "--grpc-port", String.valueOf(taken.getLocalPort()), "--peer-port", "0");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
      assertThat(run.err()).contains("cannot listen on grpc port " + taken.getLocalPort(), "already in use");
    }
  }

  /** The node command with free ports of the test's range, as overridden by {@code flags} (pairs). */
  private CliRun node(String... flags) {
    Map<String, String> options = new LinkedHashMap<>(Map.of(
        "--id", "z1", "--data-dir", dataDir.toString(), "--partitions", "16",
        "--http-port", "18195", "--grpc-port", "18196", "--peer-port", "18197"));
    for (int i = 0; i < flags.length; i += 2) {
      options.put(flags[i], flags[i + 1]);
    }
    List<String> args = new ArrayList<>(List.of("node"));
    options.forEach((flag, value) -> args.add(flag + "=" + value));
    return CliRun.of(args.toArray(String[]::new));
  }
}
