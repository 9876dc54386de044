package dev.nethergaze.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.enrich.geo.CsvGeo;
import dev.nethergaze.enrich.geo.GeoDbException;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * A file as a spreadsheet or a script exports it: a quoted header, every field quoted, names with
     * commas and doubled quotes, CRLF line ends and a byte order mark. Before, the comma inside
     * "Cloudflare, Inc." split the field (org "\"Cloudflare") and the quotes stayed in every value.
     */
    @Test
    void quotedFieldsAsRfc4180WritesThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("geo.csv");
        Files.writeString(
                file,
                String.join(
                                "\r\n",
                                "\uFEFF\"network\",\"country_code\",\"country\",\"city\",\"asn\",\"org\"",
                                "\"1.0.0.0/24\",\"AU\",\"Australia\",\"South Brisbane\",\"13335\",\"Cloudflare, Inc.\"",
                                "\"2.16.0.0/13\",\"EU\",\"Europe\",\"\",\"20940\",\"Akamai International, B.V.\"",
                                "\"2001:db8::/32\",\"ZZ\",\"Nowhere\",\"\",\"64496\",\"The \"\"Example\"\" Network, Ltd.\"",
                                "203.0.113.0,203.0.113.255, NL ,Netherlands,\"Amsterdam, Noord-Holland\",AS64500, \"Example, Inc.\" ",
                                "198.51.100.0/24,US,United States,,,\"\"")
                        + "\r\n");
        CsvGeo geo = CsvGeo.load(file);
        assertThat(geo.skippedWarning()).isEmpty();
        GeoInfo cf = geo.lookup(IpKey.parse("1.0.0.1")).orElseThrow();
        assertThat(cf.country()).isEqualTo("AU");
        assertThat(cf.city()).isEqualTo("South Brisbane");
        assertThat(cf.asn()).isEqualTo(13335L);
        assertThat(cf.asOrg()).isEqualTo("Cloudflare, Inc.");
        GeoInfo akamai = geo.lookup(IpKey.parse("2.23.255.255")).orElseThrow();
        assertThat(akamai.city()).isNull();
        assertThat(akamai.asOrg()).isEqualTo("Akamai International, B.V.");
        assertThat(geo.lookup(IpKey.parse("2001:db8::1")).orElseThrow().asOrg())
                .isEqualTo("The \"Example\" Network, Ltd.");
        GeoInfo ex = geo.lookup(IpKey.parse("203.0.113.9")).orElseThrow();
        assertThat(ex.country()).isEqualTo("NL");
        assertThat(ex.city()).isEqualTo("Amsterdam, Noord-Holland");
        assertThat(ex.asn()).isEqualTo(64500L);
        assertThat(ex.asOrg()).isEqualTo("Example, Inc.");
        GeoInfo us = geo.lookup(IpKey.parse("198.51.100.1")).orElseThrow();
        assertThat(us.country()).isEqualTo("US");
        assertThat(us.asOrg()).isNull();
    }

    /**
     * A bad line is counted and left out, the rest is used, and one line says which came first and
     * how many there were. Before, the first bad line threw and the whole file went unused.
     */
    @Test
    void badLinesAreSkippedAndCountedInOneLine(@TempDir Path dir) throws Exception {
        Path file = Files.write(
                dir.resolve("ranges.csv"),
                List.of(
                        "cidr,country_code,country,city,asn,org",
                        "# a comment with a \"stray quote",
                        "1.0.0.0/24,AU,Australia,South Brisbane,13335,\"Cloudflare, Inc.\"",
                        "1.2.3.0/40,XX,Nowhere,,1,Bad Prefix",
                        "",
                        "2.16.0.0/13,EU,Europe,,20940,\"Akamai International, B.V.",
                        "5.0.0.0/8,DE,Germany,,ASx1,Bad ASN",
                        "203.0.113.0,203.0.112.255,NL,Netherlands,,64500,Backwards",
                        "81.2.69.0/24,GB,United Kingdom,London,2856,\"British Telecommunications PLC\""));
        CsvGeo geo = CsvGeo.load(file);
        assertThat(cc(geo, "1.0.0.1")).isEqualTo("AU");
        assertThat(cc(geo, "81.2.69.160")).isEqualTo("GB");
        assertThat(cc(geo, "2.16.0.1")).isNull();
        assertThat(cc(geo, "5.1.1.1")).isNull();
        assertThat(geo.skippedWarning())
                .contains(file + ": skipped 4 lines that do not parse, the first at line 4: bad prefix length in"
                        + " 1.2.3.0/40");
    }

    @Test
    void aFileWithoutOneGoodLineIsAnErrorNamingIt() {
        assertThatThrownBy(() -> CsvGeo.parse(new StringReader("1.2.3.0/24,US,,,AS1x\n1.2.3.0/40,XX\n"), "g.csv"))
                .isInstanceOf(GeoDbException.class)
                .hasMessage("g.csv: no usable line in it (2 lines bad, the first at line 1: bad ASN AS1x)");
        assertThatThrownBy(() -> CsvGeo.parse(new StringReader("cidr,country_code\n# nothing yet\n"), "e.csv"))
                .isInstanceOf(GeoDbException.class)
                .hasMessageStartingWith("e.csv: no ranges in it");
    }

    @Test
    void brokenQuotingIsABadLine() {
        for (String line : List.of(
                "1.2.3.0/24,US,,,1,\"unclosed", "1.2.3.0/24,US,,,1,\"closed\" then text", "\"1.2.3.0/24\"x,US")) {
            assertThatThrownBy(() -> CsvGeo.parse(new StringReader(line + "\n"), "q.csv"))
                    .as(line)
                    .isInstanceOf(GeoDbException.class)
                    .hasMessageContaining("q.csv: no usable line in it (1 line bad, the first at line 1: ");
        }
    }
}
