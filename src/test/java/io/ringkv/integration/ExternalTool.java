package io.ringkv.integration;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test runs as a process (prometheus, promtool, chromium). Outside CI a test whose
 * program is not installed is skipped with the reason; in CI ({@code CI=true}, where {@code .ci/run}
 * installs them) a missing program fails the test.
 */
final class ExternalTool {

  private ExternalTool() {}

  /** The program {@code name} found on the PATH; skips (or, in CI, fails) the test without it. */
  static Path require(String name, String debianPackage) {
    Optional<Path> found = onPath(name);
    if (found.isPresent()) {
      return found.get();
    }
    String missing = name + " is not installed (apt-get install -y " + debianPackage + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing + ", and CI=true requires it");
    }
    Assumptions.abort(missing + "; skipped because CI is not set");
    throw new AssertionError("unreachable");
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
