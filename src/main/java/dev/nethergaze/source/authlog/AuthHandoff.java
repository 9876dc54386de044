package dev.nethergaze.source.authlog;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

/**
 * What a {@code --since} backfill's auth-log parsers hold where the live tailer takes the current auth
 * logs over ({@code Handover}): their connections, among them the PAM failures still waiting for their
 * "Failed" line. The backfill leaves each such parser here instead of counting its waiting failures at
 * the end of its reading, and the tailer's parser takes them over before it reads a line, so a
 * connection split by the seam counts once (counted by the backfill, its "Failed password" line seconds
 * later was counted again by the tailer). Written by the backfill's threads, read by the tailer's once
 * the backfill has {@linkplain #end ended}.
 */
public final class AuthHandoff {

    private final Queue<AuthLineParser> left = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    /** A backfill's parser of a current auth log, read up to where the tailer goes on. */
    public void leave(AuthLineParser parser) {
        left.add(parser);
    }

    /** The backfill has ended, however: nothing more is left. */
    public void end() {
        ended.complete(null);
    }

    /** Whether the backfill has ended ({@link #takeInto} does not wait then). */
    boolean ended() {
        return ended.isDone();
    }

    /** Waits for the backfill's end, then gives {@code live} what its parsers left (once). */
    void takeInto(AuthLineParser live) throws InterruptedException {
        try {
            ended.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
        for (AuthLineParser p = left.poll(); p != null; p = left.poll()) {
            live.takeOver(p);
        }
    }
}
