package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** serve --web '[::1]:PORT' printed http://[0:0:0:0:0:0:0:1]:PORT/: Java's text, not the address as given. */
class WebListenUrlTest {

    @Test
    void addressesAreWrittenAsPeopleWriteThem() throws Exception {
        assertThat(WebListen.urlHost(InetAddress.ofLiteral("::1"))).isEqualTo("::1");
        assertThat(WebListen.urlHost(InetAddress.ofLiteral("2001:db8:0:0:0:0:0:7")))
                .isEqualTo("2001:db8::7");
        assertThat(WebListen.urlHost(InetAddress.ofLiteral("127.0.0.1"))).isEqualTo("127.0.0.1");
    }

    /**
     * {@code --web myhost} (a host without its port) said "port must be 0..65535, got 'myhost'": the
     * name taken for a port. Now it says what --web takes; a bad port after a host still says the port.
     */
    @Test
    void aHostWithoutItsPortIsToldWhatWebTakes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebListen.parse("myhost"))
                .isInstanceOf(UserException.class)
                .hasMessage("--web: expected HOST:PORT, [IPv6]:PORT or PORT, got 'myhost'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebListen.parse("127.0.0.1:http"))
                .isInstanceOf(UserException.class)
                .hasMessage("--web: port must be 0..65535, got 'http' in '127.0.0.1:http'");
        assertThat(WebListen.parse("9471").getPort()).isEqualTo(9471);
    }
}
