package dev.nethergaze.model;

/**
 * How many events a replay keeps in flight between its threads (per file: {@code fileQueue} + 2
 * batches; per engine shard: {@code shardQueue} + 2), by the size of its input. Whatever is queued
 * when a young collection runs is copied, and in a big replay promoted, as if it were per-IP state:
 * a small input (under {@link #LARGE_INPUT}, where the launcher gives a 16 MiB young generation)
 * keeps a few hundred KB in flight (200k sshd lines: 95 MiB peak instead of 121, same speed); a big
 * one (64 MiB young generation) keeps deeper queues, 4 % faster on a 1M-line log for 14 MiB more.
 *
 * @param batch events per hand-over at most
 * @param batchBytes event weight ({@link SourceEvent#weight}) per hand-over at most
 */
public record ReplayBudget(int batch, long batchBytes, int fileQueue, int shardQueue) {

    /** The launcher's threshold too (its young generation size for {@code replay}). */
    public static final long LARGE_INPUT = 64L << 20;

    public static final ReplayBudget SMALL = new ReplayBudget(512, 256 << 10, 3, 2);

    public static final ReplayBudget LARGE = new ReplayBudget(2048, 1 << 20, 8, 4);

    public static ReplayBudget forInput(long bytes) {
        return bytes > LARGE_INPUT ? LARGE : SMALL;
    }
}
