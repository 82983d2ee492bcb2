package io.ringkv.integration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real {@code java -jar target/ringkv.jar node} processes on loopback, for the tests that must
 * kill a JVM with SIGKILL. Every process started here is killed by {@link #close}, by PID.
 */
final class NodeProcesses implements AutoCloseable {

  record Ports(int http, int grpc, int peer) {
    String peerAddress() {
      return "127.0.0.1:" + peer;
    }

    String httpUrl() {
      return "http://127.0.0.1:" + http;
    }
  }

  private final Path jar;
  private final Path dataRoot;
  private final List<Ports> ports = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  NodeProcesses(int count) throws IOException {
    this.jar = jar();
    this.dataRoot = Files.createTempDirectory("ringkv-processes");
    for (int i = 0; i < count; i++) {
      ports.add(new Ports(freePort(), freePort(), freePort()));
      processes.add(null);
    }
  }

  /** The fat jar the processes run. */
  static Path jar() {
    Path jar = Path.of(System.getProperty("ringkv.jar", "target/ringkv.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run 'mvn package' first");
    }
    return jar;
  }

  /** The command line of {@code java -jar ringkv.jar} with these arguments, in a small heap. */
  static List<String> ringkv(Path jar, List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString()));
    command.addAll(args);
    return command;
  }

  Ports ports(int index) {
    return ports.get(index);
  }

  /** Starts node i (0-based) as "n{i+1}" with every node as a seed. */
  void start(int index) throws IOException {
    start(index, ports.size(), List.of());
  }

  /** Starts node i with every node as a seed and further {@code node} flags. */
  void start(int index, List<String> extraFlags) throws IOException {
    start(index, ports.size(), extraFlags);
  }

  /**
   * Starts node i (0-based) as "n{i+1}" with the first {@code seedCount} nodes as seeds and extra
   * {@code node} flags.
   */
  void start(int index, int seedCount, List<String> extraFlags) throws IOException {
    String seeds = String.join(",", ports.subList(0, seedCount).stream().map(Ports::peerAddress).toList());
    Ports own = ports.get(index);
    Path log = dataRoot.resolve("n" + (index + 1) + ".log");
    List<String> command =
        ringkv(
            jar,
            List.of(
                "node",
                "--id", "n" + (index + 1),
                "--host", "127.0.0.1",
                "--http-port", String.valueOf(own.http()),
                "--grpc-port", String.valueOf(own.grpc()),
                "--peer-port", String.valueOf(own.peer()),
                "--data-dir", dataRoot.resolve("n" + (index + 1)).toString(),
                "--partitions", "16",
                // Several node JVMs share two cores with the test: a generous quorum wait keeps a
                // descheduled replica from turning into a 503 the test would count as lost.
                "--request-timeout-ms", "5000",
                "--seeds", seeds));
    command.addAll(extraFlags);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    processes.set(index, builder.start());
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  void kill(int index) throws InterruptedException {
    Process process = processes.get(index);
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Starts every node (each with every node as a seed), then waits until each one is ready. */
  void startAll(HttpKv kv, Duration deadline) throws Exception {
    for (int i = 0; i < ports.size(); i++) {
      start(i);
    }
    for (int i = 0; i < ports.size(); i++) {
      awaitReady(i, kv, deadline);
    }
  }

  /** Waits until node i answers {@code /health/ready} with 200 (it knows the ring). */
  void awaitReady(int index, HttpKv kv, Duration deadline) throws Exception {
    awaitStatus(index, kv, "/health/ready", 200, deadline);
    if (log(index).contains("Exception in thread \"main\"")) {
      throw new AssertionError("n" + (index + 1) + " is ready but its main thread failed; its log:\n" + log(index));
    }
  }

  /** Waits until node i's HTTP API answers at all (it may not be ready: a seed is still down). */
  void awaitListening(int index, HttpKv kv, Duration deadline) throws Exception {
    awaitStatus(index, kv, "/health/live", 200, deadline);
  }

  private void awaitStatus(int index, HttpKv kv, String path, int status, Duration deadline) throws Exception {
    String url = ports(index).httpUrl() + path;
    try {
      Eventually.get(
          () -> {
            Process process = processes.get(index);
            if (process != null && !process.isAlive()) {
              throw new IllegalStateException("the process exited with status " + process.exitValue());
            }
            try {
              return kv.send(io.vertx.core.http.HttpMethod.GET, url, null, null).status();
            } catch (Exception notListeningYet) {
              return -1;
            }
          },
          answered -> answered == status,
          deadline);
    } catch (AssertionError | IllegalStateException e) {
      throw new AssertionError("n" + (index + 1) + " at " + url + ": " + e.getMessage() + "; its log:\n" + log(index), e);
    }
  }

  String log(int index) throws IOException {
    Path log = dataRoot.resolve("n" + (index + 1) + ".log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Kills every process, keeps the logs under {@code target/process-logs}, deletes the data. */
  @Override
  public void close() throws Exception {
    for (int i = 0; i < processes.size(); i++) {
      kill(i);
    }
    Path kept = Path.of("target", "process-logs", dataRoot.getFileName().toString());
    Files.createDirectories(kept);
    for (int i = 0; i < processes.size(); i++) {
      Path log = dataRoot.resolve("n" + (i + 1) + ".log");
      if (Files.exists(log)) {
        Files.copy(log, kept.resolve(log.getFileName()));
      }
    }
    try (var paths = Files.walk(dataRoot)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
