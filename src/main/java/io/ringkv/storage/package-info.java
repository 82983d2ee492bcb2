/**
 * Local storage of a ringkv node: one logical byte map per partition ({@link
 * io.ringkv.storage.PartitionedStore}) and the hinted-handoff store ({@link
 * io.ringkv.storage.HintStore}), persisted in Chronicle Map files.
 *
 * <p>Values are opaque bytes here; merging siblings is the caller's business, done through the
 * atomic read-modify-write {@code update}/{@code merge}. The Chronicle implementations hide three
 * mechanisms behind that contract: maps created lazily and small, grown by migration to bigger
 * files while writes continue ({@code LayeredMap}), values larger than a Chronicle entry split into
 * chunks published by a manifest ({@code ChunkedMap}), and recovery of every file after an unclean
 * stop ({@code MapDirectory}).
 */
package io.ringkv.storage;
