package dev.nethergaze.cli;

import dev.nethergaze.ui.web.WebServer;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(
            names = "--web",
            paramLabel = "ADDR",
            description = "Listen on HOST:PORT, [IPv6]:PORT or PORT (default " + WebListen.DEFAULT
                    + "); beyond loopback only with a token in " + WebListen.TOKEN_ENV + ".")
    String web = WebListen.DEFAULT;

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        WebListen.parse(web); // a bad address fails before anything starts
        try (LiveSession live = LiveSession.start(common, session, null, false)) {
            WebServer w = WebListen.start(web, live.runner, System.getenv(), System.err);
            try {
                live.stopRequested.get();
            } finally {
                w.close();
            }
        }
        return 0;
    }
}
