package dev.nethergaze.source.tail;

import dev.nethergaze.source.tail.TailEvent.Kind;
import java.nio.file.Path;

/** The lines of one followed path that will never be read ({@link Kind#LOST}): the latest, and how many times. */
final class Losses {

    private final Path path;
    /** The latest lines lost here ({@link Kind#LOST}), or null; and how many times lines were. */
    private TailEvent loss;

    private int losses;

    Losses(Path path) {
        this.path = path;
    }

    /** Lines that will never be read here: said (once), and kept as the path's latest {@link #loss()}. */
    void notRead(TailContext ctx, String detail) {
        losses++;
        loss = new TailEvent(Kind.LOST, path, detail);
        ctx.listener.event(loss);
    }

    /** What was last lost here (lines of a rotated-away file that cannot be read), or null. */
    TailEvent loss() {
        return loss;
    }

    /** How many times lines were lost here. */
    int count() {
        return losses;
    }
}
