package dev.nethergaze.config;

import dev.nethergaze.model.IpKey;

/** Validation of address/prefix texts in the configuration (the allowlist). */
final class Cidrs {

    private Cidrs() {}

    static void check(ConfigKey key, String text, String origin) {
        int slash = text.indexOf('/');
        IpKey ip = IpKey.tryParse(slash < 0 ? text : text.substring(0, slash));
        if (ip == null) {
            throw ConfigException.at(origin, key + ": not an IP address or CIDR: '" + text + "'");
        }
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            int max = ip.isV4() ? 32 : 128;
            if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > max) {
                throw ConfigException.at(origin, key + ": bad prefix length in '" + text + "' (0.." + max + ")");
            }
        }
    }
}
