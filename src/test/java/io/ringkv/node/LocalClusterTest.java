package io.ringkv.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.antientropy.AntiEntropyOptions;
import io.ringkv.transport.TransportDecorator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterTest {

  @Test
  void a_node_that_cannot_bind_stops_the_nodes_already_started(@TempDir Path dataRoot) throws Exception {
    int firstHttpPort = freePort();
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<NodeConfig> configs = List.of(
          config("n1", dataRoot).httpPort(firstHttpPort).build(),
          config("n2", dataRoot).httpPort(taken.getLocalPort()).build());

      assertThatThrownBy(() -> LocalCluster.start(configs, TransportDecorator.NONE)
              .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }

    try (ServerSocket again = new ServerSocket(firstHttpPort, 50, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).as("n1's HTTP port, released when n2 failed to bind").isEqualTo(firstHttpPort);
    }
  }

  private static NodeConfig.Builder config(String id, Path dataRoot) {
    return NodeConfig.builder(id, dataRoot.resolve(id))
        .anyPorts()
        .partitions(16)
        .eventLoops(1)
        .apiInstances(1)
        .antiEntropy(AntiEntropyOptions.disabled());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
