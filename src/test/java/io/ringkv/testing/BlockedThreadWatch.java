package io.ringkv.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.threadchecker.BlockedThreadChecker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test during which Vert.x logged a blocked-thread warning: in ringkv a blocked event loop
 * is a bug (DESIGN.md Part A), so a test that provokes one must not pass quietly.
 *
 * <p>Every Jupiter test runs under it: it is registered for extension autodetection
 * (src/test/resources/META-INF/services and junit-platform.properties). It listens to Vert.x's checker logger, so
 * it sees every Vert.x instance in the JVM; create yours with {@link #vertxOptions()} to make the
 * checker stricter than Vert.x's 2 s default. {@link #record()} gives the same watch without JUnit.
 */
public final class BlockedThreadWatch implements BeforeEachCallback, AfterEachCallback {

  /**
   * How long an event-loop task may run in tests: Vert.x's own default, so tests flag what
   * production would log. The checker measures wall time, and a 2-core machine shared with other
   * builds starves threads for a second at times (first requests load classes, too), so a tighter
   * default would make tests flaky. Override with {@code -Dringkv.test.maxEventLoopMillis=…}.
   */
  public static final long MAX_EVENT_LOOP_MILLIS =
      Long.getLong("ringkv.test.maxEventLoopMillis", 2000);

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(BlockedThreadWatch.class);

  /**
   * Vert.x options whose checker looks ten times a limit ({@link #MAX_EVENT_LOOP_MILLIS}) and logs
   * the blocked thread's stack at once, so a failing test shows where it blocked.
   */
  public static VertxOptions vertxOptions() {
    return new VertxOptions()
        .setWarningExceptionTime(MAX_EVENT_LOOP_MILLIS)
        .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(Math.max(10, MAX_EVENT_LOOP_MILLIS / 10))
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MILLIS)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
  }

  /** Starts recording Vert.x's blocked-thread warnings, until the recording is closed. */
  public static Recording record() {
    return new Recording();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put(context.getUniqueId(), record());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Recording recording =
        context.getStore(NAMESPACE).remove(context.getUniqueId(), Recording.class);
    recording.close();
    boolean onPurpose =
        context.getTestMethod().map(method -> method.isAnnotationPresent(ProvokesBlockedEventLoop.class)).orElse(false);
    long tolerated =
        context.getTestMethod()
            .map(method -> method.getAnnotation(CrowdedJvm.class))
            .map(CrowdedJvm::toleratedMillis)
            .orElse(0L);
    if (!onPurpose) {
      recording.assertNoneBlockedLongerThan(tolerated);
    }
  }

  /** The warnings logged while it was open. */
  public static final class Recording implements AutoCloseable {

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger checkerLogger =
        (Logger) LoggerFactory.getLogger(BlockedThreadChecker.LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
              warnings.add(event.getFormattedMessage());
            }
          }
        };

    private Recording() {
      appender.setContext(checkerLogger.getLoggerContext());
      appender.setName("blocked-thread-watch");
      appender.start();
      checkerLogger.addAppender(appender);
    }

    public List<String> warnings() {
      return List.copyOf(warnings);
    }

    /**
     * @throws AssertionError listing the warnings, if any was logged
     */
    public void assertNoneBlocked() {
      assertNoneBlockedLongerThan(0);
    }

    /**
     * @throws AssertionError listing the warnings of threads blocked longer than {@code millis}
     */
    public void assertNoneBlockedLongerThan(long millis) {
      List<String> failing = warnings.stream().filter(warning -> blockedMillis(warning) > millis).toList();
      if (!failing.isEmpty()) {
        throw new AssertionError(
            "Vert.x reported "
                + failing.size()
                + " blocked thread(s): "
                + String.join("; ", failing));
      }
    }

    /** The duration in Vert.x's "has been blocked for 2011 ms" (the longest possible if absent). */
    private static long blockedMillis(String warning) {
      java.util.regex.Matcher matcher =
          java.util.regex.Pattern.compile("blocked for (\\d+) ms").matcher(warning);
      return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
    }

    @Override
    public void close() {
      checkerLogger.detachAppender(appender);
      appender.stop();
    }
  }
}
