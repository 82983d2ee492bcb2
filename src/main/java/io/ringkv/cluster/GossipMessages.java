package io.ringkv.cluster;

import com.google.protobuf.ByteString;
import io.ringkv.cluster.NodeEntry.EntryVersion;
import io.ringkv.ring.RingCodec;
import io.ringkv.transport.proto.EntryDigest;
import io.ringkv.transport.proto.GossipEntry;
import io.ringkv.transport.proto.GossipSender;
import io.ringkv.transport.proto.RingStateMessage;
import java.util.BitSet;

/** Conversions between gossip state and its peer-protocol messages. */
final class GossipMessages {

  private GossipMessages() {}

  static GossipSender sender(NodeInfo self, ClusterIdentity identity) {
    return GossipSender.newBuilder()
        .setId(self.id())
        .setClusterName(identity.clusterName())
        .setPartitionCount(identity.partitionCount())
        .setPeerAddress(self.peerAddress())
        .build();
  }

  static EntryDigest toProto(EntryVersion version) {
    return EntryDigest.newBuilder()
        .setId(version.id())
        .setGeneration(version.generation())
        .setHeartbeat(version.heartbeat())
        .setIncarnation(version.incarnation())
        .setMembership(version.membership().code())
        .build();
  }

  static EntryVersion fromProto(EntryDigest digest) {
    return new EntryVersion(
        digest.getId(),
        digest.getGeneration(),
        digest.getHeartbeat(),
        digest.getIncarnation(),
        Membership.ofCode(digest.getMembership()));
  }

  static GossipEntry toProto(NodeEntry entry) {
    return GossipEntry.newBuilder()
        .setNode(ClusterMessages.toProto(entry.node()))
        .setGeneration(entry.generation())
        .setHeartbeat(entry.heartbeat())
        .setIncarnation(entry.incarnation())
        .setMembership(entry.membership().code())
        .setRingVersion(entry.ringVersion())
        .setHandoffVersion(entry.handoff().version())
        .setHandoffDone(ByteString.copyFrom(entry.handoff().done().toByteArray()))
        .setKeys(entry.keys())
        .setBytes(entry.bytes())
        .build();
  }

  static NodeEntry fromProto(GossipEntry entry) {
    return new NodeEntry(
        ClusterMessages.fromProto(entry.getNode()),
        entry.getGeneration(),
        entry.getHeartbeat(),
        entry.getIncarnation(),
        Membership.ofCode(entry.getMembership()),
        entry.getRingVersion(),
        new HandoffProgress(entry.getHandoffVersion(), BitSet.valueOf(entry.getHandoffDone().toByteArray())),
        entry.getKeys(),
        entry.getBytes());
  }

  static RingStateMessage toProto(RingState state) {
    RingStateMessage.Builder message =
        RingStateMessage.newBuilder()
            .setVersion(state.version())
            .setPhase(state.phase().ordinal())
            .setReplicas(state.replicas())
            .setLineage(state.lineage())
            .setFrom(ByteString.copyFrom(RingCodec.encode(state.from())));
    if (!state.isStable()) {
      message.setTo(ByteString.copyFrom(RingCodec.encode(state.to())));
    }
    return message.build();
  }

  /** The ring state of a message; null for an absent (default) one. */
  static RingState fromProto(RingStateMessage message) {
    if (message.getVersion() == 0) {
      return null;
    }
    RingState.Phase phase = RingState.Phase.values()[message.getPhase()];
    var from = RingCodec.decode(message.getFrom().toByteArray());
    var to = phase == RingState.Phase.STABLE ? from : RingCodec.decode(message.getTo().toByteArray());
    return RingState.of(message.getVersion(), phase, message.getReplicas(), from, to, message.getLineage());
  }
}
