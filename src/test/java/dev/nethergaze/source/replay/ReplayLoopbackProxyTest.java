package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.httplog.TrustedProxies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replayed log of a reverse proxy on the same host (every peer 127.0.0.1, the client in a forwarded
 * header) says in its own entry that the forwarded clients were not believed and that {@code
 * --trusted-proxy 127.0.0.1} reads them, as a followed log's entry does; another file replayed with it
 * does not say so.
 */
class ReplayLoopbackProxyTest {

    @TempDir
    Path dir;

    private static String line(int sec, String peer, String forwarded) {
        return peer + " - - [10/Oct/2025:13:55:" + String.format("%02d", sec) + " +0000] \"GET / HTTP/1.1\" 200 5"
                + " \"-\" \"curl/8\" \"" + forwarded + "\"\n";
    }

    private List<String> details(ClientResolver resolver, Path... logs) throws InterruptedException {
        FileReplay.Options options = new FileReplay.Options(AccessFormat.parse("auto"), resolver, ZoneOffset.UTC);
        MergedReplay r = new MergedReplay(List.of(logs), options, StatusReporter.silent());
        r.run(new ArrayList<>()::add);
        return r.fileHealth().stream().map(h -> h.detail()).toList();
    }

    @Test
    void theProxysLogSaysItsClientsWereNotBelievedAndHowToReadThem() throws Exception {
        Path proxied = Files.writeString(
                dir.resolve("proxied.log"), line(1, "127.0.0.1", "203.0.113.7") + line(2, "::1", "2001:db8::7"));
        Path direct = Files.writeString(dir.resolve("direct.log"), line(3, "198.51.100.4", "-"));
        List<String> d = details(new ClientResolver(TrustedProxies.NONE), proxied, direct);
        assertThat(d.get(0))
                .contains("requests from 127.0.0.1 and ::1 name their client in a forwarded header, not believed")
                .contains("--trusted-proxy 127.0.0.1 --trusted-proxy ::1 reads them");
        assertThat(d.get(1)).doesNotContain("forwarded");
    }

    @Test
    void trustedLoopbackReadsTheClientsAndSaysNothing() throws Exception {
        Path proxied = Files.writeString(dir.resolve("proxied.log"), line(1, "127.0.0.1", "203.0.113.7"));
        List<String> d = details(new ClientResolver(TrustedProxies.parse(List.of("127.0.0.1"))), proxied);
        assertThat(d.getFirst()).doesNotContain("forwarded");
    }
}
