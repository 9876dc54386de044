package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.nethergaze.source.authlog.AuthLineParser;
import dev.nethergaze.source.authlog.JournalLineParser;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.AccessLineParser;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.httplog.TrustedProxies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random bytes and mutated real lines into every parser: no exception escapes, whatever the input. */
class ParserPropertyTest {

    private static final List<String> SEEDS = List.of(
            "203.0.113.9 - - [10/Oct/2025:13:55:36 +0000] \"GET /a HTTP/1.1\" 200 512 \"-\" \"Mozilla\" \"10.0.0.1\"",
            "www:443 [2001:db8::1] - - [10/Oct/2025:13:55:36 +0000] \"\\x16\\x03\" 400 0",
            "{\"ts\":1693840791.7,\"logger\":\"http.log.access\",\"request\":{\"remote_ip\":\"10.0.0.1\",\"client_ip\":\"1.2.3.4\","
                    + "\"headers\":{\"User-Agent\":[\"a\"]}},\"status\":200,\"size\":1}",
            "{\"time_local\":\"10/Oct/2025:13:55:36 +0000\",\"remote_addr\":\"::1\",\"request\":\"GET / HTTP/1.1\",\"status\":\"-\"}",
            "Feb 28 10:00:00 h sshd[7]: Invalid user bob from 203.0.113.9 port 4000",
            "2025-02-28T10:00:01.5+01:00 h sshd-session[7]: Failed password for invalid user x from ::1 port 1 ssh2",
            "Mar  1 1:0:0 h sshd[1]: message repeated 3 times: [ Failed password for root from 1.2.3.4 port 1 ssh2]",
            "<38>1 2019-07-08T17:40:16.954167-04:00 h sshd 57915 - [a b=\"]\"] Failed none for x from 192.0.2.1 port 1",
            "{\"__REALTIME_TIMESTAMP\":\"1534860261221373\",\"_COMM\":\"sshd\",\"_PID\":\"9\",\"MESSAGE\":[70,97,105]}",
            "2025-10-10T13:55:36+0200 203.0.113.5 shop \"GET /.env HTTP/1.1\" 404 12 \"curl\"",
            "1760097336250 [::1]:80 shop \"GET / HTTP/1.1\" 200 - \"-\"");

    private static final AccessFormat NGINX = AccessFormat.parse(
            "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\""
                    + " \"$http_user_agent\" \"$http_x_forwarded_for\"");
    /** Apache formats with times of their own (a strftime pattern, an epoch in milliseconds). */
    private static final List<AccessFormat> APACHE = List.of(
            AccessFormat.parse("apache:%{%Y-%m-%dT%H:%M:%S%z}t %a %{Host}i \"%r\" %>s %b \"%{User-Agent}i\""),
            AccessFormat.parse("apache:%{msec}t %{c}a %v \"%r\" %>s %b \"%{User-Agent}i\""));

    private static final ClientResolver TRUSTING =
            new ClientResolver(TrustedProxies.parse(List.of("0.0.0.0/0", "::/0")));

    @Provide
    Arbitrary<byte[]> lines() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> mutated = Arbitraries.of(SEEDS).flatMap(seed -> {
            byte[] base = seed.getBytes(StandardCharsets.UTF_8);
            return Arbitraries.integers()
                    .between(0, base.length - 1)
                    .list()
                    .ofMaxSize(6)
                    .flatMap(positions -> Arbitraries.bytes()
                            .list()
                            .ofSize(positions.size())
                            .map(values -> {
                                byte[] b = base.clone();
                                for (int i = 0; i < positions.size(); i++) {
                                    b[positions.get(i)] = values.get(i);
                                }
                                return b;
                            }));
        });
        Arbitrary<byte[]> cut = Arbitraries.of(SEEDS).flatMap(seed -> {
            byte[] base = seed.getBytes(StandardCharsets.UTF_8);
            return Arbitraries.integers().between(0, base.length).map(n -> java.util.Arrays.copyOf(base, n));
        });
        return Arbitraries.oneOf(random, mutated, cut);
    }

    @Property(tries = 3000)
    void noParserThrows(@ForAll("lines") byte[] line) {
        for (String f : List.of("auto", "combined", "json")) {
            check(AccessFormat.parse(f).parser("p", TRUSTING), line);
        }
        check(NGINX.parser("p", TRUSTING), line);
        for (AccessFormat f : APACHE) {
            check(f.parser("p", TRUSTING), line);
        }
        AuthLineParser auth = new AuthLineParser("p", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        JournalLineParser journal = new JournalLineParser(auth);
        assertThatCode(() -> {
                    auth.parse(line, 0, line.length, a -> {});
                    journal.parse(line, 0, line.length, a -> {});
                    LogSniffer.classify(line, line.length);
                })
                .doesNotThrowAnyException();
    }

    private static void check(AccessLineParser p, byte[] line) {
        assertThatCode(() -> p.parse(line, 0, line.length)).doesNotThrowAnyException();
    }
}
