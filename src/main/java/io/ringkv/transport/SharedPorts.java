package io.ringkv.transport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for servers deployed as several verticle instances. Vert.x gives each instance bound to
 * port 0 a port of its own, but lets the instances bound to one negative number share a single
 * free port (eclipse-vertx/vert.x#3998). Every server of every node in this JVM gets its own
 * negative number, so two nodes in one JVM never share a port.
 */
public final class SharedPorts {

  private static final AtomicInteger NEXT = new AtomicInteger();

  private SharedPorts() {}

  /** The port to bind every instance of one server to: {@code port} itself, or for 0 a fresh shared one. */
  public static int forInstances(int port) {
    return port == 0 ? NEXT.decrementAndGet() : port;
  }
}
