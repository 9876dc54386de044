package dev.nethergaze.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index against the {@code LinkedHashMap} in access order it replaces: the same answers and the
 * same least-to-most recently used order after every operation, over random lookups, inserts,
 * removals and evictions of keys that collide in the table (few distinct low bits), through growth.
 */
class IpLruIndexTest {

    private static final class Item extends LruIndex.Entry<Item> {
        final IpKey ip;

        Item(IpKey ip) {
            this.ip = ip;
        }
    }

    private static final class Index extends IpLruIndex<Item> {
        @Override
        protected IpKey ip(Item e) {
            return e.ip;
        }
    }

    private static List<IpKey> order(Index index) {
        List<IpKey> out = new ArrayList<>();
        for (Item e = index.eldest(); e != null; e = e.newer()) {
            out.add(e.ip);
        }
        return out;
    }

    @Test
    void behavesAsALinkedHashMapInAccessOrder() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            Index index = new Index();
            Map<IpKey, Item> model = new LinkedHashMap<>(16, 0.75f, true);
            int keys = 50 + r.nextInt(3000); // past the first table size: it grows
            for (int op = 0; op < 20_000; op++) {
                IpKey k = new IpKey(r.nextInt(4), r.nextInt(keys)); // equal keys as distinct objects too
                switch (r.nextInt(10)) {
                    case 0, 1, 2, 3 -> assertThat(index.get(k)).isSameAs(model.get(k));
                    case 4 -> {
                        Item p = index.peek(k);
                        assertThat(p).isSameAs(model.containsKey(k) ? mapPeek(model, k) : null);
                    }
                    case 5, 6, 7 -> {
                        if (index.get(k) == null) {
                            Item e = new Item(k);
                            index.add(e);
                            model.put(k, e);
                        } else {
                            model.get(k);
                        }
                    }
                    case 8 -> {
                        Item e = index.get(k);
                        if (e != null) {
                            index.remove(e);
                            model.remove(k);
                        }
                    }
                    default -> {
                        Item gone = index.removeEldest();
                        IpKey first = model.isEmpty()
                                ? null
                                : model.keySet().iterator().next();
                        assertThat(gone == null ? null : gone.ip).isEqualTo(first);
                        if (first != null) {
                            model.remove(first);
                        }
                    }
                }
                assertThat(index.size()).isEqualTo(model.size());
            }
            assertThat(order(index)).containsExactlyElementsOf(model.keySet());
            for (IpKey k : model.keySet()) {
                assertThat(index.peek(k)).isSameAs(mapPeek(model, k));
            }
        }
    }

    /** The model's value without touching its order. */
    private static Item mapPeek(Map<IpKey, Item> model, IpKey k) {
        for (Map.Entry<IpKey, Item> e : model.entrySet()) {
            if (e.getKey().equals(k)) {
                return e.getValue();
            }
        }
        return null;
    }
}
