package io.ringkv.transport;

/** A peer call that did not produce a reply: unreachable, timed out, or failed on the peer. */
public final class PeerCallException extends RuntimeException {

  public PeerCallException(String message, Throwable cause) {
    super(message, cause);
  }

  public PeerCallException(String message) {
    super(message);
  }
}
