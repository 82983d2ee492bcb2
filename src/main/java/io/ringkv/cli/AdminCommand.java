package io.ringkv.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/** {@code ringkv admin --url URL status|ring|join SEED|leave|hints|repair}: operator commands. */
@Command(
    name = "admin",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    description = "Operator commands, sent to the node at --url.")
final class AdminCommand {

  @Mixin private NodeOptions node;

  @Command(name = "status", description = "Members with their state, membership and partitions.")
  int status() {
    return run(AdminShell::status);
  }

  @Command(name = "ring", description = "The owner of every partition and the pending transfers.")
  int ring() {
    return run(AdminShell::ring);
  }

  @Command(name = "join", description = "Ask the node to join the cluster through a seed.")
  int join(
      @Parameters(paramLabel = "SEED", description = "A member's peer address, host:peerPort.")
          String seed) {
    return run(shell -> shell.join(seed));
  }

  @Command(name = "leave", description = "Ask the node to hand its partitions over and leave.")
  int leave() {
    return run(AdminShell::leave);
  }

  @Command(name = "hints", description = "Hints the node holds for other nodes.")
  int hints() {
    return run(AdminShell::hints);
  }

  @Command(name = "repair", description = "Start an anti-entropy repair of the node's partitions.")
  int repair() {
    return run(AdminShell::repair);
  }

  /** One admin operation against the node. */
  @FunctionalInterface
  private interface Operation {
    int on(AdminShell shell) throws NodeUnreachableException;
  }

  private int run(Operation operation) {
    Terminal terminal = node.terminal();
    AdminShell shell = new AdminShell(node.node(), terminal);
    return terminal.exitCodeOf(() -> operation.on(shell));
  }
}
