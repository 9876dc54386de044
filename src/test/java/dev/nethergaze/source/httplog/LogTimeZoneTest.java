package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Times written without a zone: Caddy's {@code wall}, {@code wall_milli}, {@code wall_nano} are UTC
 * as Caddy writes them by default, its local clock with {@code time_local}; {@code
 * --log-time-zone} / {@code http.log_time_zone} says which.
 */
class LogTimeZoneTest {

    /** A Caddy entry as {@code format json { time_format wall_milli }} writes it. */
    private static String caddyWall(String ts) {
        return "{\"level\":\"info\",\"ts\":\"" + ts
                + "\",\"logger\":\"http.log.access.log0\",\"msg\":\"handled request\","
                + "\"request\":{\"remote_ip\":\"198.51.100.9\",\"remote_port\":\"54462\",\"client_ip\":\"198.51.100.9\","
                + "\"proto\":\"HTTP/1.1\",\"method\":\"GET\",\"host\":\"localhost:9080\",\"uri\":\"/\",\"headers\":"
                + "{\"User-Agent\":[\"curl/7.88.1\"],\"Accept\":[\"*/*\"]}},\"bytes_read\":0,\"user_id\":\"\","
                + "\"duration\":0.000033987,\"size\":0,\"status\":401,\"resp_headers\":{\"Server\":[\"Caddy\"]}}";
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        "2024/03/29 20:50:27.962, '', 2024-03-29T20:50:27.962Z", // Caddy's default: UTC
        "2024/03/29 20:50:27.962, UTC, 2024-03-29T20:50:27.962Z",
        "2024/03/29 20:50:27.962, Europe/Berlin, 2024-03-29T19:50:27.962Z", // time_local, CET
        "2024/03/31 03:30:00, Europe/Berlin, 2024-03-31T01:30:00Z", // the first hour of CEST
        "2024/03/29 20:50:27.962123456, +05:30, 2024-03-29T15:20:27.962123456Z",
        "2024/03/29 20:50:27.962, America/New_York, 2024-03-30T00:50:27.962Z",
        "2024-03-29T20:50:27.962+0100, America/New_York, 2024-03-29T19:50:27.962Z", // iso8601 has its own offset
        "1711741827.962, America/New_York, 2024-03-29T19:50:27.962Z" // as has an epoch
    })
    void zoneLessCaddyTimesAreReadInTheLogTimeZone(String ts, String zone, String instant) {
        AccessFormat f = AccessFormat.parse("caddy").withTimeZone(AccessFormat.timeZone(zone));
        assertThat(CaddyProxyTest.hit(f.parser("t", ClientResolver.DIRECT), caddyWall(ts))
                        .time())
                .isEqualTo(Instant.parse(instant));
        if (zone.isEmpty()) { // auto reads the same
            assertThat(CaddyProxyTest.hit(AccessFormat.AUTO.parser("t", ClientResolver.DIRECT), caddyWall(ts))
                            .time())
                    .isEqualTo(Instant.parse(instant));
        }
    }

    /**
     * An nginx {@code escape=json} or application log whose ISO-8601 time has no offset (a naive
     * {@code datetime.isoformat()}, or a space for the T) is read in the log time zone, UTC unless it is
     * set, as Caddy's wall times are. Before, each such line was unparsed, with nothing saying why.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        "2026-12-06T10:00:00, '', 2026-12-06T10:00:00Z",
        "2026-12-06T10:00:00.250, Europe/Berlin, 2026-12-06T09:00:00.250Z",
        "2026-12-06 10:00:00, +05:30, 2026-12-06T04:30:00Z",
        "2026-12-06T10:00:00+02:00, Europe/Berlin, 2026-12-06T08:00:00Z" // its own offset wins
    })
    void isoTimesWithoutAnOffsetAreReadInTheLogTimeZone(String ts, String zone, String instant) {
        String line = "{\"time\":\"" + ts + "\",\"remote_addr\":\"203.0.113.5\",\"request\":\"GET / HTTP/1.1\","
                + "\"status\":200,\"body_bytes_sent\":5}";
        for (AccessFormat f : new AccessFormat[] {AccessFormat.parse("json"), AccessFormat.AUTO}) {
            AccessFormat zoned = f.withTimeZone(AccessFormat.timeZone(zone));
            assertThat(CaddyProxyTest.hit(zoned.parser("t", ClientResolver.DIRECT), line)
                            .time())
                    .as(f.name())
                    .isEqualTo(Instant.parse(instant));
        }
    }

    @Test
    void theHostsZoneIsLocal() {
        assertThat(AccessFormat.timeZone("local")).isEqualTo(ZoneId.systemDefault());
        assertThat(AccessFormat.timeZone("")).isNull();
        assertThatThrownBy(() -> AccessFormat.timeZone("Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Mars/Olympus")
                .hasMessageNotContaining("\n");
    }
}
