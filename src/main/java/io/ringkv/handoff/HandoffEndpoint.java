package io.ringkv.handoff;

import io.ringkv.transport.proto.HandoffService;
import io.ringkv.transport.proto.PullReply;
import io.ringkv.transport.proto.PullRequest;
import io.vertx.core.Future;

/** The peer-facing side of ownership transfer: pages of a partition for the node that gains it. */
public final class HandoffEndpoint extends HandoffService {

  private final PartitionSender sender;

  HandoffEndpoint(PartitionSender sender) {
    this.sender = sender;
  }

  @Override
  public Future<PullReply> pull(PullRequest request) {
    return sender.pull(request);
  }
}
