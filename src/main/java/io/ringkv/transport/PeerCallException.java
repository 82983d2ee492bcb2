package io.ringkv.transport;

import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** A peer call that did not produce a reply: unreachable, timed out, or failed on the peer. */
public final class PeerCallException extends RuntimeException {

  public PeerCallException(String message, Throwable cause) {
    super(message, cause);
  }

  public PeerCallException(String message) {
    super(message);
  }

  /**
   * Why a call got no answer, in words for an operator ("connection refused", "unknown host h"),
   * without the class names a failure's own text carries.
   *
   * @return empty when the peer did answer, with an error status (a call failed with no cause)
   */
  public Optional<String> unanswered() {
    Throwable root = getCause();
    if (root == null) {
      return Optional.empty();
    }
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof UnknownHostException) {
      return Optional.of("unknown host " + root.getMessage());
    }
    if (root instanceof TimeoutException) {
      return Optional.of("no answer in time");
    }
    String message = root.getMessage() == null ? "" : root.getMessage();
    // Netty's socket errors name the address after a colon: "Connection refused: /h:p".
    String reason = message.split(": ", 2)[0].strip();
    return Optional.of(
        reason.isEmpty()
            ? "the call failed"
            : Character.toLowerCase(reason.charAt(0)) + reason.substring(1));
  }
}
