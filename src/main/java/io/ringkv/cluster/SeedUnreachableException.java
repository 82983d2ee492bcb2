package io.ringkv.cluster;

/**
 * A membership change could not reach its seed: nothing wrong with the request, the seed is down,
 * not there yet, or not where it was said to be. Worth retrying, unlike a refusal.
 */
public final class SeedUnreachableException extends RuntimeException {

  SeedUnreachableException(String seed, String reason, Throwable cause) {
    super("seed " + seed + " did not answer: " + reason, cause);
  }
}
