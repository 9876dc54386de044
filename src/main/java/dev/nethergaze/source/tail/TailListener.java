package dev.nethergaze.source.tail;

/** Told about each state change of a followed path, once per change (not once per poll). */
@FunctionalInterface
public interface TailListener {

    void event(TailEvent event);

    /**
     * A followed file was opened under {@code file}: {@code unread} tells, from any thread, what it
     * holds beyond what was read. Large while its lines come faster than they are taken (a flood the
     * engine cannot keep up with, or a log read from its start): how far behind the file the view is.
     */
    default void reading(java.nio.file.Path file, java.util.function.LongSupplier unread) {}

    /** A listener of nothing but {@link #reading}, handed to {@code to}. */
    static TailListener readingTo(
            java.util.function.BiConsumer<java.nio.file.Path, java.util.function.LongSupplier> to) {
        return new TailListener() {
            @Override
            public void event(TailEvent event) {}

            @Override
            public void reading(java.nio.file.Path file, java.util.function.LongSupplier unread) {
                to.accept(file, unread);
            }
        };
    }

    static TailListener none() {
        return e -> {};
    }
}
