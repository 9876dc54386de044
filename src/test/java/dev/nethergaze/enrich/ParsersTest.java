package dev.nethergaze.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.TestData;
import dev.nethergaze.enrich.rdap.Bootstrap;
import dev.nethergaze.enrich.rdap.RdapException;
import dev.nethergaze.enrich.rdap.RdapParser;
import dev.nethergaze.enrich.whois.WhoisParser;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.WhoisInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every RDAP and whois reply in ../shared/testdata, against ORACLES.md (rdap/, whois/). */
class ParsersTest {

    private static WhoisInfo rdap(String file) throws Exception {
        return RdapParser.parse(Files.readAllBytes(TestData.path("rdap/" + file)));
    }

    private static WhoisInfo whois(String file) throws Exception {
        return WhoisParser.parse(Files.readString(TestData.path("whois/" + file), StandardCharsets.UTF_8))
                .info();
    }

    @Test
    void rdapRepliesOfAllFiveRirs() throws Exception {
        WhoisInfo arin = rdap("ipwhois/ip_2001_4860_4860__8888.json");
        assertThat(arin.network()).isEqualTo("GOOGLE-IPV6");
        assertThat(arin.cidr()).isEqualTo("2001:4860::/32"); // ARIN's expanded IPv6
        assertThat(arin.org()).isEqualTo("Google Inc.");
        assertThat(arin.abuseEmail()).isEqualTo("arin-contact@google.com");
        assertThat(arin.registered()).isEqualTo(Instant.parse("2005-03-14T16:31:08Z"));
        WhoisInfo ripe = rdap("ipwhois/ip_62.239.237.1.json"); // no objectClassName, "/32" suffixes
        assertThat(ripe.network()).isEqualTo("BT-CORPORATE");
        assertThat(ripe.cidr()).isEqualTo("62.239.237.0/24");
        assertThat(ripe.country()).isEqualTo("GB");
        assertThat(ripe.abuseEmail()).isEqualTo("zzdnsr@bt.com");
        // no organisation named: the descr (an untitled remark), as port-43 whois takes it
        assertThat(ripe.org())
                .isEqualTo(whois("ipwhois/whois_62.239.237.1.txt").org())
                .isEqualTo("UDC");
        WhoisInfo ripe6 = rdap("ipwhois/ip_2a00_2381_ffff__1.json");
        assertThat(ripe6.cidr()).isEqualTo("2a00:2381:ffff::/64");
        assertThat(ripe6.org()).isEqualTo("BT World IPv6 Launch");
        WhoisInfo apnic = rdap("ipwhois/ip_210.107.73.73.json");
        assertThat(apnic.cidr()).isEqualTo("210.107.0.0/17");
        assertThat(apnic.org())
                .isEqualTo(whois("ipwhois/whois_210.107.73.73.txt").org())
                .isEqualTo("DACOM Corp.");
        assertThat(apnic.country()).isEqualTo("KR");
        WhoisInfo lacnic = rdap("ipwhois/ip_200.57.141.161.json");
        // LACNIC's reply gives the queried address as start and end: not its network (port 43 says
        // 200.57.128/19), so no network is shown rather than "200.57.141.161/32"
        assertThat(lacnic.cidr()).isNull();
        assertThat(lacnic.org()).isEqualTo("Triara.com, S.A. de C.V.");
        assertThat(lacnic.abuseEmail()).isEqualTo("operacion.redes@TRIARA.COM");
        WhoisInfo afrinic = rdap("ipwhois/ip_196.11.240.215.json");
        assertThat(afrinic.cidr()).isEqualTo("196.11.239.0 - 196.11.246.255");
        assertThat(afrinic.country()).isEqualTo("ZA");
        // its organisation entity's vCard name is its handle, and no remark describes the network: no
        // name is known, and the handle is not shown as one (before: "ORG-VSA1-AFRINIC")
        assertThat(afrinic.org()).isNull();
        // no abuse entity: the remark names the address, as the port-43 record's remarks: line does
        assertThat(afrinic.abuseEmail()).isEqualTo("abuse@mtnbusiness.co.za");
        WhoisInfo cidr0 = rdap("icann-rdap/network_192_198_0_0.json");
        assertThat(cidr0.cidr()).isEqualTo("192.198.0.0/22");
        assertThat(cidr0.org()).isEqualTo("Radio Link Internet");
        assertThat(cidr0.abuseEmail()).isEqualTo("daniel.petsinger@radiolinkinternet.com");
        assertThat(rdap("icann-rdap/ip_2001_db8__.json").cidr()).isEqualTo("2001:db8::/48");
        assertThat(rdap("icann-rdap/as65541.json").network()).isEqualTo("AS-RTR-1");
    }

    @Test
    void rdapErrorsAndOtherObjectsAreOneLineFailures() {
        assertThatThrownBy(() -> rdap("icann-rdap/error_ripe_net.json"))
                .isInstanceOf(RdapException.class)
                .hasMessageContaining("501");
        assertThatThrownBy(() -> rdap("openrdap/domain-example.cz.json")).hasMessageContaining("domain");
        assertThatThrownBy(() -> rdap("openrdap/nameserver-ns2.pipni.cz.json")).isInstanceOf(RdapException.class);
        assertThatThrownBy(() -> rdap("openrdap/jcard-example.json")).isInstanceOf(RdapException.class);
        assertThatThrownBy(() -> rdap("ipwhois/entity_ZG39-ARIN.json")).isInstanceOf(RdapException.class);
        assertThatThrownBy(() -> RdapParser.parse("<html>".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("RDAP reply is not JSON");
        // a network object without name, range, holder or abuse contact is no answer (port 43 is asked);
        // before: an "rdap" answer of dashes, cached for a day
        for (String empty : List.of(
                "{\"objectClassName\":\"ip network\"}",
                "{\"objectClassName\":\"ip network\",\"name\":\" \",\"country\":\"MX\",\"entities\":[]}")) {
            assertThatThrownBy(() -> RdapParser.parse(empty.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(RdapException.class)
                    .hasMessage("RDAP reply names no network, holder or abuse contact");
        }
    }

    @Test
    void whoisRepliesOfAllFiveRirs() throws Exception {
        WhoisInfo arin = whois("ipwhois/whois_2001_4860_4860__8888.txt");
        assertThat(arin.cidr()).isEqualTo("2001:4860::/32");
        assertThat(arin.network()).isEqualTo("GOOGLE-IPV6");
        assertThat(arin.org()).isEqualTo("Google Inc.");
        assertThat(arin.abuseEmail()).isEqualTo("arin-contact@google.com");
        WhoisInfo ripe = whois("ipwhois/whois_62.239.237.1.txt");
        assertThat(ripe.network()).isEqualTo("BT-CORPORATE");
        assertThat(ripe.cidr()).isEqualTo("62.239.237.0/24");
        assertThat(ripe.abuseEmail()).isEqualTo("protect@bt.com");
        assertThat(whois("ipwhois/whois_2a00_2381_ffff__1.txt").abuseEmail()).isEqualTo("protect@bt.com");
        WhoisInfo apnic = whois("ipwhois/whois_210.107.73.73.txt");
        assertThat(apnic.abuseEmail()).isEqualTo("hostmaster@nic.or.kr");
        assertThat(apnic.country()).isEqualTo("KR");
        WhoisInfo lacnic = whois("ipwhois/whois_200.57.141.161.txt"); // CRLF
        // LACNIC's abbreviated prefix, written out as every other CIDR is (a filter or a firewall takes it)
        assertThat(lacnic.cidr()).isEqualTo("200.57.128.0/19");
        assertThat(lacnic.org()).isEqualTo("Triara.com, S.A. de C.V.");
        assertThat(lacnic.abuseEmail()).isEqualTo("operacion.redes@TRIARA.COM");
        assertThat(lacnic.registered()).isEqualTo(Instant.parse("2000-12-04T00:00:00Z"));
        WhoisInfo afrinic = whois("ipwhois/whois_196.11.240.215.txt");
        assertThat(afrinic.network()).isEqualTo("NET-196-11-239-0");
        assertThat(afrinic.org()).isEqualTo("MTN SA");
        assertThat(afrinic.abuseEmail()).isEqualTo("abuse@mtnbusiness.co.za");
        assertThat(List.of(arin, ripe, apnic, lacnic, afrinic, whois("ipwhois/whois_2a00_2381_ffff__1.txt")))
                .extracting(WhoisInfo::org)
                .containsExactly(
                        "Google Inc.",
                        "UDC",
                        "DACOM Corp.",
                        "Triara.com, S.A. de C.V.",
                        "MTN SA",
                        "BT World IPv6 Launch");
        assertThat(whois("ipwhois-radb/radb_origin_AS12091_for_196.11.240.215.txt")
                        .network())
                .isNull();
        assertThat(whois("ipwhois-radb/radb_origin_AS3786_for_210.107.73.73.txt")
                        .cidr())
                .isEqualTo("211.63.32.0/19");
    }

    /**
     * AFRINIC's record of 196.11.240.215 as other replies of the same registry shape it: the holder is
     * the {@code org-name:} of the organisation its {@code org:} handle names, else its {@code descr:},
     * never a handle or an address range. Before: a reply whose first organisation object was another
     * (its parent's) showed that one's name; a {@code descr:} holding the range, or a handle, was shown
     * as the holder.
     */
    @Test
    void anAfrinicHolderIsTheOrganisationsNameNeverAHandleOrARange() throws Exception {
        String recorded = Files.readString(TestData.path("whois/ipwhois/whois_196.11.240.215.txt"));
        String parentOrg = """
                organisation:   ORG-AFNC1-AFRINIC
                org-name:       African Network Information Center
                source:         AFRINIC # Filtered

                """;
        assertThat(WhoisParser.parse(parentOrg + recorded).info().org()).isEqualTo("MTN SA");
        String withoutOrgObject = recorded.substring(0, recorded.indexOf("organisation:"))
                + recorded.substring(recorded.indexOf("role:"));
        assertThat(WhoisParser.parse(withoutOrgObject).info().org()).isEqualTo("MTN Business Solutions (Pty) Ltd");
        String rangeDescr = withoutOrgObject.replace(
                "descr:          MTN Business Solutions (Pty) Ltd",
                "descr:          196.11.239.0 - 196.11.246.255\ndescr:          MTN Business Solutions (Pty) Ltd");
        assertThat(WhoisParser.parse(rangeDescr).info().org()).isEqualTo("MTN Business Solutions (Pty) Ltd");
        String handlesOnly = withoutOrgObject.replace(
                "descr:          MTN Business Solutions (Pty) Ltd", "descr:          ORG-VSA1-AFRINIC");
        assertThat(WhoisParser.parse(handlesOnly).info().org()).isNull();
        assertThat(WhoisParser.parse(handlesOnly).info().network()).isEqualTo("NET-196-11-239-0");
    }

    @Test
    void referralsAreFollowedOnlyToWhoisServers() {
        assertThat(WhoisParser.parse("refer:        whois.ripe.net\n")
                        .referral()
                        .host())
                .isEqualTo("whois.ripe.net");
        assertThat(WhoisParser.parse("ReferralServer:  whois://whois.apnic.net\n")
                        .referral()
                        .host())
                .isEqualTo("whois.apnic.net");
        assertThat(WhoisParser.parse("ReferralServer:  rwhois://rwhois.example.net:4321\n")
                        .referral())
                .isNull();
    }

    @Test
    void bootstrapMatchesTheOracle() throws Exception {
        Bootstrap b = Bootstrap.load(TestData.path("rdap/bootstrap-openrdap"));
        assertThat(b.forIp(IpKey.parse("62.239.237.1")).orElseThrow().getFirst().toString())
                .isEqualTo("https://rdap.db.ripe.net/");
        assertThat(b.forIp(IpKey.parse("74.125.225.229"))
                        .orElseThrow()
                        .getFirst()
                        .toString())
                .isEqualTo("https://rdap.arin.net/registry");
        assertThat(b.forIp(IpKey.parse("200.57.141.161"))
                        .orElseThrow()
                        .getFirst()
                        .toString())
                .isEqualTo("https://rdap.lacnic.net/rdap/");
        assertThat(b.forIp(IpKey.parse("2001:43f8:7b0::"))
                        .orElseThrow()
                        .getFirst()
                        .toString())
                .isEqualTo("https://rdap.afrinic.net/rdap/");
        assertThat(b.forIp(IpKey.parse("2801:10:c000::"))
                        .orElseThrow()
                        .getFirst()
                        .toString())
                .isEqualTo("https://rdap.lacnic.net/rdap/");
        assertThat(b.forIp(IpKey.parse("10.0.0.1"))).isEmpty();
        assertThat(b.forAsn(2856).orElseThrow().getFirst().toString()).isEqualTo("https://rdap.db.ripe.net/");
        assertThat(b.forAsn(37578).orElseThrow().getFirst().toString()).isEqualTo("https://rdap.afrinic.net/rdap/");
        assertThat(b.forAsn(4_200_000_000L)).isEmpty();
        assertThat(Bootstrap.bundled().forIp(IpKey.parse("8.8.8.8"))).isPresent();
    }
}
