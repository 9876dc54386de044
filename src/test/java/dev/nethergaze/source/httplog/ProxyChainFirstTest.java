package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Apache's recipe behind a load balancer logs {@code %{X-Forwarded-For}i} where {@code %h} was
 * ({@code LogFormat "%{X-Forwarded-For}i %l %u %t \"%r\" ..." proxy}), so a request that came
 * through more than one proxy starts its line with a chain, {@code 203.0.113.9, 10.0.0.2 - - [...]}.
 * Read without a format (auto, combined), such a line was vhost_combined: vhost "203.0.113.9," and
 * client 10.0.0.2, so the balancer got every request; with three addresses it was unparsed. The
 * chain is read as {@link ForwardedOnlyClientTest} reads it with the format given: the right-most
 * address that is not a trusted proxy, the trusted ones to its right as {@code via}, no vhost.
 */
class ProxyChainFirstTest {

    private static final String REST =
            " - - [10/Oct/2025:13:55:36 +0000] \"GET /.env HTTP/1.1\" 404 7 \"-\" \"curl/8\"";
    private static final ClientResolver TRUSTING = new ClientResolver(TrustedProxies.parse(List.of("10.0.0.0/8")));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // format | chain | trusting 10/8? | client | via, nearest the server first
                "auto | 203.0.113.9, 10.0.0.2 | true | 203.0.113.9 | 10.0.0.2",
                "auto | 203.0.113.9, 10.0.0.2 | false | 10.0.0.2 | ''",
                "auto | 198.51.100.1, 203.0.113.9, 10.0.0.2 | true | 203.0.113.9 | 10.0.0.2",
                "combined | 198.51.100.1, 203.0.113.9, 10.0.0.3, 10.0.0.2 | true | 203.0.113.9 | 10.0.0.2 10.0.0.3",
                "combined | 2001:db8::9, 10.0.0.2 | true | 2001:db8::9 | 10.0.0.2",
                "vhost_combined | 203.0.113.9, 10.0.0.2 | true | 203.0.113.9 | 10.0.0.2",
                "auto | 198.51.100.1,203.0.113.9 | true | 203.0.113.9 | ''",
                "auto | unknown, 10.0.0.2 | true | 10.0.0.2 | ''",
            })
    void aChainInTheClientsPlaceIsReadAsTheForwardedHeader(
            String format, String chain, boolean trusting, String client, String via) {
        AccessLineParser p = AccessFormat.parse(format).parser("t", trusting ? TRUSTING : ClientResolver.DIRECT);
        byte[] b = (chain + REST).getBytes(StandardCharsets.UTF_8);
        ParseResult r = p.parse(b, 0, b.length);
        assertThat(r).as(chain).isInstanceOf(ParseResult.Hit.class);
        HttpHit h = ((ParseResult.Hit) r).hit();
        assertThat(h.client()).isEqualTo(IpKey.parse(client));
        assertThat(h.via())
                .containsExactlyElementsOf(
                        via.isEmpty()
                                ? List.of()
                                : Arrays.stream(via.split(" "))
                                        .map(IpKey::parse)
                                        .toList());
        assertThat(h.vhost()).isEmpty();
        assertThat(h.target()).isEqualTo("/.env");
        assertThat(h.status()).isEqualTo(404);
    }
}
