package dev.nethergaze.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The hint for hidden loopback requests: --trusted-proxy when the access log's proxy forwarded clients. */
class LoopbackProxyHintTest {

    private static SourceHealth http(String detail) {
        return new SourceHealth("http:/var/log/nginx/access.log", "http", SourceStatus.OK, detail, 10, 0);
    }

    @Test
    void aLocalProxysForwardedClientsAskForTrustedProxy() {
        String note = LoopbackProxyHint.note(List.of("127.0.0.1", "::1"));
        assertThat(note).contains("--trusted-proxy 127.0.0.1 --trusted-proxy ::1");
        assertThat(LoopbackProxyHint.forHidden(List.of(http("1 file; " + note))))
                .isEqualTo("a reverse proxy on this host? --trusted-proxy 127.0.0.1 --trusted-proxy ::1 reads the"
                        + " clients it forwarded");
        assertThat(LoopbackProxyHint.forHidden(List.of(http(LoopbackProxyHint.note(List.of("::1"))))))
                .contains("--trusted-proxy ::1 reads")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void otherwiseShowPrivateIps() {
        assertThat(LoopbackProxyHint.note(List.of())).isEmpty();
        assertThat(LoopbackProxyHint.forHidden(List.of(http("1 file")))).isEqualTo("--show-private-ips lists them");
    }
}
