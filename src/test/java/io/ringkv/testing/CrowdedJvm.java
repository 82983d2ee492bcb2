package io.ringkv.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that runs far more nodes in one JVM than the machine has cores (dozens of Vert.x
 * instances on two cores): there a runnable event loop can wait seconds for a core, and Vert.x's
 * checker, which measures wall time, reports it as blocked. {@link BlockedThreadWatch} then fails
 * the test only for a loop blocked longer than {@link #toleratedMillis()} — a real block (a
 * synchronous call, a sleep) still shows, since it lasts as long as the test lets it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CrowdedJvm {

  /** The longest block accepted as starvation of a crowded JVM. */
  long toleratedMillis() default 10_000;
}
