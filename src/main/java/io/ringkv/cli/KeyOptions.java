package io.ringkv.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which key a {@code get}, {@code put} or {@code delete} is about. */
final class KeyOptions {

  @Option(
      names = {"-b", "--bucket"},
      paramLabel = "BUCKET",
      defaultValue = "default",
      description = "The bucket (default: ${DEFAULT-VALUE}).")
  private String bucket;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key (UTF-8).")
  private String key;

  KeyValueShell.KeyPath keyPath() {
    return new KeyValueShell.KeyPath(bucket, key);
  }
}
