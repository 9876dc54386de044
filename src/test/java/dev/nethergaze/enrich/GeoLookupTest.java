package dev.nethergaze.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.TestData;
import dev.nethergaze.enrich.geo.GeoDatabase;
import dev.nethergaze.enrich.geo.GeoDbException;
import dev.nethergaze.enrich.geo.GeoLookup;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MaxMind test databases against ORACLES.md (mmdb/), the real ip-location-db country DB, bad data. */
class GeoLookupTest {

    private static Path mm(String name) {
        return TestData.path("mmdb/maxmind-test/" + name);
    }

    private static GeoInfo one(GeoDatabase db, String ip) {
        return db.lookup(IpKey.parse(ip)).orElseThrow();
    }

    /**
     * A database path that is missing or a folder says so once, naming it once. Before: "/x/y.mmdb: not a
     * usable MMDB database (/x/y.mmdb (No such file or directory))", as if the file were corrupt.
     */
    @Test
    void aMissingDatabaseOrAFolderIsSaidSo() {
        Path missing = Path.of("/nonexistent/GeoLite2-City.mmdb");
        assertThatThrownBy(() -> GeoDatabase.open(missing)).hasMessage(missing + ": no such file");
        Path dir = TestData.path("mmdb");
        assertThatThrownBy(() -> GeoDatabase.open(dir)).hasMessage(dir + ": a folder, not an MMDB file");
    }

    @Test
    void cityTestDatabaseMatchesTheOracle() throws Exception {
        try (GeoDatabase db = GeoDatabase.open(mm("GeoIP2-City-Test.mmdb"))) {
            assertThat(db.layout()).isEqualTo(GeoDatabase.Layout.CITY);
            assertThat(db.buildDate()).isEqualTo(LocalDate.of(2026, 2, 4));
            GeoInfo london = one(db, "81.2.69.160");
            assertThat(london.country()).isEqualTo("GB");
            assertThat(london.countryName()).isEqualTo("United Kingdom");
            assertThat(london.city()).isEqualTo("London");
            assertThat(london.subdivision()).isEqualTo("ENG");
            assertThat(london.latitude()).isEqualTo(51.5142);
            assertThat(london.longitude()).isEqualTo(-0.0931);
            assertThat(one(db, "::ffff:81.2.69.160")).isEqualTo(london);
            assertThat(one(db, "2002:5102:45a0::")).isEqualTo(london);
            assertThat(one(db, "89.160.20.112").city()).isEqualTo("Linköping");
            assertThat(one(db, "2001:218::").country()).isEqualTo("JP");
            assertThat(one(db, "2001:218::").city()).isNull();
            assertThat(one(db, "2a02:ffc0::").country()).isEqualTo("GI");
            assertThat(db.lookup(IpKey.parse("10.0.0.1"))).isEmpty();
        }
    }

    @Test
    void liteCityAsnAndCountryMerge() {
        List<String> problems = new ArrayList<>();
        GeoPaths paths = GeoPaths.explicit(
                mm("GeoLite2-City-Test.mmdb"), mm("GeoIP2-Country-Test.mmdb"), mm("GeoLite2-ASN-Test.mmdb"), null);
        try (GeoLookup geo = GeoLookup.open(paths, 100, problems::add)) {
            assertThat(problems).isEmpty();
            GeoInfo g = geo.lookup(IpKey.parse("89.160.20.128")).orElseThrow();
            assertThat(g.city()).isEqualTo("Linköping");
            assertThat(g.country()).isEqualTo("SE");
            assertThat(g.asn()).isEqualTo(29518L);
            assertThat(g.asOrg()).isEqualTo("Bredband2 AB");
            assertThat(geo.lookup(IpKey.parse("::ffff:175.16.199.0"))
                            .orElseThrow()
                            .city())
                    .isEqualTo("Changchun");
            assertThat(geo.lookup(IpKey.parse("216.160.83.56")).orElseThrow().asn())
                    .isEqualTo(209L);
            assertThat(geo.lookup(IpKey.parse("74.209.24.0")).orElseThrow().country())
                    .isEqualTo("US");
            assertThat(geo.lookup(IpKey.parse("1.128.0.0")).orElseThrow().asOrg())
                    .isEqualTo("Telstra Pty Ltd");
            assertThat(geo.lookup(IpKey.parse("127.0.0.1"))).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void asnTestDatabase() throws Exception {
        try (GeoDatabase db = GeoDatabase.open(mm("GeoLite2-ASN-Test.mmdb"))) {
            assertThat(db.layout()).isEqualTo(GeoDatabase.Layout.ASN);
            assertThat(one(db, "12.81.92.0").asn()).isEqualTo(7018L);
            assertThat(one(db, "2001:1700::").asOrg()).isEqualTo("Sunrise Communications AG");
            assertThat(one(db, "::ffff:1.128.0.0").asn()).isEqualTo(1221L);
            assertThat(one(db, "38.108.80.24").asOrg()).isEqualTo("Cogent Communications");
            assertThat(db.lookup(IpKey.parse("10.0.0.1"))).isEmpty();
        }
    }

    @Test
    void flatIpLocationDbCountryLayoutIsDetected() throws Exception {
        try (GeoDatabase db = GeoDatabase.open(TestData.path("mmdb/ip-location-db/iptoasn-country.mmdb"))) {
            assertThat(db.layout()).isEqualTo(GeoDatabase.Layout.FLAT);
            assertThat(db.type()).isEqualTo("country ipvAll");
            assertThat(one(db, "8.8.8.8").country()).isEqualTo("US");
            assertThat(one(db, "193.0.6.139").country()).isEqualTo("NL");
            assertThat(one(db, "202.12.29.205").country()).isEqualTo("AU");
            assertThat(one(db, "77.88.8.8").country()).isEqualTo("RS");
            assertThat(one(db, "2001:67c:2e8::1").country()).isEqualTo("NL");
            assertThat(one(db, "2001:4860:4860::8888").country()).isEqualTo("US");
            assertThat(db.lookup(IpKey.parse("10.0.0.1"))).isEmpty();
            assertThat(db.lookup(IpKey.parse("::1"))).isEmpty();
        }
    }

    @Test
    void corruptDatabasesGiveOneLineErrorsAndTheRestCarriesOn() throws Exception {
        Path bad = TestData.path("mmdb/maxmind-bad-data");
        for (String name : List.of(
                "cyclic-data-structure.mmdb",
                "invalid-string-length.mmdb",
                "libmaxminddb-metadata-marker-only.mmdb",
                "libmaxminddb-offset-integer-overflow.mmdb",
                "metadata-is-an-uint128.mmdb",
                "libmaxminddb-corrupt-search-tree.mmdb",
                "libmaxminddb-deep-nesting.mmdb",
                "libmaxminddb-oversized-map.mmdb")) {
            List<String> problems = new ArrayList<>();
            GeoPaths paths = GeoPaths.explicit(bad.resolve(name), null, mm("GeoLite2-ASN-Test.mmdb"), null);
            try (GeoLookup geo = GeoLookup.open(paths, 100, problems::add)) {
                for (String ip : List.of("1.1.1.1", "81.2.69.160", "1.128.0.0")) {
                    geo.lookup(IpKey.parse(ip));
                }
                assertThat(geo.lookup(IpKey.parse("12.81.92.0")).orElseThrow().asn())
                        .as(name)
                        .isEqualTo(7018L);
                assertThat(problems)
                        .as(name)
                        .allSatisfy(p -> assertThat(p)
                                .doesNotContain("\n")
                                .doesNotContain("Exception")
                                .doesNotContain("java."));
            }
        }
        List<String> problems = new ArrayList<>();
        GeoPaths invalid = GeoPaths.explicit(mm("GeoIP2-City-Test-Invalid-Node-Count.mmdb"), null, null, null);
        try (GeoLookup geo = GeoLookup.open(invalid, 100, problems::add)) {
            geo.lookup(IpKey.parse("81.2.69.160")); // answers or reports; never throws or hangs
            assertThat(problems).hasSizeLessThanOrEqualTo(1);
        }
        assertThatThrownBy(() -> GeoDatabase.open(bad.resolve("libmaxminddb-metadata-marker-only.mmdb")))
                .isInstanceOf(GeoDbException.class);
    }

    /**
     * A database of another kind than its setting wants is refused at open with one line naming the
     * setting, the file, its database_type and what was wanted; the others carry on. Before: the
     * Anonymous-IP database as the city one opened, and every address came back without a place
     * (81.2.69.160 "-"); the City database as the ASN one answered places and no AS.
     */
    @Test
    void aDatabaseOfAnotherKindIsRefusedAndTheOthersCarryOn() throws Exception {
        Path anonymous = mm("GeoIP2-Anonymous-IP-Test.mmdb");
        Path asn = mm("GeoLite2-ASN-Test.mmdb");
        Path city = mm("GeoIP2-City-Test.mmdb");
        List<String> problems = new ArrayList<>();
        try (GeoLookup geo = GeoLookup.open(GeoPaths.explicit(anonymous, null, asn, null), 100, problems::add)) {
            assertThat(problems)
                    .containsExactly("geoip.city_db " + anonymous
                            + ": is a GeoIP2-Anonymous-IP database, not a City/Country one");
            assertThat(geo.databases()).extracting(GeoDatabase::type).containsExactly("GeoLite2-ASN");
            assertThat(geo.lookup(IpKey.parse("1.128.0.0")).orElseThrow().asn()).isEqualTo(1221L);
        }
        problems.clear();
        try (GeoLookup geo = GeoLookup.open(GeoPaths.explicit(asn, anonymous, city, null), 100, problems::add)) {
            assertThat(problems)
                    .containsExactly(
                            "geoip.city_db " + asn + ": is a GeoLite2-ASN database, not a City/Country one",
                            "geoip.country_db " + anonymous
                                    + ": is a GeoIP2-Anonymous-IP database, not a City/Country one",
                            "geoip.asn_db " + city + ": is a GeoIP2-City database, not an ASN one");
            assertThat(geo.isEmpty()).isTrue();
        }
        problems.clear();
        Path flat = TestData.path("mmdb/ip-location-db/iptoasn-country.mmdb");
        try (GeoLookup geo = GeoLookup.open(GeoPaths.explicit(flat, city, asn, null), 100, problems::add)) {
            assertThat(problems).isEmpty(); // a plain map of no vendor's, and each kind where it belongs
            assertThat(geo.databases()).hasSize(3);
        }
        assertThatThrownBy(() -> GeoDatabase.open(new GeoPaths.Mmdb("geoip.asn_db", flat)))
                .isInstanceOf(GeoDbException.class)
                .hasMessage("geoip.asn_db " + flat + ": is a country ipvAll database, not an ASN one");
    }

    @Test
    void brokenPointerLookupDropsTheDatabaseOnce() throws Exception {
        List<String> problems = new ArrayList<>();
        GeoPaths paths = GeoPaths.explicit(mm("MaxMind-DB-test-broken-pointers-24.mmdb"), null, null, null);
        try (GeoLookup geo = GeoLookup.open(paths, 100, problems::add)) {
            Optional<GeoInfo> a = geo.lookup(IpKey.parse("1.1.1.16"));
            geo.lookup(IpKey.parse("1.1.1.32"));
            assertThat(a).isEmpty();
            assertThat(problems).hasSize(1);
            assertThat(problems.getFirst()).contains("no longer used");
            assertThat(geo.databases()).isEmpty();
        }
    }
}
