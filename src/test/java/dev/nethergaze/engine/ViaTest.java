package dev.nethergaze.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client behind proxies is reported under its own address, with the proxies it came through. */
class ViaTest {

    private static HttpHit hit(String peer, String client, int sec) {
        return new HttpHit(
                "t",
                Instant.parse("2025-03-10T00:00:00Z").plusSeconds(sec),
                IpKey.parse(peer),
                IpKey.parse(client),
                "GET",
                "/",
                "HTTP/1.1",
                200,
                1,
                "",
                "",
                "",
                false);
    }

    @Test
    void viaListsTheProxyPeersOfAClient() {
        Engine e = new Engine(new EngineSettings(true, 1000, Duration.ofMinutes(15), 5, "h", p -> ""));
        e.apply(hit("198.51.100.1", "203.0.113.9", 0));
        e.apply(hit("198.51.100.2", "203.0.113.9", 1));
        e.apply(hit("198.51.100.1", "203.0.113.9", 2));
        e.apply(hit("203.0.113.10", "203.0.113.10", 3));
        Snapshot s = e.snapshot(List.of());
        IpView client = s.ips().stream()
                .filter(v -> v.ip().equals(IpKey.parse("203.0.113.9")))
                .findFirst()
                .orElseThrow();
        assertThat(client.requests()).isEqualTo(3);
        assertThat(client.via()).containsExactly(IpKey.parse("198.51.100.1"), IpKey.parse("198.51.100.2"));
        assertThat(s.ips()).noneMatch(v -> v.ip().equals(IpKey.parse("198.51.100.1")));
        IpView direct = s.ips().stream()
                .filter(v -> v.ip().equals(IpKey.parse("203.0.113.10")))
                .findFirst()
                .orElseThrow();
        assertThat(direct.via()).isEmpty();
    }
}
