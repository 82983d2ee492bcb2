package io.ringkv.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ringkv delete KEY}: deletes a key through a node (it leaves a tombstone). */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description =
        "Delete a key. Pass the context `get` printed so the delete covers what you read.")
final class DeleteCommand implements Callable<Integer> {

  @Mixin private NodeOptions node;
  @Mixin private KeyOptions target;

  @Option(
      names = "--context",
      paramLabel = "C",
      description = "The context of the value(s) this delete replaces.")
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
