package dev.nethergaze.enrich.geo;

import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Plural;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The seed nettop's CSV geo format, IPv4 and IPv6: {@code cidr,country_code,country,city,asn,org} or
 * {@code start,end,country_code,country,city,asn,org}. Fields may be quoted as RFC 4180 says
 * ({@code "Example, Inc."}, {@code "The ""Best"" ISP"}); a quoted field ends on its line. Blank lines,
 * lines starting with {@code #} and a header line before the first range are skipped. A line that
 * does not parse is counted and left out ({@link #skippedWarning}); a file without one good line is
 * an error. Nested and overlapping ranges are flattened at load time into disjoint segments, each
 * answered by the most specific (smallest) range covering it, so a lookup is one binary search.
 */
public final class CsvGeo {

    private final IpKey[] starts;
    private final IpKey[] ends;
    private final GeoInfo[] infos;
    private final String skippedWarning;

    private CsvGeo(List<RangeFlattener.Segment> segments, String skippedWarning) {
        this.skippedWarning = skippedWarning;
        int n = segments.size();
        starts = new IpKey[n];
        ends = new IpKey[n];
        infos = new GeoInfo[n];
        for (int i = 0; i < n; i++) {
            RangeFlattener.Segment s = segments.get(i);
            starts[i] = s.start();
            ends[i] = s.end();
            infos[i] = s.info();
        }
    }

    /** Loads a file; see {@link #parse}. */
    public static CsvGeo load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new GeoDbException(file, "cannot read CSV geo file (" + GeoDatabase.reason(e) + ")", e);
        }
    }

    /**
     * Parses CSV text; {@code name} is used in messages. Bad lines are skipped and counted.
     *
     * @throws GeoDbException naming the file when no line holds a range
     */
    public static CsvGeo parse(Reader in, String name) throws IOException {
        BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in);
        RangeFlattener flattener = new RangeFlattener();
        String line;
        int lineNo = 0;
        int good = 0;
        int bad = 0;
        String firstBad = null;
        boolean first = true;
        while ((line = br.readLine()) != null) {
            lineNo++;
            String t =
                    lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1).strip() : line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            boolean mayBeHeader = first;
            first = false;
            try {
                List<String> f = CsvFields.split(t);
                if (mayBeHeader && IpKey.tryParse(f.getFirst().split("/", -1)[0]) == null) {
                    continue; // header
                }
                addLine(flattener, f);
                good++;
            } catch (IllegalArgumentException e) {
                if (bad++ == 0) {
                    firstBad = "line " + lineNo + ": " + e.getMessage();
                }
            }
        }
        if (good == 0) {
            throw new GeoDbException(
                    name,
                    bad == 0
                            ? "no ranges in it (expected cidr,country_code,country,city,asn,org or start,end,country_code,...)"
                            : "no usable line in it (" + lines(bad) + " bad, the first at " + firstBad + ")",
                    null);
        }
        String warning =
                bad == 0 ? null : name + ": skipped " + lines(bad) + " that do not parse, the first at " + firstBad;
        return new CsvGeo(flattener.flatten(), warning);
    }

    private static String lines(int n) {
        return Plural.of(n, "line");
    }

    /** One line saying how many lines were left out and which came first, or empty when none was. */
    public Optional<String> skippedWarning() {
        return Optional.ofNullable(skippedWarning);
    }

    private static void addLine(RangeFlattener flattener, List<String> f) {
        BigInteger start;
        BigInteger end;
        int rest;
        if (f.get(0).contains("/")) {
            BigInteger[] r = cidr(f.get(0));
            start = r[0];
            end = r[1];
            rest = 1;
        } else {
            if (f.size() < 2) {
                throw new IllegalArgumentException("expected start,end,country_code,...");
            }
            IpKey a = IpKey.parse(f.get(0));
            IpKey b = IpKey.parse(f.get(1));
            if (a.isV4() != b.isV4() || a.compareTo(b) > 0) {
                throw new IllegalArgumentException("bad range " + f.get(0) + " - " + f.get(1));
            }
            start = RangeFlattener.big(a);
            end = RangeFlattener.big(b);
            rest = 2;
        }
        GeoInfo info = new GeoInfo(
                field(f, rest),
                field(f, rest + 1),
                field(f, rest + 2),
                null,
                null,
                null,
                asn(field(f, rest + 3)),
                field(f, rest + 4),
                null);
        flattener.add(start, end, info);
    }

    static BigInteger[] cidr(String text) {
        int slash = text.indexOf('/');
        IpKey base = IpKey.parse(text.substring(0, slash));
        int bits;
        try {
            bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + text, e);
        }
        int max = base.isV4() ? 32 : 128;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("bad prefix length in " + text);
        }
        BigInteger start = RangeFlattener.big(base.prefix(bits));
        BigInteger size = BigInteger.ONE.shiftLeft(max - bits);
        return new BigInteger[] {start, start.add(size).subtract(BigInteger.ONE)};
    }

    private static String field(List<String> f, int i) {
        return i < f.size() && !f.get(i).isEmpty() ? f.get(i) : null;
    }

    private static Long asn(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.regionMatches(true, 0, "AS", 0, 2) ? text.substring(2) : text;
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad ASN " + text, e);
        }
    }

    /** The most specific range's answer for {@code ip}, if any range covers it. */
    public Optional<GeoInfo> lookup(IpKey ip) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid].compareTo(ip) > 0) {
                hi = mid - 1;
            } else if (ends[mid].compareTo(ip) < 0) {
                lo = mid + 1;
            } else {
                return Optional.of(infos[mid]);
            }
        }
        return Optional.empty();
    }

    /** Number of disjoint segments after flattening. */
    public int segments() {
        return starts.length;
    }
}
