package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.filter.FilterSyntaxException;
import dev.nethergaze.ui.tui.filter.Filters;
import dev.nethergaze.ui.tui.filter.IpFilter;
import dev.nethergaze.ui.tui.filter.LanguageFilterParser;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's {@code f} filter (the one filter language) and quick filter against the demo's cast. */
class FilterParserTest {

    private static Snapshot snap;
    private final LanguageFilterParser parser = new LanguageFilterParser();

    @BeforeAll
    static void demo() {
        snap = Snapshots.demo(8).getLast();
    }

    private List<String> match(String expr) throws FilterSyntaxException {
        IpFilter f = parser.parse(expr);
        return snap.ips().stream().filter(f::test).map(v -> v.ip().toString()).toList();
    }

    @Test
    void emptyMatchesEverything() throws Exception {
        assertThat(parser.parse("  ").isAll()).isTrue();
        assertThat(match("")).hasSize(snap.ips().size());
    }

    @Test
    void stateByNamePrefixOrAlias() throws Exception {
        assertThat(match("state:SYN_RECV")).hasSize(30);
        assertThat(match("state:syn")).hasSize(30);
        assertThat(match("state:time")).containsExactly("192.0.2.201");
        assertThat(match("state:syn,time")).hasSize(31);
        assertThatThrownBy(() -> parser.parse("state:fin")).hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> parser.parse("state:nope"))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("unknown TCP state 'nope'")
                .hasMessageContaining("column 1");
    }

    @Test
    void statusByClassOrCode() throws Exception {
        assertThat(match("status:4xx")).containsExactly("192.0.2.201");
        assertThat(match("status:404")).containsExactly("192.0.2.201");
        assertThatThrownBy(() -> parser.parse("status:4x")).isInstanceOf(FilterSyntaxException.class);
    }

    @Test
    void cidrForBothFamilies() throws Exception {
        assertThat(match("cidr:203.0.113.0/24")).hasSize(15).allMatch(ip -> ip.startsWith("203.0.113."));
        assertThat(match("cidr:2001:db8:bad::/48")).containsExactly("2001:db8:bad:1::22");
        assertThat(match("cidr:192.0.2.201")).containsExactly("192.0.2.201");
        assertThatThrownBy(() -> parser.parse("cidr:10.0.0.0/33")).isInstanceOf(FilterSyntaxException.class);
        assertThatThrownBy(() -> parser.parse("cidr:nope/8")).isInstanceOf(FilterSyntaxException.class);
    }

    @Test
    void serviceByPortOrNameNegationAndFreeText() throws Exception {
        assertThat(match("svc:ssh")).containsExactly("2001:db8:bad:1::22");
        assertThat(match("svc:22")).containsExactly("2001:db8:bad:1::22");
        assertThat(match("svc:https !state:syn"))
                .doesNotContain("198.51.100.10")
                .contains("192.0.2.77");
        assertThat(match("wp-login")).containsExactly("192.0.2.201");
        assertThat(match("cafe")).hasSize(3);
        assertThatThrownBy(() -> parser.parse("bogus:1")).hasMessageContaining("unknown field 'bogus'");
    }

    @Test
    void theLanguageOfTheCommandLineWorksInTheConsole() throws Exception {
        List<String> halfOpen = match("state:syn");
        assertThat(match("rule:syn")).isNotEmpty().allMatch(halfOpen::contains);
        assertThat(match("conns>=1 !cidr:203.0.113.0/24")).noneMatch(ip -> ip.startsWith("203.0.113."));
        assertThat(parser.parse("rule:ssh  fails>=1").describe()).isEqualTo("rule:ssh  fails>=1");
        assertThatThrownBy(() -> parser.parse("rule:nosuch")).hasMessageContaining("no rule starts with");
    }

    @Test
    void quickFilterAndConjunctionDescribeThemselves() throws Exception {
        IpFilter f = Filters.and(Filters.text("203.0.113"), parser.parse("state:syn"));
        assertThat(f.describe()).isEqualTo("/203.0.113 state:syn");
        List<IpView> hits = snap.ips().stream().filter(f::test).toList();
        assertThat(hits).hasSize(15);
        assertThat(Filters.text("wp-login").testLine(null, "GET /wp-login.php 404"))
                .isTrue();
    }
}
