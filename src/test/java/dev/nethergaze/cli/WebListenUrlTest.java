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
}
