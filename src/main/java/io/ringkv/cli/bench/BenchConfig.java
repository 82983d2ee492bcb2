package io.ringkv.cli.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Everything one bench run needs. The run is always bounded: by {@code duration}, by
 * {@code requests}, or by whichever comes first.
 *
 * @param api HTTP or gRPC
 * @param targets the nodes to spread requests over, round robin
 * @param mode open loop (fixed rate) or closed loop (fixed concurrency)
 * @param rate open loop: requests per second, over all lanes
 * @param concurrency closed loop: concurrent workers, over all lanes
 * @param duration the measured time after warmup, or null for no time bound
 * @param requests the measured requests after warmup, or 0 for no count bound
 * @param warmup time run before measuring; its requests are not recorded
 * @param readRatio the fraction of requests that are reads, the rest are writes
 * @param valueSize bytes per written value (one shared buffer)
 * @param keys the key space {@code key-0 .. key-(keys-1)}
 * @param keyDistribution how keys are drawn
 * @param zipfExponent the Zipf exponent s, when the distribution is Zipf
 * @param bucket the bucket
 * @param r read quorum per request, 0 for the bucket's default
 * @param w write quorum per request, 0 for the bucket's default
 * @param prefill write every key once before warmup
 * @param threads lanes: event loops the generator runs on
 * @param connections connections per target, over all lanes
 * @param maxOutstanding open loop: the cap on requests in flight; scheduled requests beyond it are
 *     dropped and reported
 * @param timeout per request
 * @param seed seeds the key and operation choices
 * @param blindWrites puts without a context; by default a put carries the context this run last got
 *     for its key, as a well-behaved client does (blind puts on a key keep adding siblings)
 */
public record BenchConfig(
    Api api,
    List<Endpoint> targets,
    LoadMode mode,
    double rate,
    int concurrency,
    Duration duration,
    long requests,
    Duration warmup,
    double readRatio,
    int valueSize,
    int keys,
    KeyDistribution keyDistribution,
    double zipfExponent,
    String bucket,
    int r,
    int w,
    boolean prefill,
    int threads,
    int connections,
    int maxOutstanding,
    Duration timeout,
    long seed,
    boolean blindWrites) {

  /** The largest value the cluster accepts by default (DESIGN.md: 413 above 1 MiB). */
  public static final int MAX_VALUE_SIZE = 1024 * 1024;

  public BenchConfig {
    targets = List.copyOf(targets);
    require(!targets.isEmpty(), "at least one target is needed");
    require(rate > 0 && Double.isFinite(rate), "--rate must be > 0");
    require(concurrency >= 1, "--concurrency must be >= 1");
    require(duration != null || requests > 0, "the run needs a bound: --duration or --requests");
    require(duration == null || positive(duration), "--duration must be > 0");
    require(requests >= 0, "--requests must be >= 1");
    require(!warmup.isNegative(), "--warmup must be >= 0");
    require(readRatio >= 0 && readRatio <= 1, "--read-ratio must be within [0, 1]");
    require(valueSize >= 0 && valueSize <= MAX_VALUE_SIZE, "--value-size must be within [0, 1048576]");
    require(keys >= 1, "--keys must be >= 1");
    require(zipfExponent > 0 && Double.isFinite(zipfExponent), "--zipf-s must be > 0");
    require(bucket != null && !bucket.isEmpty(), "--bucket must not be empty");
    require(r >= 0 && w >= 0, "--r and --w must be >= 1");
    require(threads >= 1, "--threads must be >= 1");
    require(connections >= 1, "--connections must be >= 1");
    require(maxOutstanding >= 1, "--max-outstanding must be >= 1");
    require(positive(timeout), "--timeout must be > 0");
  }

  /** The phase that writes every key once, sequentially, at the configured concurrency. */
  public BenchConfig prefillPhase() {
    return new BenchConfig(api, targets, LoadMode.CLOSED, rate, concurrency, null, keys, Duration.ZERO,
        0.0, valueSize, keys, KeyDistribution.SEQUENTIAL, zipfExponent, bucket, r, w, false, threads,
        connections, maxOutstanding, timeout, seed, blindWrites);
  }

  /**
   * Lanes actually used: never more than the closed loop's workers or the requests to make, so
   * every lane has work.
   */
  public int lanes() {
    long lanes = threads;
    if (mode == LoadMode.CLOSED) {
      lanes = Math.min(lanes, concurrency);
    }
    if (requests > 0) {
      lanes = Math.min(lanes, requests);
    }
    return (int) lanes;
  }

  /** The one-line description printed above every report. */
  public String describe() {
    String pacing = mode == LoadMode.OPEN
        ? String.format(Locale.ROOT, "rate=%s/s max-outstanding=%d", number(rate), maxOutstanding)
        : "concurrency=" + concurrency;
    String bound = (duration == null ? "" : " duration=" + text(duration))
        + (requests > 0 ? " requests=" + requests : "");
    return String.format(Locale.ROOT,
        "api=%s targets=%s mode=%s %s%s warmup=%s read-ratio=%s value-size=%d keys=%d key-dist=%s"
            + " bucket=%s r=%s w=%s prefill=%s threads=%d connections=%d timeout=%s seed=%d writes=%s",
        label(api), targetList(), label(mode), pacing, bound, text(warmup), number(readRatio), valueSize,
        keys, distribution(), bucket, quorum(r), quorum(w), prefill, lanes(), connections, text(timeout),
        seed, blindWrites ? "blind" : "with-context");
  }

  /** The configuration as JSON, for the machine-readable report. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("api", label(api))
        .put("targets", new JsonArray(targets.stream().map(this::targetText).collect(Collectors.toList())))
        .put("mode", label(mode));
    if (mode == LoadMode.OPEN) {
      json.put("rate", rate).put("maxOutstanding", maxOutstanding);
    } else {
      json.put("concurrency", concurrency);
    }
    return json
        .put("durationSeconds", duration == null ? null : duration.toMillis() / 1000.0)
        .put("requests", requests > 0 ? requests : null)
        .put("warmupSeconds", warmup.toMillis() / 1000.0)
        .put("readRatio", readRatio)
        .put("valueSize", valueSize)
        .put("keys", keys)
        .put("keyDistribution", label(keyDistribution))
        .put("zipfExponent", keyDistribution == KeyDistribution.ZIPF ? zipfExponent : null)
        .put("bucket", bucket)
        .put("r", r > 0 ? r : null)
        .put("w", w > 0 ? w : null)
        .put("prefill", prefill)
        .put("threads", lanes())
        .put("connections", connections)
        .put("timeoutSeconds", timeout.toMillis() / 1000.0)
        .put("seed", seed)
        .put("blindWrites", blindWrites);
  }

  private String targetList() {
    return targets.stream().map(this::targetText).collect(Collectors.joining(","));
  }

  private String targetText(Endpoint target) {
    return api == Api.HTTP ? "http://" + target : target.toString();
  }

  private String distribution() {
    return keyDistribution == KeyDistribution.ZIPF
        ? "zipf(s=" + number(zipfExponent) + ")"
        : label(keyDistribution);
  }

  private static String quorum(int value) {
    return value > 0 ? Integer.toString(value) : "default";
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static String text(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static boolean positive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
