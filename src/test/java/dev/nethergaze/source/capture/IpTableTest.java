package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing LRU index behaves like the access-ordered LinkedHashMap it replaced. */
class IpTableTest {

    @Test
    void matchesAnAccessOrderedLinkedHashMapUnderRandomLookupsInsertsAndEvictions() {
        int max = 700; // evictions and table growth both happen, with collisions in small key ranges
        Random rnd = new Random(42);
        IpTable table = new IpTable();
        Map<IpKey, IpCounters> ref = new LinkedHashMap<>(16, 0.75f, true);
        for (int i = 0; i < 200_000; i++) {
            IpKey k = new IpKey(rnd.nextInt(3), rnd.nextInt(1500));
            IpCounters got = table.get(k.hi(), k.lo());
            IpCounters want = ref.get(k);
            assertThat(got).isSameAs(want);
            if (got == null) {
                IpCounters c = new IpCounters(k, i);
                table.add(c);
                ref.put(k, c);
                if (table.size() > max) {
                    IpCounters gone = table.removeEldest();
                    IpKey eldest = ref.keySet().iterator().next();
                    assertThat(gone.ip).isEqualTo(eldest);
                    ref.remove(eldest);
                }
            }
            assertThat(table.size()).isEqualTo(ref.size());
        }
        assertThat(table.values()).containsExactlyElementsOf(new ArrayList<>(ref.values()));
        for (IpKey k : List.copyOf(ref.keySet())) {
            assertThat(table.get(k.hi(), k.lo())).isSameAs(ref.get(k));
        }
        table.clear();
        assertThat(table.size()).isZero();
        assertThat(table.values()).isEmpty();
    }
}
