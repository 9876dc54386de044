package dev.nethergaze.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CountMapTest {

    private static final String[] KEYS = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};

    @Test
    void keepsTheNamesWithCountsInOrderAndIsEqualToAnyMapOfTheSame() {
        CountMap m = CountMap.nonZero(KEYS, 0, 7, 0, 3, 0, 1);

        assertThat(m).isEqualTo(Map.of("2xx", 7L, "4xx", 3L, "other", 1L));
        assertThat(Map.of("2xx", 7L, "4xx", 3L, "other", 1L)).isEqualTo(m);
        assertThat(m.hashCode())
                .isEqualTo(Map.of("2xx", 7L, "4xx", 3L, "other", 1L).hashCode());
        assertThat(new ArrayList<>(m.keySet())).containsExactly("2xx", "4xx", "other");
        assertThat(List.of(m.key(0), m.key(1), m.key(2))).containsExactly("2xx", "4xx", "other");
        assertThat(List.of(m.count(0), m.count(1), m.count(2))).containsExactly(7L, 3L, 1L);
        assertThat(m.get("4xx")).isEqualTo(3L);
        assertThat(m.get("5xx")).isNull();
        assertThat(m.getOrDefault("1xx", 0L)).isZero();
        assertThat(m.containsKey("other")).isTrue();
        assertThat(m.containsKey("3xx")).isFalse();
        assertThat(new TreeMap<>(m)).isEqualTo(m);
    }

    @Test
    void noCountsIsTheEmptyMapAndAllCountsShareTheKeys() {
        CountMap none = CountMap.nonZero(KEYS, 0, 0, 0, 0, 0, 0);
        assertThat(none).isEmpty();
        assertThat(none).isEqualTo(Map.of());
        CountMap all = CountMap.nonZero(KEYS, 1, 2, 3, 4, 5, 6);
        assertThat(all).hasSize(6).containsEntry("1xx", 1L).containsEntry("other", 6L);
    }

    @Test
    void sortingOrdersTheNamesAndLeavesOutZeroCounts() {
        CountMap m =
                CountMap.sorting(new String[] {"POST", "GET", "HEAD", "DELETE", "x"}, new long[] {3, 9, 0, 1, 5}, 4);
        assertThat(new ArrayList<>(m.keySet())).containsExactly("DELETE", "GET", "POST");
        assertThat(m).isEqualTo(Map.of("GET", 9L, "POST", 3L, "DELETE", 1L));
        assertThat(CountMap.sorting(new String[] {"GET"}, new long[] {0}, 1)).isEmpty();
    }

    @Test
    void copyOfKeepsACountMapAndCopiesAnyOtherMap() {
        CountMap m = CountMap.nonZero(KEYS, 0, 7, 0, 0, 0, 0);
        assertThat(CountMap.copyOf(m)).isSameAs(m);
        Map<String, Long> plain = new java.util.HashMap<>(Map.of("GET", 2L));
        Map<String, Long> copy = CountMap.copyOf(plain);
        plain.put("POST", 1L);
        assertThat(copy).isEqualTo(Map.of("GET", 2L));
    }

    @Test
    void cannotBeChanged() {
        CountMap m = CountMap.nonZero(KEYS, 0, 7, 0, 0, 0, 0);
        assertThatThrownBy(() -> m.put("2xx", 8L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.remove("2xx")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(m).isEqualTo(Map.of("2xx", 7L));
    }

    @Test
    void keysAndCountsMustPair() {
        assertThatThrownBy(() -> CountMap.nonZero(KEYS, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("6 keys for 2 counts");
    }
}
