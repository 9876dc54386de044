package dev.nethergaze.enrich.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import dev.nethergaze.TestData;
import dev.nethergaze.model.IpKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GeoDatabase#verify}: sound databases pass; one whose search tree was overwritten, which still
 * opens (its metadata is intact), fails naming the file and what is wrong.
 */
class GeoDatabaseVerifyTest {

    @TempDir
    Path tmp;

    @Test
    void soundDatabasesPass() throws IOException {
        for (String name : List.of(
                "maxmind-test/GeoIP2-City-Test.mmdb",
                "maxmind-test/GeoLite2-City-Test.mmdb",
                "maxmind-test/GeoIP2-Country-Test.mmdb",
                "maxmind-test/GeoLite2-ASN-Test.mmdb",
                "maxmind-test/GeoIP2-Anonymous-IP-Test.mmdb",
                "maxmind-test/MaxMind-DB-test-ipv4-24.mmdb",
                "maxmind-test/MaxMind-DB-test-mixed-24.mmdb",
                "maxmind-test/MaxMind-DB-no-ipv4-search-tree.mmdb",
                "ip-location-db/iptoasn-country.mmdb")) {
            try (GeoDatabase db = GeoDatabase.open(TestData.path("mmdb/" + name))) {
                assertThatNoException().as(name).isThrownBy(db::verify);
                assertThatNoException().as(name).isThrownBy(db::verifyTree);
            }
        }
    }

    /** The tree's first bytes overwritten: every lookup starts at a root that points past the file. */
    @Test
    void aSearchTreeOverwrittenAtItsRootFails() throws IOException {
        Path copy = corruptCopy("GeoIP2-City-Test.mmdb", 0, 64);
        try (GeoDatabase db = GeoDatabase.open(copy)) { // the metadata at the end still reads
            assertThatThrownBy(db::verify)
                    .isInstanceOf(GeoDbException.class)
                    .hasMessageStartingWith(copy + ": ")
                    .hasMessageContaining("search tree is corrupt")
                    .hasMessageNotContaining("Exception");
        }
    }

    /**
     * The middle of the tree overwritten: no address of the spread sample goes through it (the test
     * database holds few networks), the walk over its networks does.
     */
    @Test
    void aSearchTreeOverwrittenInTheMiddleFails() throws IOException {
        Path src = TestData.path("mmdb/maxmind-test/GeoIP2-City-Test.mmdb");
        int tree = treeBytes(src);
        Path copy = corruptCopy("GeoIP2-City-Test.mmdb", tree / 2, tree / 2 + 700);
        try (GeoDatabase db = GeoDatabase.open(copy)) {
            for (IpKey ip : GeoDatabase.spread(true)) {
                db.lookup(ip); // the part a sample of addresses alone sees is sound
            }
            assertThatThrownBy(db::verify)
                    .isInstanceOf(GeoDbException.class)
                    .hasMessage(copy + ": corrupt search tree or data (The MaxMind DB file's search tree is corrupt:"
                            + " contains pointer larger than the database.)");
        }
    }

    /** MaxMind's own broken test databases that open: each fails with one line naming the file. */
    @Test
    void brokenMaxMindTestDatabasesFail() throws IOException {
        for (String name : List.of(
                "maxmind-test/GeoIP2-City-Test-Invalid-Node-Count.mmdb",
                "maxmind-test/MaxMind-DB-test-broken-pointers-24.mmdb",
                "maxmind-bad-data/libmaxminddb-oversized-map.mmdb")) {
            Path p = TestData.path("mmdb/" + name);
            try (GeoDatabase db = GeoDatabase.open(p)) {
                assertThatThrownBy(db::verify)
                        .as(name)
                        .isInstanceOf(GeoDbException.class)
                        .hasMessageStartingWith(p + ": ")
                        .satisfies(e -> assertThat(e.getMessage())
                                .doesNotContain("\n")
                                .doesNotContain("java.")
                                .doesNotContain("Exception"));
            }
        }
    }

    /**
     * The whole tree against the metadata: a node count the file cannot hold and a tree overwritten in
     * its middle (which a sample of lookups does not pass through) each fail with one line naming the
     * file.
     */
    @Test
    void theWholeTreeIsCheckedAgainstTheMetadata() throws IOException {
        Path invalid = TestData.path("mmdb/maxmind-test/GeoIP2-City-Test-Invalid-Node-Count.mmdb");
        try (GeoDatabase db = GeoDatabase.open(invalid)) {
            assertThatThrownBy(db::verifyTree)
                    .isInstanceOf(GeoDbException.class)
                    .hasMessageStartingWith(invalid + ": corrupt search tree or metadata (node_count ");
        }
        Path src = TestData.path("mmdb/maxmind-test/GeoIP2-City-Test.mmdb");
        int tree = treeBytes(src);
        Path middle = corruptCopy("GeoIP2-City-Test.mmdb", tree / 2, tree / 2 + 700);
        try (GeoDatabase db = GeoDatabase.open(middle)) {
            assertThatThrownBy(db::verifyTree)
                    .isInstanceOf(GeoDbException.class)
                    .hasMessageMatching(java.util.regex.Pattern.quote(middle.toString())
                            + ": corrupt search tree or metadata \\(node \\d+ points past the data section\\)");
        }
    }

    @Test
    void theSampleIsSpreadOverBothFamilies() {
        List<IpKey> v4 = GeoDatabase.spread(false);
        assertThat(v4).hasSize(256).allMatch(IpKey::isV4);
        assertThat(v4.stream().map(ip -> ip.toBytes()[0]).distinct()).hasSize(256);
        List<IpKey> both = GeoDatabase.spread(true);
        assertThat(both).hasSize(512).doesNotHaveDuplicates();
        assertThat(both.stream().filter(ip -> !ip.isV4()).map(ip -> ip.toBytes()[0] & 0xE0))
                .as("half of the IPv6 ones in 2000::/3")
                .filteredOn(top -> top == 0x20)
                .hasSizeGreaterThanOrEqualTo(128);
    }

    /** A copy of a MaxMind test database with bytes [from, to) set to 0xFF. */
    private Path corruptCopy(String name, int from, int to) throws IOException {
        Path src = TestData.path("mmdb/maxmind-test/" + name);
        assertThat(to).as("inside the search tree").isLessThanOrEqualTo(treeBytes(src));
        byte[] b = Files.readAllBytes(src);
        Arrays.fill(b, from, to, (byte) 0xFF);
        Path copy = tmp.resolve("corrupt-" + from + "-" + name);
        Files.write(copy, b);
        return copy;
    }

    /** The size of the search tree: node count × two records of record_size bits. */
    private static int treeBytes(Path db) throws IOException {
        try (Reader r = new Reader(db.toFile())) {
            Metadata m = r.getMetadata();
            return Math.toIntExact(m.nodeCount() * m.recordSize() * 2 / 8);
        }
    }
}
