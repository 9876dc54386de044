package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client field written as an address that is not one (an octet past 255, leading zeros, three
 * parts, nine IPv6 groups) is a line we could not read, not one naming its client by host name: no
 * host name is made of digits and dots alone, or holds two colons. Names that start with digits stay
 * names.
 */
class ClientNotAnAddressTest {

    private static final AccessFormat NGINX =
            AccessFormat.parse("nginx:$remote_addr [$time_local] \"$request\" $status");

    private static ParseResult combined(String client) {
        return parse(
                AccessFormat.AUTO, client + " - - [06/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua\"");
    }

    private static ParseResult json(String client) {
        return parse(
                AccessFormat.AUTO,
                "{\"time\":\"2026-12-06T10:00:00+00:00\",\"remote_addr\":\"" + client
                        + "\",\"request\":\"GET / HTTP/1.1\",\"status\":200}");
    }

    private static ParseResult nginx(String client) {
        return parse(NGINX, client + " [06/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200");
    }

    private static ParseResult parse(AccessFormat f, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return f.parser("t", ClientResolver.DIRECT).parse(b, 0, b.length);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "256.1.1.1",
                "01.02.03.004",
                "1.2.3",
                "1.2.3.4.5",
                "999.999.999.999:8080",
                "1:2:3:4:5:6:7:8:9",
                "2001:db8::g",
                "[2001:db8::1::2]:443",
                "12345"
            })
    void anAddressThatIsNotOneIsUnparsed(String client) {
        for (ParseResult r : new ParseResult[] {combined(client), json(client), nginx(client)}) {
            assertThat(r).as(client).isInstanceOf(ParseResult.Malformed.class);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "crawl.example.com",
                "unicomp6.unicomp.net",
                "1password.com",
                "123.example",
                "1-2-3-4.dyn.example",
                "cafe",
                "cafe:8080",
                "face.b00c"
            })
    void aHostNameStaysOne(String client) {
        for (ParseResult r : new ParseResult[] {combined(client), json(client), nginx(client)}) {
            assertThat(r).as(client).isInstanceOf(ParseResult.UnresolvedHost.class);
            assertThat(((ParseResult.UnresolvedHost) r).host()).isEqualTo(client);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "192.0.2.1:5123", "2001:db8::1", "[2001:db8::1]:443", "::ffff:192.0.2.1"})
    void anAddressIsAHit(String client) {
        for (ParseResult r : new ParseResult[] {combined(client), json(client), nginx(client)}) {
            assertThat(r).as(client).isInstanceOf(ParseResult.Hit.class);
        }
    }
}
