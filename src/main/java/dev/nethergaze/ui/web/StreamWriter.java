package dev.nethergaze.ui.web;

import dev.nethergaze.model.WriteDeadline;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Writes an event stream's messages with a deadline: a write blocked for longer than the timeout (the
 * client stopped reading, or vanished without closing) is ended by interrupting the writing thread,
 * which closes the connection's socket (a virtual thread's socket I/O is interruptible: {@link
 * HttpListener} serves each connection on one); the write then fails, and the stream, its slot and the document it held
 * are freed ({@link WriteDeadline}).
 */
final class StreamWriter implements AutoCloseable {

    private final OutputStream out;
    private final WriteDeadline deadline;

    StreamWriter(OutputStream out, Duration timeout) {
        this.out = out;
        Thread writer = Thread.currentThread();
        this.deadline = new WriteDeadline("nethergaze-web-stream-watch", timeout, writer::interrupt);
    }

    /** Writes the parts and flushes them; an IOException when they could not go within the timeout. */
    void write(byte[]... parts) throws IOException {
        deadline.begin();
        try {
            for (byte[] p : parts) {
                out.write(p);
            }
            out.flush();
        } catch (IOException e) {
            throw deadline.expired()
                    ? new IOException(
                            "the client read nothing for " + deadline.timeout().toMillis() + " ms", e)
                    : e;
        } finally {
            deadline.end();
        }
    }

    @Override
    public void close() {
        deadline.close();
    }
}
