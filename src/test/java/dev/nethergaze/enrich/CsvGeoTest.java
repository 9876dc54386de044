package dev.nethergaze.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.enrich.geo.CsvGeo;
import dev.nethergaze.enrich.geo.GeoDbException;
import dev.nethergaze.model.IpKey;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvGeoTest {

    private static final String CSV = """
            cidr,country_code,country,city,asn,org
            # nested: a /8 holding a /16 holding a /24, and an overlapping start-end range
            10.0.0.0/8,AA,Outer,,100,Outer Org
            10.1.0.0/16,BB,Middle,Mid City,AS200,Middle Org
            10.1.2.0/24,CC,Inner,Inner City,300,Inner Org
            10.1.2.128,10.1.3.10,DD,Overlap,,400,Overlap Org
            2001:db8::/32,EE,Six,,500,Six Org
            2001:db8:1::/48,FF,SixInner,,600,SixInner Org
            """;

    private static String cc(CsvGeo geo, String ip) {
        return geo.lookup(IpKey.parse(ip)).map(g -> g.country()).orElse(null);
    }

    @Test
    void mostSpecificRangeAnswers() throws Exception {
        CsvGeo geo = CsvGeo.parse(new StringReader(CSV), "test.csv");
        assertThat(cc(geo, "10.0.0.1")).isEqualTo("AA");
        assertThat(cc(geo, "10.255.255.255")).isEqualTo("AA");
        assertThat(cc(geo, "10.1.0.0")).isEqualTo("BB");
        assertThat(cc(geo, "10.1.2.0")).isEqualTo("CC");
        assertThat(cc(geo, "10.1.2.127")).isEqualTo("CC");
        assertThat(cc(geo, "10.1.2.128")).isEqualTo("DD"); // 139 addresses: more specific than the /24
        assertThat(cc(geo, "10.1.3.5")).isEqualTo("DD");
        assertThat(cc(geo, "10.1.3.11")).isEqualTo("BB");
        assertThat(cc(geo, "10.2.0.0")).isEqualTo("AA");
        assertThat(cc(geo, "11.0.0.0")).isNull();
        assertThat(cc(geo, "9.255.255.255")).isNull();
        assertThat(cc(geo, "2001:db8::1")).isEqualTo("EE");
        assertThat(cc(geo, "2001:db8:1::1")).isEqualTo("FF");
        assertThat(cc(geo, "2001:db8:2::1")).isEqualTo("EE");
        assertThat(geo.lookup(IpKey.parse("10.1.2.5")).orElseThrow().asn()).isEqualTo(300L);
        assertThat(geo.lookup(IpKey.parse("10.1.0.5")).orElseThrow().asn()).isEqualTo(200L);
        assertThat(geo.lookup(IpKey.parse("10.1.0.5")).orElseThrow().city()).isEqualTo("Mid City");
    }

    @Test
    void badLineNamesFileAndLine() {
        assertThatThrownBy(() -> CsvGeo.parse(new StringReader("1.2.3.0/24,US\n1.2.3.0/40,XX\n"), "g.csv"))
                .isInstanceOf(GeoDbException.class)
                .hasMessage("g.csv:2: bad prefix length in 1.2.3.0/40");
    }
}
