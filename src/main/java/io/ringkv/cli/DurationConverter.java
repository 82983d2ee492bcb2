package io.ringkv.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them: {@code 500ms}, {@code 30s}, {@code 1.5s}, {@code 2m}, {@code 1h}, or ISO {@code PT30S}. */
public final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  @Override
  public Duration convert(String text) {
    String trimmed = text.trim();
    Matcher matcher = AMOUNT_AND_UNIT.matcher(trimmed);
    if (matcher.matches()) {
      double amount = Double.parseDouble(matcher.group(1));
      return Duration.ofNanos(Math.round(amount * nanosPer(matcher.group(2))));
    }
    try {
      return Duration.parse(trimmed);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + text + "' is not a duration; write e.g. 500ms, 30s, 2m or 1h");
    }
  }

  private static double nanosPer(String unit) {
    return switch (unit) {
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      default -> 3600e9;
    };
  }
}
