package dev.nethergaze.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "serve",
        description = "This host, live, as a web page, a JSON and event-stream API and Prometheus metrics"
                + " (no console); until interrupted or 'nethergaze ctl stop'.",
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    SessionOptions session = new SessionOptions();

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        if (session.web == null) {
            session.web = WebListen.DEFAULT; // serving is the point of this command
        }
        try (LiveSession live = LiveSession.start(common, session, null, false)) {
            live.stopRequested.get();
            live.runner.throwIfEngineStopped();
        }
        return 0;
    }
}
