package io.ringkv.cli;

import io.ringkv.cli.bench.Api;
import io.ringkv.cli.bench.BenchConfig;
import io.ringkv.cli.bench.BenchReport;
import io.ringkv.cli.bench.Endpoint;
import io.ringkv.cli.bench.KeyDistribution;
import io.ringkv.cli.bench.LoadGenerator;
import io.ringkv.cli.bench.LoadMode;
import io.ringkv.cli.bench.UnreachableTargetException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ringkv bench}: drives load against a cluster (or the no-op server) and prints latency
 * percentiles and throughput per operation. Exit codes: 0 run completed (errors, if any, are in
 * the report), 1 the run failed, 2 bad options, 4 a target did not accept a connection.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Load generator: open loop (fixed rate, coordinated-omission-corrected) or closed loop (fixed"
          + " concurrency) over HTTP or gRPC; prints count, errors, ops/s and p50/p90/p99/p99.9/max"
          + " latency per operation. Always stops by itself (--duration and/or --requests).",
    })
public final class BenchCommand implements Callable<Integer> {

  private static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);

  @Spec
  private CommandSpec spec;

  @Option(names = "--api", defaultValue = "http", description = "http or grpc (default: ${DEFAULT-VALUE})")
  private String api;

  @Option(names = "--url", split = ",", defaultValue = "http://127.0.0.1:8081", paramLabel = "URL",
      description = "HTTP target(s), comma-separated to spread over nodes (default: ${DEFAULT-VALUE})")
  private List<String> urls;

  @Option(names = "--grpc", split = ",", defaultValue = "127.0.0.1:9091", paramLabel = "HOST:PORT",
      description = "gRPC target(s), comma-separated (default: ${DEFAULT-VALUE})")
  private List<String> grpcTargets;

  @Option(names = "--mode", defaultValue = "open", description = "open (fixed rate) or closed (fixed concurrency) (default: ${DEFAULT-VALUE})")
  private String mode;

  @Option(names = "--rate", defaultValue = "2000", description = "open loop: requests per second (default: ${DEFAULT-VALUE})")
  private double rate;

  @Option(names = "--concurrency", defaultValue = "64", description = "closed loop: concurrent requests (default: ${DEFAULT-VALUE})")
  private int concurrency;

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "measured time after warmup, e.g. 30s (default: 30s unless --requests is given)")
  private Duration duration;

  @Option(names = "--requests", description = "measured requests after warmup; with --duration, whichever comes first")
  private Long requests;

  @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
      description = "unrecorded time before measuring (default: ${DEFAULT-VALUE})")
  private Duration warmup;

  @Option(names = "--read-ratio", defaultValue = "0.5", description = "fraction of reads, in [0, 1] (default: ${DEFAULT-VALUE})")
  private double readRatio;

  @Option(names = "--value-size", defaultValue = "1024", description = "bytes per written value (default: ${DEFAULT-VALUE})")
  private int valueSize;

  @Option(names = "--keys", defaultValue = "100000", description = "key space key-0..key-(N-1) (default: ${DEFAULT-VALUE})")
  private int keys;

  @Option(names = "--key-dist", defaultValue = "uniform", description = "uniform, zipf or sequential (default: ${DEFAULT-VALUE})")
  private String keyDistribution;

  @Option(names = "--zipf-s", defaultValue = "0.99", description = "Zipf exponent s > 0 (default: ${DEFAULT-VALUE})")
  private double zipfExponent;

  @Option(names = "--bucket", defaultValue = "default", description = "bucket (default: ${DEFAULT-VALUE})")
  private String bucket;

  @Option(names = "--r", description = "read quorum per request (default: the bucket's)")
  private Integer r;

  @Option(names = "--w", description = "write quorum per request (default: the bucket's)")
  private Integer w;

  @Option(names = "--prefill", description = "write every key once before warmup")
  private boolean prefill;

  @Option(
      names = "--blind-writes",
      description = "put without a context (by default a put carries the last context this run got for the key,"
          + " as a real client does; blind puts keep adding siblings)")
  private boolean blindWrites;

  @Option(names = "--json", description = "print the report as one JSON object")
  private boolean json;

  @Option(names = "--threads", description = "event loops generating load (default: half the cores, at least 1)")
  private Integer threads;

  @Option(names = "--connections", defaultValue = "64", description = "connections per target (default: ${DEFAULT-VALUE})")
  private int connections;

  @Option(names = "--max-outstanding", defaultValue = "10000",
      description = "open loop: requests in flight before further ones are dropped and reported (default: ${DEFAULT-VALUE})")
  private int maxOutstanding;

  @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "per request (default: ${DEFAULT-VALUE})")
  private Duration timeout;

  @Option(names = "--seed", description = "seed of the key and operation draws (default: random, printed)")
  private Long seed;

  @Override
  public Integer call() {
    BenchConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.println("ringkv bench: running " + config.api().name().toLowerCase(Locale.ROOT) + " load against "
        + config.targets().size() + " target(s)...");
    err.flush();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.lanes()));
    try {
      BenchReport report = new LoadGenerator(vertx, config).run().toCompletionStage().toCompletableFuture().join();
      out.print(json ? report.toJson().encodePrettily() + System.lineSeparator() : report.toText());
      out.flush();
      return ExitCode.OK;
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      boolean unreachable = cause instanceof UnreachableTargetException;
      err.println(unreachable ? "ringkv bench: " + cause.getMessage() : "ringkv bench failed: " + cause);
      err.flush();
      // Nothing listened: the same "no node answered" as the shell commands, so scripts can tell it apart.
      return unreachable ? ExitCode.UNREACHABLE : ExitCode.FAILED;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** The configuration the given {@code bench} arguments describe; bad ones raise a {@link ParameterException}. */
  public static BenchConfig configFrom(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  /** The validated configuration; bad options raise a picocli {@link ParameterException} (exit code 2). */
  BenchConfig config() {
    Api chosenApi = choice(Api.class, api, "--api");
    try {
      List<Endpoint> targets = chosenApi == Api.HTTP
          ? urls.stream().map(Endpoint::fromHttpUrl).toList()
          : grpcTargets.stream().map(Endpoint::fromHostPort).toList();
      if (requests != null && requests < 1) {
        throw new IllegalArgumentException("--requests must be >= 1");
      }
      if (r != null && r < 1 || w != null && w < 1) {
        throw new IllegalArgumentException("--r and --w must be >= 1");
      }
      return new BenchConfig(chosenApi, targets, choice(LoadMode.class, mode, "--mode"), rate, concurrency,
          duration == null && requests == null ? DEFAULT_DURATION : duration,
          requests == null ? 0 : requests, warmup, readRatio, valueSize, keys,
          choice(KeyDistribution.class, keyDistribution, "--key-dist"), zipfExponent, bucket,
          r == null ? 0 : r, w == null ? 0 : w, prefill,
          threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : threads,
          connections, maxOutstanding, timeout,
          seed == null ? ThreadLocalRandom.current().nextLong() : seed, blindWrites);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private <E extends Enum<E>> E choice(Class<E> type, String text, String option) {
    for (E value : type.getEnumConstants()) {
      if (value.name().equalsIgnoreCase(text.trim())) {
        return value;
      }
    }
    String allowed = Arrays.stream(type.getEnumConstants())
        .map(value -> value.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
    throw new ParameterException(spec.commandLine(), option + " must be one of " + allowed + ", got '" + text + "'");
  }
}
