package io.ringkv.cli.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a bench: checks that every target accepts connections, optionally prefills every key, then
 * runs the measured phase on {@link BenchConfig#lanes()} lanes and merges their measurements.
 *
 * <pre>{@code
 * new LoadGenerator(vertx, config).run().onSuccess(report -> System.out.println(report.toText()));
 * }</pre>
 */
public final class LoadGenerator {

  /** Lanes start this long after they are deployed, so that they all start on the same timetable. */
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Vertx vertx;
  private final BenchConfig config;

  public LoadGenerator(Vertx vertx, BenchConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /**
   * The report of the run. Fails with {@link UnreachableTargetException} when a target does not
   * accept connections; errors during the run are counted in the report, never thrown.
   */
  public Future<BenchReport> run() {
    // Phases deploy their lanes from this context: deployed from a lane's context (where the
    // previous phase completes), they would become children of a deployment being undeployed.
    Context home = vertx.getOrCreateContext();
    return checkReachable()
        .compose(ignored -> config.prefill() ? on(home, () -> runPhase(config.prefillPhase())) : Future.succeededFuture(null))
        .compose(prefill -> on(home, () -> runPhase(config)).map(measured -> new BenchReport(config, measured, prefill)));
  }

  private static <T> Future<T> on(Context context, Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(ignored -> action.get().onComplete(promise));
    return promise.future();
  }

  /** A TCP connect to each target, so that a wrong address is one clear message, not N errors. */
  private Future<Void> checkReachable() {
    NetClient client = vertx.createNetClient(new NetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis())));
    List<Future<Void>> probes = config.targets().stream()
        .map(target -> client.connect(target.port(), target.host())
            .compose(socket -> socket.close())
            .recover(cause -> Future.failedFuture(new UnreachableTargetException(describe(target), cause))))
        .toList();
    return Future.all(probes)
        .<Void>mapEmpty()
        .eventually(client::close);
  }

  private String describe(Endpoint target) {
    return config.api() == Api.HTTP ? "http://" + target : "gRPC " + target;
  }

  private Future<PhaseResult> runPhase(BenchConfig phase) {
    int lanes = phase.lanes();
    List<LoadLane> deployed = new ArrayList<>();
    List<Future<String>> deployments = new ArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      LoadLane loadLane = LoadLane.create(phase, lane, lanes);
      deployed.add(loadLane);
      deployments.add(vertx.deployVerticle(loadLane));
    }
    return Future.all(deployments)
        .compose(ignored -> {
          RunWindow window = RunWindow.startingAt(System.nanoTime() + START_DELAY_NANOS, phase);
          List<Future<Measurements>> runs = deployed.stream().map(lane -> lane.run(window)).toList();
          return Future.all(runs).map(all -> merge(window, runs));
        })
        .eventually(() -> undeploy(deployed));
  }

  private static PhaseResult merge(RunWindow window, List<Future<Measurements>> runs) {
    Measurements merged = new Measurements();
    runs.forEach(run -> merged.add(run.result()));
    long end = merged.lastCompletionNanos();
    long elapsed = end == Long.MIN_VALUE ? 0 : Math.max(0, end - window.measureFromNanos());
    return new PhaseResult(merged, elapsed);
  }

  private Future<Void> undeploy(List<LoadLane> lanes) {
    List<Future<Void>> undeployments = lanes.stream()
        .filter(lane -> lane.deploymentID() != null)
        .map(lane -> vertx.undeploy(lane.deploymentID()))
        .toList();
    return Future.join(undeployments).mapEmpty();
  }

  /** What one phase measured, and over how long: from the end of warmup to the last completion. */
  public record PhaseResult(Measurements measurements, long elapsedNanos) {

    /** Completed requests per second over the phase. */
    public double throughput(long count) {
      return elapsedNanos == 0 ? 0.0 : count * 1e9 / elapsedNanos;
    }
  }
}
