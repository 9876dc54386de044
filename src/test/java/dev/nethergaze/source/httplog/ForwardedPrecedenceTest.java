package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One precedence ({@link JsonField#FORWARDED}) when a line logs several forwarded values: the
 * X-Forwarded-For chain, then CF-Connecting-IP, then X-Real-IP; an empty or "-" value is none. The
 * order the format writes them in does not matter.
 */
class ForwardedPrecedenceTest {

    private static final ClientResolver TRUSTED = new ClientResolver(TrustedProxies.parse(List.of("10.0.0.0/8")));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // format | line | client
                "nginx:$remote_addr [$time_local] \"$request\" $status $body_bytes_sent \"$http_x_forwarded_for\""
                        + " \"$http_cf_connecting_ip\"|10.0.0.5 [04/Sep/2023:15:19:51 +0000] \"GET / HTTP/1.1\" 200 1"
                        + " \"198.51.100.66\" \"192.0.2.1\"|198.51.100.66",
                "nginx:$remote_addr [$time_local] \"$request\" $status $body_bytes_sent \"$http_cf_connecting_ip\""
                        + " \"$http_x_forwarded_for\"|10.0.0.5 [04/Sep/2023:15:19:51 +0000] \"GET / HTTP/1.1\" 200 1"
                        + " \"192.0.2.1\" \"198.51.100.66\"|198.51.100.66",
                "nginx:$remote_addr [$time_local] \"$request\" $status $body_bytes_sent \"$http_x_real_ip\""
                        + " \"$http_x_forwarded_for\" \"$http_cf_connecting_ip\"|10.0.0.5 [04/Sep/2023:15:19:51 +0000]"
                        + " \"GET / HTTP/1.1\" 200 1 \"10.0.0.9\" \"-\" \"2001:db8:1::7\"|2001:db8:1::7",
                "nginx:$remote_addr [$time_local] \"$request\" $status $body_bytes_sent \"$http_x_real_ip\""
                        + " \"$http_x_forwarded_for\"|10.0.0.5 [04/Sep/2023:15:19:51 +0000] \"GET / HTTP/1.1\" 200 1"
                        + " \"203.0.113.4\" \"\"|203.0.113.4",
                "apache:%h %t \"%r\" %>s %b \"%{CF-Connecting-IP}i\" \"%{X-Forwarded-For}i\"|10.0.0.5"
                        + " [04/Sep/2023:15:19:51 +0000] \"GET / HTTP/1.1\" 200 1 \"192.0.2.1\" \"198.51.100.66\"|198.51.100.66",
                "json|{\"time_local\":\"04/Sep/2023:15:19:51 +0000\",\"remote_addr\":\"10.0.0.5\",\"request\":\"GET /"
                        + " HTTP/1.1\",\"status\":\"200\",\"http_cf_connecting_ip\":\"192.0.2.1\","
                        + "\"http_x_forwarded_for\":\"198.51.100.66\"}|198.51.100.66",
                "json|{\"time_local\":\"04/Sep/2023:15:19:51 +0000\",\"remote_addr\":\"10.0.0.5\",\"request\":\"GET /"
                        + " HTTP/1.1\",\"status\":\"200\",\"http_x_forwarded_for\":\"-\","
                        + "\"http_cf_connecting_ip\":\"192.0.2.1\"}|192.0.2.1",
            })
    void theChainFirstThenCfConnectingIpThenXRealIp(String format, String line, String client) {
        AccessLineParser p = AccessFormat.parse(format).parser("t", TRUSTED);
        assertThat(CaddyProxyTest.hit(p, line).client()).isEqualTo(IpKey.parse(client));
    }
}
