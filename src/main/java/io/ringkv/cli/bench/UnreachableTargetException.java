package io.ringkv.cli.bench;

/** A target refused or did not answer a TCP connection before the run. */
public final class UnreachableTargetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnreachableTargetException(String target, Throwable cause) {
    super("cannot connect to " + target + ": " + describe(cause), cause);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
