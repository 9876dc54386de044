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

    @Test
    void viaListsEveryProxyOfAChainOnceUpToTheCap() {
        Engine e = new Engine(new EngineSettings(true, 1000, Duration.ofMinutes(15), 5, "h", p -> ""));
        IpKey client = IpKey.parse("203.0.113.9");
        Instant t0 = Instant.parse("2025-03-10T00:00:00Z");
        List<IpKey> chain = List.of(IpKey.parse("10.0.0.5"), IpKey.parse("10.0.0.8"), IpKey.parse("10.0.0.7"));
        e.apply(new HttpHit("t", t0, chain, client, "GET", "/", "HTTP/1.1", 200, 1, "", "", "", false));
        e.apply(new HttpHit(
                "t", t0.plusSeconds(1), chain.reversed(), client, "GET", "/", "HTTP/1.1", 200, 1, "", "", "", false));
        assertThat(via(e, client)).containsExactlyElementsOf(chain);
        for (int i = 0; i < 20; i++) {
            List<IpKey> other = List.of(IpKey.parse("10.1.0." + i), IpKey.parse("10.2.0." + i));
            e.apply(new HttpHit(
                    "t", t0.plusSeconds(2), other, client, "GET", "/", "HTTP/1.1", 200, 1, "", "", "", false));
        }
        assertThat(via(e, client))
                .hasSize(EngineSettings.MAX_VIA_PER_IP)
                .startsWith(chain.toArray(IpKey[]::new))
                .contains(IpKey.parse("10.1.0.0"), IpKey.parse("10.2.0.0"));
    }

    private static List<IpKey> via(Engine e, IpKey ip) {
        return e.snapshot(List.of()).ips().stream()
                .filter(v -> v.ip().equals(ip))
                .findFirst()
                .orElseThrow()
                .via();
    }
}
