/**
 * ringkv's metrics: names, labels and registry wiring (DESIGN.md Part B, "Metrics").
 *
 * <p>Every series carries {@code node} (the node id). Names have the {@code ringkv_} prefix and base
 * units (seconds, bytes); latencies are Prometheus histograms with the buckets of {@link
 * io.ringkv.metrics.LatencyHistogram}, so p50/p99/p99.9 come from {@code histogram_quantile} over
 * any window and any set of nodes. No label ever holds a key or a bucket name.
 *
 * <table>
 * <caption>Metrics</caption>
 * <tr><th>series</th><th>labels</th><th>meaning</th></tr>
 * <tr><td>ringkv_client_requests_seconds</td><td>api, op, outcome</td><td>client request latency (histogram)</td></tr>
 * <tr><td>ringkv_replica_calls_seconds</td><td>peer, op, outcome</td><td>coordinator → replica call latency (histogram)</td></tr>
 * <tr><td>ringkv_read_siblings</td><td></td><td>live siblings per read (histogram)</td></tr>
 * <tr><td>ringkv_read_repairs_total</td><td></td><td>read repairs sent</td></tr>
 * <tr><td>ringkv_clock_pruned_entries_total</td><td></td><td>clock entries dropped by pruning</td></tr>
 * <tr><td>ringkv_partitions_owned</td><td></td><td>partitions owned in the current ring</td></tr>
 * <tr><td>ringkv_stored_keys, ringkv_stored_value_bytes, ringkv_stored_file_bytes</td><td></td><td>partition store size</td></tr>
 * <tr><td>ringkv_members</td><td>state, membership</td><td>members by liveness and membership</td></tr>
 * <tr><td>ringkv_member_up</td><td>peer</td><td>1 when this node sees the peer up</td></tr>
 * <tr><td>ringkv_hints_stored_total, ringkv_hints_delivered_total, ringkv_hints_dropped_total</td><td></td><td>hinted handoff: hints created, delivered, dropped after the window</td></tr>
 * <tr><td>ringkv_hints_pending</td><td>target</td><td>hints waiting for their owner</td></tr>
 * <tr><td>ringkv_antientropy_exchanges_total, ringkv_antientropy_keys_repaired_total,
 *     ringkv_antientropy_transferred_bytes_total</td><td></td><td>anti-entropy work</td></tr>
 * <tr><td>ringkv_gossip_rounds_total</td><td></td><td>gossip rounds started</td></tr>
 * <tr><td>ringkv_event_loop_lag_seconds</td><td></td><td>how late event-loop timers fire (histogram)</td></tr>
 * <tr><td>ringkv_jvm_gc_pause_seconds, ringkv_jvm_memory_*, ringkv_process_cpu_usage, ringkv_system_cpu_usage</td><td>(Micrometer's)</td><td>JVM and process</td></tr>
 * </table>
 */
package io.ringkv.metrics;
