package dev.nethergaze.source.authlog;

import dev.nethergaze.source.tail.FileKeys;
import dev.nethergaze.source.tail.Handover;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

/**
 * What a {@code --since} backfill's auth-log parsers hold where the live tailer takes the current auth
 * logs over ({@code Handover}): their connections, among them the PAM failures still waiting for their
 * "Failed" line. The backfill leaves each such parser here instead of counting its waiting failures at
 * the end of its reading, and the tailer's parser of that file (only: two hosts' logs have pids in
 * common) takes it over before it reads a line, so a
 * connection split by the seam counts once (counted by the backfill, its "Failed password" line seconds
 * later was counted again by the tailer). Written by the backfill's threads, read by the tailer's once
 * the backfill has {@linkplain #end ended}.
 */
public final class AuthHandoff {

    /** A parser left, with the file it read (named by its source) and that file's key when it was left. */
    private record Left(AuthLineParser parser, Path file, Object key) {}

    private final Queue<Left> left = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    /**
     * A backfill's parser of a current auth log (the file its source names), read up to where the tailer
     * goes on.
     */
    public void leave(AuthLineParser parser) {
        Path file = Path.of(parser.source());
        left.add(new Left(parser, file, FileKeys.of(file)));
    }

    /** The backfill has ended, however: nothing more is left. */
    public void end() {
        ended.complete(null);
    }

    /** Whether the backfill has ended ({@link #takeInto} does not wait then). */
    boolean ended() {
        return ended.isDone();
    }

    /**
     * Waits for the backfill's end, then gives each parser left (once) to the live parser of the file it
     * read: of the path that named that file at start-up ({@code handover}; a file rotated away since is
     * read on under that path), else of the path it was read under.
     */
    void takeInto(Handover handover, FileParsers live) throws InterruptedException {
        try {
            ended.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
        for (Left l = left.poll(); l != null; l = left.poll()) {
            Path followed = l.key() == null ? null : handover.startUpPath(l.key());
            live.of(followed != null ? followed : l.file()).takeOver(l.parser());
        }
    }
}
