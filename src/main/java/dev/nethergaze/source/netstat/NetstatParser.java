package dev.nethergaze.source.netstat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes the paired-line format of {@code /proc/net/netstat} and {@code /proc/net/snmp}: a line
 * {@code "Prefix: Name1 Name2 ..."} followed by {@code "Prefix: v1 v2 ..."}. Picks the values of
 * the wanted {@code Prefix.Name} keys into an array (-1 for a key that is absent), without building
 * a map of every counter.
 */
final class NetstatParser {

    private NetstatParser() {}

    /**
     * Fills {@code out[i]} with the value of {@code keys.get(i)} (e.g. {@code "TcpExt.SyncookiesSent"})
     * where {@code text} has it; leaves other slots untouched. Returns how many keys were found.
     */
    static int pick(byte[] text, int len, List<String> keys, long[] out) {
        String s = new String(text, 0, len, StandardCharsets.US_ASCII);
        String[] lines = s.split("\n");
        int found = 0;
        int i = 0;
        while (i + 1 < lines.length) {
            String[] names = lines[i].trim().split("\\s+");
            String[] values = lines[i + 1].trim().split("\\s+");
            boolean pair = names.length >= 2
                    && names.length == values.length
                    && names[0].equals(values[0])
                    && names[0].endsWith(":")
                    && isNumber(values[1]);
            if (!pair) {
                i++;
                continue;
            }
            String prefix = names[0].substring(0, names[0].length() - 1);
            for (int c = 1; c < names.length; c++) {
                int k = keys.indexOf(prefix + "." + names[c]);
                if (k >= 0 && isNumber(values[c])) {
                    out[k] = Long.parseLong(values[c]);
                    found++;
                }
            }
            i += 2;
        }
        return found;
    }

    private static boolean isNumber(String v) {
        if (v.isEmpty() || v.length() > 19) {
            return false;
        }
        for (int i = v.charAt(0) == '-' ? 1 : 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return v.length() > (v.charAt(0) == '-' ? 1 : 0);
    }
}
