package io.ringkv.cli;

import java.io.PrintWriter;

/**
 * Where a shell command writes: results to standard output, failures to standard error as one line
 * each (never a stack trace), and the exit code that goes with each failure.
 */
final class Terminal {

  /** One call to a node, which may find no node to answer it. */
  @FunctionalInterface
  interface NodeCall {
    int run() throws NodeUnreachableException;
  }

  private final PrintWriter out;
  private final PrintWriter err;

  Terminal(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  PrintWriter out() {
    return out;
  }

  /** Runs the call and answers its exit code, {@link ExitCode#UNREACHABLE} if no node answered. */
  int exitCodeOf(NodeCall call) {
    try {
      return call.run();
    } catch (NodeUnreachableException unreachable) {
      return fail(unreachable.getMessage(), ExitCode.UNREACHABLE);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Reports a node's failed answer; the exit code follows its HTTP status. */
  int refused(NodeAnswer answer) {
    return fail(answer.errorMessage(), ExitCode.of(answer.status()));
  }

  /** Reports an answer no ringkv node gives: whatever answered, no node did (exit 4). */
  int notRingkv(NodeAnswer answer) {
    return fail(
        answer.uri() + " answered HTTP " + answer.status() + ", not like a ringkv node: is --url a node's address?",
        ExitCode.UNREACHABLE);
  }

  int fail(String message, int exitCode) {
    err.println("ringkv: " + message);
    return exitCode;
  }
}
