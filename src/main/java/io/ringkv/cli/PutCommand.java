package io.ringkv.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringkv put KEY VALUE|--file F}: writes a value through a node and prints the new context.
 */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description =
        "Write a value. Without --context the write is blind: it becomes a sibling of any value"
            + " the key already holds. Pass the context `get` printed to replace what you read.")
final class PutCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private NodeOptions node;
  @Mixin private KeyOptions target;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "VALUE",
      description = "The value (UTF-8 text).")
  private String value;

  @Option(
      names = "--file",
      paramLabel = "F",
      description = "Read the value's bytes from this file instead.")
  private Path file;

  @Option(
      names = "--content-type",
      paramLabel = "T",
      description =
          "Stored with the value (default: text/plain; charset=utf-8 for VALUE,"
              + " application/octet-stream for --file).")
  private String contentType;

  @Option(
      names = "--context",
      paramLabel = "C",
      description = "The context of the value(s) this write replaces.")
  private String context;

  @Option(
      names = "--w",
      paramLabel = "N",
      description = "Replicas that must store it (default: the bucket's w).")
  private int w;

  @Override
  public Integer call() {
    byte[] bytes = valueBytes();
    String type = contentType != null ? contentType : defaultContentType();
    Terminal terminal = node.terminal();
    KeyValueShell shell = new KeyValueShell(node.node(), terminal);
    return terminal.exitCodeOf(() -> shell.put(target.keyPath(), bytes, type, context, w));
  }

  private byte[] valueBytes() {
    if ((value == null) == (file == null)) {
      throw new ParameterException(
          spec.commandLine(), "give the value either as VALUE or with --file");
    }
    if (value != null) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException unreadable) {
      throw new ParameterException(
          spec.commandLine(), "cannot read --file " + file + ": " + why(unreadable));
    }
  }

  private static String why(IOException unreadable) {
    if (unreadable instanceof NoSuchFileException) {
      return "no such file";
    }
    if (unreadable instanceof AccessDeniedException) {
      return "permission denied";
    }
    return unreadable.getMessage();
  }

  private String defaultContentType() {
    return value != null ? "text/plain; charset=utf-8" : "application/octet-stream";
  }
}
