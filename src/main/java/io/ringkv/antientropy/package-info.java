/**
 * Anti-entropy (DESIGN.md, "Anti-entropy"; Dynamo §4.7): replicas of a partition compare Merkle
 * trees in the background and repair what differs, so that keys nobody reads converge too.
 *
 * <p>The pure core: {@link io.ringkv.antientropy.MerkleTree} (XOR-combined entry hashes, so a
 * write updates one path and order never matters), {@code EntryHashing} (where a key sits: the top
 * bits of a 64-bit hash of its storage key), {@code Descent} (the top-down comparison),
 * {@code KeyDifferences} and {@code BandwidthLimit}. Around it: {@link
 * io.ringkv.antientropy.PartitionTrees} follows every change {@link
 * io.ringkv.replication.LocalReplica} stores; {@code Exchange} is one exchange with one peer, a
 * small state machine; {@code TombstoneReaper} purges tombstones only when that cannot resurrect
 * a delete; {@code ExchangeScheduler} (a verticle) decides what runs when; {@link
 * io.ringkv.antientropy.AntiEntropy} assembles it for the node.
 *
 * <p>Choices beyond the design, made here (docs/anti-entropy.md has the figures):
 *
 * <ul>
 *   <li>A partition's replicas are its first n primaries for the largest n of any bucket (Riak
 *       keeps a tree per partition and n instead): keys of a bucket with a smaller n end up on
 *       those extra primaries too.
 *   <li>Trees live in memory and are rebuilt from the store at every start (Riak persists them).
 *   <li>Replicas may use different tree depths: a level's nodes are the same whatever the depth,
 *       so an exchange compares down to the shallower tree.
 *   <li>Only the partition's owner sweeps tombstones, and only with every replica confirming.
 * </ul>
 */
package io.ringkv.antientropy;
