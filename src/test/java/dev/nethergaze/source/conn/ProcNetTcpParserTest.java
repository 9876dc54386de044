package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.TcpState;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcNetTcpParserTest {

    private static final String GOOD_V4 = "   0: 0100007F:1F90 0200000A:C350 01 0000000A:00000014 00:00000000 00000000"
            + "  1000        0 4242 1 ffff88003d3af3c0 20 4 0 10 -1";

    private final List<TcpRow> rows = new ArrayList<>();

    private ProcNetTcpParser.Counts parse(String text, boolean v6) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return ProcNetTcpParser.parse(b, b.length, v6, ByteOrder.LITTLE_ENDIAN, rows::add);
    }

    @Test
    void decodesEveryKeptColumn() {
        ProcNetTcpParser.Counts c = parse(ProcLines.TCP_HEADER + "\n" + GOOD_V4 + "\n", false);

        assertThat(c).isEqualTo(new ProcNetTcpParser.Counts(1, 0));
        assertThat(rows)
                .containsExactly(new TcpRow(
                        IpKey.parse("127.0.0.1"),
                        8080,
                        IpKey.parse("10.0.0.2"),
                        50000,
                        TcpState.ESTABLISHED,
                        10,
                        20,
                        1000,
                        4242,
                        null));
    }

    @Test
    void toleratesCrlfAndNoTrailingNewline() {
        assertThat(parse(ProcLines.TCP_HEADER + "\r\n" + GOOD_V4 + "\r\n" + GOOD_V4, false))
                .isEqualTo(new ProcNetTcpParser.Counts(2, 0));
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r.inode()).isEqualTo(4242));
    }

    @Test
    void headerAndBlankLinesAreNotRows() {
        assertThat(parse(ProcLines.TCP_HEADER + "\n\n   \n", false)).isEqualTo(new ProcNetTcpParser.Counts(0, 0));
        assertThat(parse("", false)).isEqualTo(new ProcNetTcpParser.Counts(0, 0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "   0: 0100007G:1F90 0200000A:C350 01 0000000A:00000014 00:00000000 00000000 1000 0 4242", // bad hex
                "   0: 0100007F0:1F90 0200000A:C350 01 0000000A:00000014 00:00000000 00000000 1000 0 4242", // long
                "   0: 0100007F:1F9 0200000A:C350 01 0000000A:00000014 00:00000000 00000000 1000 0 4242", // port
                "   0: 0100007F:1F90 0200000A:C350 0D 0000000A:00000014 00:00000000 00000000 1000 0 4242", // state
                "   0: 0100007F:1F90 0200000A:C350 00 0000000A:00000014 00:00000000 00000000 1000 0 4242", // state 0
                "   0: 0100007F:1F90 0200000A:C350 1 0000000A:00000014 00:00000000 00000000 1000 0 4242", // st len
                "   0: 0100007F:1F90 0200000A:C350 01 0000000A00000014 00:00000000 00000000 1000 0 4242", // queues
                "   0: 0100007F:1F90 0200000A:C350 01 0000000A:00000014 00:00000000 00000000 1000 0", // no inode
                "   0: 0100007F:1F90 0200000A:C350 01 0000000A:00000014 00:00000000 00000000 x 0 4242", // uid
                "   0 0100007F:1F90 0200000A:C350 01 0000000A:00000014 00:00000000 00000000 1000 0 4242", // sl
                "   0: 0100007F:1F90", // truncated
                "garbage"
            })
    void undecodableRowsAreCountedAndSkipped(String bad) {
        ProcNetTcpParser.Counts c = parse(ProcLines.TCP_HEADER + "\n" + bad + "\n" + GOOD_V4 + "\n", false);

        assertThat(c).isEqualTo(new ProcNetTcpParser.Counts(2, 1));
        assertThat(rows).singleElement().extracting(TcpRow::localPort).isEqualTo(8080);
    }

    @Test
    void anIpv4RowInTheTcp6FileIsMalformed() {
        assertThat(parse(GOOD_V4, true)).isEqualTo(new ProcNetTcpParser.Counts(1, 1));
    }

    @Test
    void newSynRecvIsShownAsSynRecv() {
        parse(ProcLines.row(0, false, "10.0.0.1", 443, "203.0.113.9", 40000, 0x0C), false);
        assertThat(rows).singleElement().extracting(TcpRow::state).isEqualTo(TcpState.SYN_RECV);
    }

    @Test
    void v4MappedIpv6NormalisesToIpv4() {
        String line = "   0: 0000000000000000FFFF00000100000A:01BB 0000000000000000FFFF0000057100CB:D431 01"
                + " 00000000:00000000 00:00000000 00000000    33        0 777 1 ffff 20 4 0 10 -1";
        assertThat(ProcLines.row(0, true, "10.0.0.1", 443, "203.0.113.5", 54321, 1))
                .startsWith(line.substring(0, 90));

        parse(ProcLines.TCP6_HEADER + "\n" + line + "\n", true);

        TcpRow r = rows.getFirst();
        assertThat(r.remote().isV4()).isTrue();
        assertThat(r.remote()).isEqualTo(IpKey.parse("203.0.113.5"));
        assertThat(r.remote().toString()).isEqualTo("203.0.113.5");
        assertThat(r.local()).isEqualTo(IpKey.parse("10.0.0.1"));
        assertThat(r.remotePort()).isEqualTo(54321);
    }

    @Test
    void ipv6WordsAreByteSwappedPerWord() {
        parse(ProcLines.row(0, true, "2001:db8::1", 22, "2a03:2880:f131:83:face:b00c:0:25de", 80, 1), true);

        assertThat(rows.getFirst().local()).hasToString("2001:db8::1");
        assertThat(rows.getFirst().remote()).hasToString("2a03:2880:f131:83:face:b00c:0:25de");
    }

    @Test
    void bigEndianKernelWordsAreTakenAsPrinted() {
        byte[] b = "   0: 7F000001:0016 0A000002:C350 01 00000000:00000000 00:00000000 00000000 0 0 1"
                .getBytes(StandardCharsets.US_ASCII);
        ProcNetTcpParser.parse(b, b.length, false, ByteOrder.BIG_ENDIAN, rows::add);
        assertThat(rows.getFirst().local()).hasToString("127.0.0.1");
        assertThat(rows.getFirst().remote()).hasToString("10.0.0.2");
    }
}
