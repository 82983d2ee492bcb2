/**
 * Partitioning: where a key lives (DESIGN.md "Partitioning", Dynamo paper §4.2–4.3, strategy 3).
 *
 * <ul>
 *   <li>{@link io.ringkv.ring.KeyHasher} puts (bucket, key) on the 128-bit MD5 ring;
 *       {@link io.ringkv.ring.PartitionScheme} cuts it into Q equal partitions.</li>
 *   <li>{@link io.ringkv.ring.Ring} is one immutable, versioned partition → owner table and answers
 *       {@link io.ringkv.ring.PreferenceList}s: primaries, then fallbacks for sloppy quorum.</li>
 *   <li>{@link io.ringkv.ring.Claim} derives the next ring on a join, leave or reweight,
 *       deterministically; {@link io.ringkv.ring.RingCodec} is its wire and disk form.</li>
 * </ul>
 *
 * <p>Where this goes beyond the paper and the design:
 * <ul>
 *   <li>Weights: balance is exact per weight (⌊Q·w/W⌋ or ⌈Q·w/W⌉). With weights, balance can
 *       occasionally force an existing node to gain on a join (or a staying node to lose on a
 *       leave); the claim then does the least of that any balanced ring allows, and otherwise none
 *       (see {@code Quotas}). Tests check both against an exhaustive oracle.</li>
 *   <li>Racks: when the ring has fewer racks than N, primaries still cover every rack before
 *       repeating one, rather than falling back to the plain walk.</li>
 *   <li>With more nodes than partitions some members own nothing; they still serve as primaries
 *       (after the walk, by id) when the walk finds fewer than N owners, and as fallbacks.</li>
 * </ul>
 *
 * <p>Plain Java: no Vert.x, no I/O, no clocks, no randomness.
 */
package io.ringkv.ring;
