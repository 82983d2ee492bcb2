package io.ringkv.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that blocks an event loop on purpose (to test {@link BlockedThreadWatch} itself),
 * so the watch, which every Jupiter test runs under, does not fail it for doing so.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProvokesBlockedEventLoop {}
