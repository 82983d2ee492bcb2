package io.ringkv.api;

/**
 * What the client APIs report about every request they answer, for metrics. A port, so that the
 * APIs do not depend on a metrics library; {@link #NONE} ignores everything.
 *
 * <p>Every argument becomes a metric label, so each comes from a small fixed vocabulary and never
 * from the request itself (a bucket or a key in a label would make one time series per key).
 */
public interface RequestObserver {

  RequestObserver NONE = (api, op, outcome, nanos) -> {};

  /**
   * A client request was answered.
   *
   * @param api {@code "http"} or {@code "grpc"}
   * @param op {@code "get"}, {@code "put"} or {@code "delete"}
   * @param outcome {@code "ok"}, {@code "not_found"}, {@code "bad_request"}, {@code "too_large"},
   *     {@code "unavailable"} (quorum not reached) or {@code "error"}
   * @param nanos from the request's arrival to its answer
   */
  void completed(String api, String op, String outcome, long nanos);
}
