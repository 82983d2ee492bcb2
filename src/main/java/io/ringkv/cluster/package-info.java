/**
 * Membership (DESIGN.md, "Gossip and failure detection", "Partitioning"): who is in the cluster,
 * who is alive, and which ring everyone uses.
 *
 * <ul>
 *   <li>{@link io.ringkv.cluster.GossipMembership} is the {@link io.ringkv.cluster.ClusterView} the
 *       coordinator uses. Every second it gossips with a random live peer (now and then a seed, an
 *       unreachable node, and any peer whose heartbeat is overdue): a digest of every
 *       {@link io.ringkv.cluster.NodeEntry}'s version, answered with what the peer knows newer and
 *       what it lacks, then the delta it asked for. Bucket properties and the
 *       {@link io.ringkv.cluster.RingState} travel the same way.
 *   <li>{@link io.ringkv.cluster.FailureDetector}: phi-accrual over heartbeat arrivals, plus failed
 *       calls. Down is one node's transient opinion and never changes the ring.
 *   <li>{@link io.ringkv.cluster.Claimant}: the lowest-id reachable member changes the ring, only
 *       while every member is reachable and holds the current ring state ("ring ready").
 * </ul>
 *
 * <p>Where this goes beyond the design, and why:
 * <ul>
 *   <li>An ownership change is three ring-state versions, each adopted by every member before the
 *       next: handoff (reads use the old ring, writes need W in the old and in the new replica
 *       sets, gaining replicas pull their partitions), settling (reads use the new ring, writes
 *       still reach both), stable. Riak keeps a "next" list in its ring for the same purpose and
 *       Cassandra writes to pending ranges; the two quorums make any read, through either ring,
 *       meet every acknowledged write.
 *   <li>Joins and leaves that wait at the same time become one change (Riak's staged plan): the
 *       claimant serializes changes, not nodes.
 *   <li>A node gaining a replica role pulls from the replica it replaces, so a key on k replicas
 *       before the change is on at least k after it (Cassandra's "consistent range movement").
 *   <li>A ring carries its lineage (the fingerprint of the cluster's first ring): a node never adopts
 *       the ring of another cluster that happens to share its name, and gossip between the two is
 *       refused with a message, like another cluster name or partition count.
 *   <li>A new cluster is founded by its lowest-id node once it has reached every seed; seeds that
 *       are not up yet are retried every round.
 *   <li>A restarted node is ready with the ring it remembered only after its first gossip exchange,
 *       which tells it where the other members are.
 * </ul>
 */
package io.ringkv.cluster;
