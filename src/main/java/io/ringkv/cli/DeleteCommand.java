package io.ringkv.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ringkv delete KEY}: deletes a key through a node (it leaves a tombstone); without
 * {@code --context} it reads the key first, so the delete covers what is there.
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description =
        "Delete a key: what --context covers, or without it what a read of the key finds now.")
final class DeleteCommand implements Callable<Integer> {

  @Mixin private NodeOptions node;
  @Mixin private KeyOptions target;

  @Option(
      names = "--context",
      paramLabel = "C",
      description = "The context of the value(s) this delete replaces (default: read the key first and use its context).")
  private String context;

  @Option(
      names = "--w",
      paramLabel = "N",
      description = "Replicas that must store the delete (default: the bucket's w).")
  private int w;

  @Override
  public Integer call() {
    Terminal terminal = node.terminal();
    KeyValueShell shell = new KeyValueShell(node.node(), terminal);
    return terminal.exitCodeOf(() -> shell.delete(target.keyPath(), context, w));
  }
}
