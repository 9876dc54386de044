package dev.nethergaze.ui.tui.term;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The real terminal through JLine (FFM provider on JDK 25): raw mode, the alternate screen, hidden
 * cursor and SGR mouse reporting while open. {@link #close()} restores all of it, is idempotent and
 * safe to call from a shutdown hook, so every exit path leaves a usable terminal.
 */
public final class JLineTty implements Tty, AutoCloseable {

    static final String ENTER = "\033[?1049h\033[?25l\033[?1000h\033[?1006h\033[?7l\033[2J";
    static final String LEAVE = "\033[0m\033[?1000l\033[?1006l\033[?7h\033[?25h\033[?1049l";

    private final Terminal terminal;
    private final Attributes saved;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private JLineTty(Terminal terminal, boolean mouse) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        String enter = mouse ? ENTER : ENTER.replace("\033[?1000h\033[?1006h", "");
        write(enter);
    }

    /**
     * Opens the process's terminal. {@code onInterrupt} runs on Ctrl-C (SIGINT), {@code onResize} on
     * SIGWINCH; both must only set flags.
     */
    public static JLineTty open(boolean mouse, Runnable onInterrupt, Runnable onResize) throws IOException {
        Terminal t = TerminalBuilder.builder()
                .system(true)
                .dumb(false)
                .nativeSignals(true)
                .build();
        t.handle(Terminal.Signal.INT, s -> onInterrupt.run());
        t.handle(Terminal.Signal.WINCH, s -> onResize.run());
        return new JLineTty(t, mouse);
    }

    @Override
    public int columns() {
        return terminal.getColumns();
    }

    @Override
    public int rows() {
        return terminal.getRows();
    }

    @Override
    public int read(long timeoutMs) throws IOException {
        if (!open.get()) {
            return EOF;
        }
        try {
            int c = terminal.reader().read(Math.max(1, timeoutMs));
            return c == -2 ? TIMEOUT : c;
        } catch (IllegalStateException closed) {
            // SIGTERM: our shutdown hook (or JLine's) closed the terminal under the reading loop, which
            // is an end of input (the loop quits), not a failure with a stack trace
            return EOF;
        }
    }

    @Override
    public void write(String s) {
        if (s.isEmpty()) {
            return;
        }
        try {
            terminal.writer().write(s);
            terminal.writer().flush();
        } catch (IllegalStateException closed) {
            // closed by a shutdown hook: the frame has nowhere to go, and close() restores the screen
        }
    }

    /** Leaves the alternate screen, shows the cursor, stops mouse reports and restores the modes. */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        try {
            write(LEAVE);
            terminal.setAttributes(saved);
            terminal.close();
        } catch (IllegalStateException closed) {
            // JLine's own shutdown hook closed it first (SIGTERM), restoring the modes it found; what is left,
            // leaving the alternate screen, is done below (before: "Exception in thread console-restore")
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            leaveThroughDevTty();
        }
    }

    /**
     * Writes {@link #LEAVE} to the controlling terminal directly as well. On SIGTERM, JLine's own
     * shutdown hook may close the terminal before ours runs; our write through JLine is then lost and
     * the shell would come back inside the alternate screen. The sequence is idempotent, so writing
     * it twice on a normal exit is harmless.
     */
    private static void leaveThroughDevTty() {
        try (FileOutputStream tty = new FileOutputStream("/dev/tty")) {
            tty.write(LEAVE.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | SecurityException e) {
            // no controlling terminal: the write through JLine is all there is
        }
    }
}
