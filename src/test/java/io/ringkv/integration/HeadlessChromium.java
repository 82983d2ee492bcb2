package io.ringkv.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode, one process per page load: it loads a URL, lets the
 * page's scripts run for a few seconds of virtual time (their fetches to loopback included), then
 * prints the DOM or writes a screenshot. Offline: every background service is off.
 */
final class HeadlessChromium {

  /** Virtual time the page runs before the dump: enough for two polls of the console. */
  static final int VIRTUAL_TIME_BUDGET_MILLIS = 4_000;

  private final Path binary;
  private final Path profile;

  HeadlessChromium(Path binary, Path workDir) throws IOException {
    this.binary = binary;
    this.profile = Files.createDirectories(workDir.resolve("chromium-profile"));
  }

  /** The DOM after the page's scripts ran. */
  String dumpDom(String url) throws Exception {
    Path dom = Files.createTempFile(profile.getParent(), "dom", ".html");
    run(List.of("--dump-dom", url), dom);
    return Files.readString(dom);
  }

  /** Writes a PNG of the page, {@code width} × {@code height} pixels. */
  void screenshot(String url, Path png, int width, int height) throws Exception {
    run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png, url),
        Files.createTempFile(profile.getParent(), "screenshot", ".log"));
  }

  private void run(List<String> arguments, Path output) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile,
        "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MILLIS));
    command.addAll(arguments);
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD) // dbus noise in containers
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.toHandle().destroyForcibly();
      throw new AssertionError("chromium did not finish within 60 s: " + command);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("chromium exited with " + process.exitValue() + ": " + command);
    }
  }
}
