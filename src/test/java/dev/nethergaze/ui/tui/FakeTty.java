package dev.nethergaze.ui.tui;

import dev.nethergaze.ui.tui.term.Tty;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An in-memory terminal: a fixed size, scripted input, and everything written kept. */
final class FakeTty implements Tty {

    private final int columns;
    private final int rows;
    private final BlockingQueue<Integer> input = new LinkedBlockingQueue<>();
    private final StringBuilder output = new StringBuilder();

    FakeTty(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** Queues typed text; {@code \033} and friends as written by a real terminal. */
    FakeTty type(String s) {
        s.chars().forEach(input::add);
        return this;
    }

    FakeTty eof() {
        input.add(EOF);
        return this;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int read(long timeoutMs) {
        try {
            Integer c = input.poll(timeoutMs, TimeUnit.MILLISECONDS);
            return c == null ? TIMEOUT : c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EOF;
        }
    }

    @Override
    public synchronized void write(String s) {
        output.append(s);
    }

    synchronized String output() {
        return output.toString();
    }
}
