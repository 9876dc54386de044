package dev.nethergaze.source.tail;

import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * The failures of one followed path that do not keep it from being read and are tried again at each
 * poll (its directory not listable for rotated files, an old file that cannot be drained), each an
 * {@link TailEvent.Kind#ERROR} of the path while it lasts: said once when it begins or changes, and
 * among the tailer's problems until it stops.
 */
final class Troubles {

    enum Side {
        /** The rotated names next to the path cannot be listed. */
        LISTING,
        /** A rotated-away file it reads on cannot be read. */
        DRAINING
    }

    private final Map<Side, TailEvent> now = new EnumMap<>(Side.class);

    /** {@code side} fails for {@code path}: said when it did not, or differently. */
    void set(TailContext ctx, Side side, Path path, String detail) {
        TailEvent e = new TailEvent(TailEvent.Kind.ERROR, path, detail);
        if (!e.equals(now.put(side, e))) {
            ctx.listener.event(e);
        }
    }

    void clear(Side side) {
        now.remove(side);
    }

    boolean has(Side side) {
        return now.containsKey(side);
    }

    Collection<TailEvent> current() {
        return now.values();
    }
}
