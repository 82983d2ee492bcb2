package io.ringkv.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ringkv.antientropy.AntiEntropyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a node's YAML config file. Its keys are the {@code node} command's long flag names
 * ({@code http-port}, {@code data-dir}, ...); {@code seeds} is a list or a comma-separated string.
 * Unknown keys are errors, so a typo cannot silently fall back to a default.
 */
public final class NodeConfigLoader {

  private static final Set<String> KEYS =
      Set.of(
          "id", "host", "http-port", "grpc-port", "peer-port", "data-dir", "seeds", "rack", "weight",
          "partitions", "cluster-name", "request-timeout-ms", "max-value-bytes", "event-loops",
          "hint-window-ms",
          "anti-entropy", "anti-entropy-interval-ms", "anti-entropy-bytes-per-second", "merkle-tree-depth",
          "tombstone-grace-ms",

          "gossip-interval-ms", "phi-threshold", "handoff-page-keys");

  private NodeConfigLoader() {}

  /**
   * Applies the file's settings to a builder.
   *
   * @throws IllegalArgumentException with the file and the offending key in the message
   */
  public static void apply(Path file, NodeConfig.Builder builder) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
    }
    if (root == null || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("config file " + file + " must be a YAML mapping");
    }
    Iterator<String> names = root.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown key '" + key + "' in config file " + file + "; known keys: " + KEYS);
      }
      applyKey(builder, key, root.get(key), file);
    }
  }

  private static void applyKey(NodeConfig.Builder builder, String key, JsonNode value, Path file) {
    switch (key) {
      case "id" -> builder.id(text(value));
      case "host" -> builder.host(text(value));
      case "http-port" -> builder.httpPort(number(key, value, file));
      case "grpc-port" -> builder.grpcPort(number(key, value, file));
      case "peer-port" -> builder.peerPort(number(key, value, file));
      case "data-dir" -> builder.dataDir(Path.of(text(value)));
      case "seeds" -> builder.seeds(seeds(value));
      case "rack" -> builder.rack(text(value));
      case "weight" -> builder.weight(number(key, value, file));
      case "partitions" -> builder.partitions(number(key, value, file));
      case "cluster-name" -> builder.clusterName(text(value));
      case "request-timeout-ms" -> builder.requestTimeoutMillis(number(key, value, file));
      case "max-value-bytes" -> builder.maxValueBytes(number(key, value, file));
      case "event-loops" -> builder.eventLoops(number(key, value, file));
      case "hint-window-ms" -> builder.hintWindowMillis(number(key, value, file));
      case "anti-entropy", "anti-entropy-interval-ms", "anti-entropy-bytes-per-second", "merkle-tree-depth",
          "tombstone-grace-ms" -> builder.antiEntropy(antiEntropy(builder.build().antiEntropy(), key, value, file));

      case "gossip-interval-ms" -> builder.gossipIntervalMillis(number(key, value, file));
      case "phi-threshold" -> builder.phiThreshold(decimal(key, value, file));
      case "handoff-page-keys" -> builder.handoffPageKeys(number(key, value, file));
      default -> throw new IllegalStateException("unhandled key " + key);
    }
  }

  private static AntiEntropyOptions antiEntropy(AntiEntropyOptions options, String key, JsonNode value, Path file) {
    try {
      return switch (key) {
        case "anti-entropy" -> options.withMode(text(value));
        case "anti-entropy-interval-ms" -> options.withExchangeInterval(Duration.ofMillis(number(key, value, file)));
        case "anti-entropy-bytes-per-second" -> options.withBytesPerSecond(number(key, value, file));
        case "merkle-tree-depth" -> options.withTreeDepth(number(key, value, file));
        default -> options.withTombstoneGrace(Duration.ofMillis(number(key, value, file)));
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + key + "' in " + file + ": " + e.getMessage());
    }
  }

  /** Splits a comma-separated seed list, ignoring blanks. */
  public static List<String> seeds(String commaSeparated) {
    List<String> seeds = new ArrayList<>();
    for (String seed : commaSeparated.split(",")) {
      if (!seed.isBlank()) {
        seeds.add(seed.trim());
      }
    }
    return seeds;
  }

  private static List<String> seeds(JsonNode value) {
    if (value.isArray()) {
      List<String> seeds = new ArrayList<>();
      value.forEach(seed -> seeds.add(seed.asText().trim()));
      return seeds;
    }
    return seeds(value.asText());
  }

  private static String text(JsonNode value) {
    return value.asText();
  }

  private static double decimal(String key, JsonNode value, Path file) {
    if (!value.isNumber()) {
      throw new IllegalArgumentException("'" + key + "' in " + file + " must be a number, got " + value);
    }
    return value.asDouble();
  }

  private static int number(String key, JsonNode value, Path file) {
    if (!value.canConvertToInt()) {
      throw new IllegalArgumentException("'" + key + "' in " + file + " must be a whole number, got " + value);
    }
    return value.asInt();
  }
}
