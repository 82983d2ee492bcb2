package io.ringkv.cli.bench;

import java.net.URI;
import java.net.URISyntaxException;

/** One node's client address, parsed from {@code http://host:port} or {@code host:port}. */
public record Endpoint(String host, int port) {

  public Endpoint {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("missing host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
  }

  /** Parses {@code http://host:port} (a trailing {@code /} is allowed; a path is not). */
  public static Endpoint fromHttpUrl(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: '" + url + "'");
    }
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("'" + url + "' must start with http:// (https is not supported)");
    }
    if (uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException("'" + url + "' needs a host and a port, like http://127.0.0.1:8081");
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null) {
      throw new IllegalArgumentException("'" + url + "' must not carry a path or query");
    }
    return new Endpoint(uri.getHost(), uri.getPort());
  }

  /** Parses {@code host:port}. */
  public static Endpoint fromHostPort(String address) {
    String trimmed = address.trim();
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || colon == trimmed.length() - 1) {
      throw new IllegalArgumentException("'" + address + "' must be host:port, like 127.0.0.1:9091");
    }
    try {
      return new Endpoint(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + address + "' has no numeric port");
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
