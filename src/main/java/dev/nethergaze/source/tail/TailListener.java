package dev.nethergaze.source.tail;

/** Told about each state change of a followed path, once per change (not once per poll). */
@FunctionalInterface
public interface TailListener {

    void event(TailEvent event);

    static TailListener none() {
        return e -> {};
    }
}
