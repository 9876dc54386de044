package dev.nethergaze.act;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real runner: {@link ProcessBuilder} with the argument array as given (no shell), stdin
 * closed or fed from bytes, output captured up to a cap, killed at the timeout.
 */
public final class ProcessRunner implements CommandRunner {

    /** Output kept per stream; the rest is read and dropped so the child never blocks. */
    static final int MAX_OUTPUT = 64 * 1024;

    private final int maxOutput;

    /** A runner that keeps 64 KiB of each stream: plenty for the firewall's one-line answers. */
    public ProcessRunner() {
        this(MAX_OUTPUT);
    }

    /** A runner that keeps {@code maxOutput} bytes of each stream (a whole ruleset can be megabytes). */
    public ProcessRunner(int maxOutput) {
        this.maxOutput = maxOutput;
    }

    @Override
    public Result run(List<String> argv, Duration timeout) throws InterruptedException {
        return run(argv, timeout, null);
    }

    /** "not installed" or "permission denied" for the usual causes, else the JDK's message. */
    static String why(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("error=2,") || m.contains("error: 2 ")) {
            return "not installed";
        }
        if (m.contains("error=13,") || m.contains("error: 13 ")) {
            return "permission denied";
        }
        return m;
    }

    public Result run(List<String> argv, Duration timeout, byte[] stdin) throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.copyOf(argv));
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return Result.notStarted(argv.getFirst(), why(e));
        }
        Capture out = new Capture(p.getInputStream(), maxOutput);
        Capture err = new Capture(p.getErrorStream(), maxOutput);
        Thread to = Thread.ofVirtual().start(out);
        Thread te = Thread.ofVirtual().start(err);
        if (stdin != null) {
            try (var os = p.getOutputStream()) {
                os.write(stdin);
            } catch (IOException e) {
                // the child closed its stdin early: its exit status tells the rest
            }
        }
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(2, TimeUnit.SECONDS);
        }
        to.join(2000);
        te.join(2000);
        return new Result(done ? p.exitValue() : -1, out.text(), err.text(), !done);
    }

    private static final class Capture implements Runnable {
        private final InputStream in;
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        private final int max;

        Capture(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    synchronized (buf) {
                        buf.write(chunk, 0, Math.max(0, Math.min(n, max - buf.size())));
                    }
                }
            } catch (IOException e) {
                // the process went away; keep what we have
            }
        }

        String text() {
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
