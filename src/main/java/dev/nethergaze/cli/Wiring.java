package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.enrich.Enricher;
import dev.nethergaze.model.ServiceNames;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.conn.ConnPollSource;
import dev.nethergaze.source.conn.ConnSourceMode;
import dev.nethergaze.source.conn.ConnectionReaders;
import dev.nethergaze.source.httplog.AccessLogSource;
import dev.nethergaze.source.tail.TailConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** Turns a frozen {@link Config} into the engine settings and the live sources: the one wiring place. */
final class Wiring {

    private Wiring() {}

    static EngineSettings engineSettings(Config c) {
        return new EngineSettings(
                c.general().showPrivateIps(),
                c.limits().maxIps(),
                Duration.ofSeconds(c.limits().ipIdleSeconds()),
                c.limits().recentRequestsPerIp(),
                c.general().hostOr(systemHostname()),
                port -> c.services().name(port).orElseGet(() -> ServiceNames.name(port)));
    }

    static List<Source> liveSources(Config c, InstantSource clock, StatusReporter reporter) {
        List<Source> out = new ArrayList<>();
        if (c.conn().enabled()) {
            out.add(new ConnPollSource(
                    ConnectionReaders.create(
                            ConnSourceMode.parse(c.conn().source()),
                            c.conn().procRoot(),
                            c.conn().owners()),
                    Duration.ofMillis(c.conn().pollMs()),
                    clock,
                    reporter));
        }
        if (c.http().enabled() && !c.http().paths().isEmpty()) {
            TailConfig tail = new TailConfig(
                    Duration.ofMillis(250),
                    Duration.ofSeconds(c.http().rescanSeconds()),
                    Duration.ofSeconds(5),
                    c.http().fromStart(),
                    TailConfig.DEFAULT_MAX_LINE,
                    clock);
            out.add(new AccessLogSource(c.http().paths(), tail, reporter));
        }
        return out;
    }

    /**
     * Builds and starts the enricher a run asks for; its answers go into {@code sink} (normally
     * {@link LiveRunner#sink()}). Subscribe it to the runner, and close it before the runner.
     */
    static Enricher enricher(Config c, CommonOptions common, EventSink sink) {
        return enricher(common.enrich.options(c), sink);
    }

    static Enricher enricher(EnrichOptions options, EventSink sink) {
        return Enricher.create(options, sink, InstantSource.system(), Wiring::problem);
    }

    /** A database or bootstrap file that cannot be used: one line on stderr, the run goes on. */
    static void problem(String line) {
        System.err.println("nethergaze: " + line);
        System.err.flush();
    }

    static String systemHostname() {
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String h = Files.readString(etc).strip();
                if (!h.isEmpty()) {
                    return h;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
