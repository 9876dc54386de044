package dev.nethergaze.enrich.rdap;

import dev.nethergaze.model.IpKey;
import java.math.BigInteger;

/** Describes an address range as a CIDR when it is exactly one, else as {@code start - end}. */
public final class Cidr {

    private Cidr() {}

    public static String describe(IpKey start, IpKey end) {
        int bits = start.isV4() ? 32 : 128;
        BigInteger s = big(start);
        BigInteger size = big(end).subtract(s).add(BigInteger.ONE);
        if (size.signum() > 0 && size.bitCount() == 1) {
            int hostBits = size.bitLength() - 1;
            if (hostBits <= bits && (s.signum() == 0 || s.getLowestSetBit() >= hostBits)) {
                return start + "/" + (bits - hostBits);
            }
        }
        return start + " - " + end;
    }

    private static BigInteger big(IpKey k) {
        return new BigInteger(Long.toUnsignedString(k.hi()))
                .shiftLeft(64)
                .or(new BigInteger(Long.toUnsignedString(k.lo())));
    }
}
