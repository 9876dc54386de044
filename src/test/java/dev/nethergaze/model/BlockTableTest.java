package dev.nethergaze.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockTableTest {

    private static Block block(String name) {
        return new Block(name, "t c: " + name, "", name, null);
    }

    private static BlockTable.Range prefix(String net, int bits, String name) {
        return BlockTable.Range.prefix(IpKey.parse(net), bits, block(name));
    }

    @Test
    void nestedAndOverlappingRangesAreAllFound() {
        BlockTable t = BlockTable.of(List.of(
                prefix("198.51.100.0", 22, "wide"),
                prefix("198.51.100.0", 24, "narrow"),
                prefix("198.51.100.7", 32, "one"),
                prefix("198.51.101.0", 24, "next"),
                new BlockTable.Range(IpKey.parse("198.51.100.250"), IpKey.parse("198.51.101.5"), block("range"))));
        assertThat(t.find(IpKey.parse("198.51.100.7"))).extracting(Block::by).containsExactly("wide", "narrow", "one");
        assertThat(t.find(IpKey.parse("198.51.101.3")))
                .extracting(Block::by)
                .containsExactlyInAnyOrder("wide", "next", "range");
        assertThat(t.find(IpKey.parse("198.51.103.255"))).extracting(Block::by).containsExactly("wide");
        assertThat(t.find(IpKey.parse("198.51.104.0"))).isEmpty();
        assertThat(t.find(IpKey.parse("198.51.99.255"))).isEmpty();
    }

    @Test
    void agreesWithAScanOfEveryRange() {
        java.util.Random rnd = new java.util.Random(7);
        List<BlockTable.Range> ranges = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int bits = 16 + rnd.nextInt(17);
            ranges.add(BlockTable.Range.prefix(IpKey.ofV4(0x0A000000 | rnd.nextInt(1 << 20)), bits, block("r" + i)));
        }
        BlockTable t = BlockTable.of(ranges);
        for (int i = 0; i < 5000; i++) {
            IpKey ip = IpKey.ofV4(0x0A000000 | rnd.nextInt(1 << 20));
            List<String> expected = ranges.stream()
                    .filter(r -> r.first().compareTo(ip) <= 0 && r.last().compareTo(ip) >= 0)
                    .map(r -> r.block().by())
                    .toList();
            assertThat(t.find(ip)).extracting(Block::by).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void theSameRuleThroughTwoElementsIsListedOnce() {
        Block b = block("f2b");
        BlockTable t = BlockTable.of(List.of(
                new BlockTable.Range(IpKey.parse("2001:db8::1"), IpKey.parse("2001:db8::1"), b),
                BlockTable.Range.prefix(IpKey.parse("2001:db8::"), 64, b)));
        assertThat(t.find(IpKey.parse("2001:db8::1"))).containsExactly(b);
    }

    @Test
    void prefixEndSetsEveryHostBit() {
        assertThat(IpKey.parse("198.51.100.77").prefixEnd(24)).isEqualTo(IpKey.parse("198.51.100.255"));
        assertThat(IpKey.parse("198.51.100.77").prefixEnd(32)).isEqualTo(IpKey.parse("198.51.100.77"));
        assertThat(IpKey.parse("198.51.100.77").prefixEnd(0)).isEqualTo(IpKey.parse("255.255.255.255"));
        assertThat(IpKey.parse("2001:db8::5").prefixEnd(64)).isEqualTo(IpKey.parse("2001:db8::ffff:ffff:ffff:ffff"));
        assertThat(IpKey.parse("2001:db8::5").prefixEnd(48))
                .isEqualTo(IpKey.parse("2001:db8:0:ffff:ffff:ffff:ffff:ffff"));
        assertThat(IpKey.parse("2001:db8::5").prefixEnd(120)).isEqualTo(IpKey.parse("2001:db8::ff"));
        assertThat(IpKey.parse("2001:db8::5").prefixEnd(128)).isEqualTo(IpKey.parse("2001:db8::5"));
    }
}
