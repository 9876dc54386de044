package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.nethergaze.TestData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's {@code lookup --offline} answers from the whois cache earlier lookups filled (it
 * said "offline" for every address): a registry on loopback answers once, then is stopped, and the
 * offline lookup still names the holder; an address never looked up is said to be not cached, and
 * one no registry holds is said to be reserved.
 */
class LookupOfflineCacheIT {

    @TempDir
    Path tmp;

    private JsonNode lookup(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("lookup", "--json", "--no-geoip"));
        all.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(ShippedJar.command(List.of(), all.toArray(String[]::new)))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        pb.environment().put("XDG_DATA_HOME", tmp.resolve("data").toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new ObjectMapper().readTree(out);
    }

    @Test
    void offlineAnswersFromTheCache() throws Exception {
        byte[] answer = Files.readAllBytes(TestData.path("rdap/ipwhois/ip_62.239.237.1.json"));
        AtomicInteger hits = new AtomicInteger();
        HttpServer rdap = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rdap.createContext("/", ex -> {
            hits.incrementAndGet();
            try (ex) {
                ex.getResponseHeaders().add("Content-Type", "application/rdap+json");
                ex.sendResponseHeaders(200, answer.length);
                ex.getResponseBody().write(answer);
            }
        });
        rdap.start();
        Path boot = LookupCommandTest.bootstrapTo(tmp, rdap);
        JsonNode online;
        try {
            online = lookup("--rdap-bootstrap", boot.toString(), "62.239.237.1");
        } finally {
            rdap.stop(0);
        }
        assertThat(hits).hasValue(1);
        JsonNode whois = online.get(0).get("whois");
        assertThat(whois.isNull()).as(online.toString()).isFalse();

        JsonNode offline = lookup("--offline", "62.239.237.1", "81.2.69.160", "192.0.2.55");
        JsonNode cached = offline.get(0).get("whois");
        assertThat(cached.get("source").asText()).isEqualTo("cache");
        assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) cached.deepCopy()).put("source", "rdap"))
                .isEqualTo(whois);
        assertThat(cached.get("abuse_email").asText()).isEqualTo("zzdnsr@bt.com");
        assertThat(offline.get(1).get("whois").isNull()).isTrue();
        assertThat(offline.get(1).get("whois_error").asText()).isEqualTo("offline, and not in the whois cache");
        // a documentation address is known without any cache: no registry holds it
        assertThat(offline.get(2).get("whois_error").asText())
                .isEqualTo("reserved (documentation, RFC 5737): no registry holds it");
    }
}
