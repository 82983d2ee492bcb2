/**
 * Ownership transfer when a node joins or leaves, split as riak_core splits handoff:
 *
 * <ul>
 *   <li>{@link io.ringkv.handoff.OwnershipTransfer}, the manager: follows the
 *       {@link io.ringkv.cluster.RingState}, receives the partitions this node gains a few at a time
 *       once every member holds the change (plus a grace of one request timeout, so requests begun
 *       under the previous ring are over), reports each completed partition through gossip, and
 *       once the new ring is stable everywhere drops the partitions this node no longer replicates.
 *       A node that has left stops when it holds nothing.
 *   <li>{@code PartitionSender}: serves a partition in pages, in storage-key order after a cursor.
 *   <li>{@code PartitionReceiver}: pulls page after page, merges each entry through the local
 *       replica (never an overwrite) and saves the cursor; the next page is asked for only then.
 *       That is the flow control, and a transfer resumes from the saved cursor after a crash of
 *       either side.
 * </ul>
 *
 * <p>Not covered: a partition whose every old replica is down cannot be pulled until one comes
 * back (the change waits); a bucket whose n exceeds the N a change was planned for gets its extra
 * replicas only through anti-entropy.
 */
package io.ringkv.handoff;
