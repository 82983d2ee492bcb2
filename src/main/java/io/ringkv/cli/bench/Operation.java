package io.ringkv.cli.bench;

/** The operations the generator issues. */
public enum Operation {
  GET,
  PUT;

  /** The lower-case name used in reports ({@code get}, {@code put}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
