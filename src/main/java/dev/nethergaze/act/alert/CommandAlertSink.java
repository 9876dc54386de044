package dev.nethergaze.act.alert;

import dev.nethergaze.act.CommandRunner;
import dev.nethergaze.act.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Runs a fixed argument array per alert with the alert JSON on stdin (no shell, no substitution). */
public final class CommandAlertSink implements AlertSink {

    private final List<String> argv;
    private final Duration timeout;
    private final ProcessRunner runner = new ProcessRunner();

    public CommandAlertSink(List<String> argv, Duration timeout) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("alert command must not be empty");
        }
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "command:" + argv.getFirst();
    }

    @Override
    public void send(Alert alert) throws IOException, InterruptedException {
        CommandRunner.Result r = runner.run(argv, timeout, (alert.json() + "\n").getBytes(StandardCharsets.UTF_8));
        if (!r.ok()) {
            throw new IOException(argv.getFirst() + " exit " + r.exit() + ": " + r.firstLine());
        }
    }
}
