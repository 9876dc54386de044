package dev.nethergaze.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a headless run finish its own way on SIGINT or SIGTERM: the JVM's shutdown hook asks the run
 * to stop ({@link #onSignal}) and then waits, up to {@value #GRACE_SECONDS} s, until the run has
 * written its exports and closed its files and socket ({@link #close}). The exit status stays the
 * signal's (130, 143).
 */
final class ExitHook implements AutoCloseable {

    static final int GRACE_SECONDS = 20;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread = new Thread(this::signalled, "nethergaze-exit");
    private volatile Runnable onSignal = () -> {};

    private ExitHook() {}

    static ExitHook install() {
        ExitHook h = new ExitHook();
        Runtime.getRuntime().addShutdownHook(h.thread);
        return h;
    }

    /** What a signal asks of the run: end its capture or replay so that it can write what it has. */
    void onSignal(Runnable action) {
        onSignal = action;
    }

    private void signalled() {
        onSignal.run();
        try {
            done.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run is over (written and closed): a signal now has nothing to wait for. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and may go on
        }
    }
}
