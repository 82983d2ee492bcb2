package io.ringkv.cli;

/** No node answered at the URL: the request may never have reached it. */
final class NodeUnreachableException extends Exception {

  NodeUnreachableException(String message) {
    super(message, null, false, false);
  }
}
