package io.ringkv.cli;

/**
 * The exit codes of the shell commands ({@code get}, {@code put}, {@code delete}, {@code admin}),
 * so that scripts can tell a retry-worthy failure from a final one.
 */
final class ExitCode {

  /** The node did what was asked. */
  static final int OK = 0;

  /** Not found, or the node refused or failed the request (4xx, 5xx other than 503). */
  static final int FAILED = 1;

  /** Bad command line (picocli's own code for invalid input). */
  static final int USAGE = 2;

  /** The node answered 503: quorum not reached or node not ready; retrying later may work. */
  static final int UNAVAILABLE = 3;

  /** No node answered at the URL (refused, timed out, unknown host). */
  static final int UNREACHABLE = 4;

  private ExitCode() {}

  /** The exit code for an HTTP status the node answered with. */
  static int of(int httpStatus) {
    if (httpStatus < 300) {
      return OK;
    }
    return httpStatus == 503 ? UNAVAILABLE : FAILED;
  }
}
