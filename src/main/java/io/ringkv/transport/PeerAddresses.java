package io.ringkv.transport;

import io.vertx.core.net.SocketAddress;

/** Parsing of {@code host:port} peer addresses, as they appear in seeds and membership. */
public final class PeerAddresses {

  private PeerAddresses() {}

  /**
   * @throws IllegalArgumentException with a readable message when the text is not host:port
   */
  public static SocketAddress parse(String hostPort) {
    int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
    }
    String host = hostPort.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in '" + hostPort + "'");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range in '" + hostPort + "'");
    }
    return SocketAddress.inetSocketAddress(port, host);
  }

  public static String format(String host, int port) {
    return host + ":" + port;
  }
}
