package io.ringkv.cli.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The wire to the cluster: sends one get or put and says how it ended. One driver per lane, used
 * only from that lane's event loop; it spreads requests over the targets round robin.
 */
interface KvDriver {

  /** A driver for {@code config.api()}, with up to {@code connections} connections per target. */
  static KvDriver create(Vertx vertx, BenchConfig config, int connections) {
    return switch (config.api()) {
      case HTTP -> new HttpKvDriver(vertx, config, connections);
      case GRPC -> new GrpcKvDriver(vertx, config, connections);
    };
  }

  /**
   * Sends the call, calling {@link Call#markSent()} once it has a connection. The future fails
   * only on transport errors; error statuses arrive as an error {@link Outcome}.
   */
  Future<Outcome> execute(Call call);

  Future<Void> close();
}
