package io.ringkv.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ringkv get KEY}: reads a key through a node and prints its value(s) and context. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Read a key: prints its context and value, or every sibling.")
final class GetCommand implements Callable<Integer> {

  @Mixin private NodeOptions node;
  @Mixin private KeyOptions target;

  @Option(
      names = "--r",
      paramLabel = "N",
      description = "Replicas that must answer (default: the bucket's r).")
  private int r;

  @Option(
      names = "--context",
      paramLabel = "C",
      description = "A context to send along (X-Ringkv-Context).")
  private String context;

  @Option(names = "--json", description = "Print the node's JSON answer (values in base64).")
  private boolean json;

  @Override
  public Integer call() {
    Terminal terminal = node.terminal();
    KeyValueShell shell = new KeyValueShell(node.node(), terminal);
    return terminal.exitCodeOf(() -> shell.get(target.keyPath(), r, context, json));
  }
}
