package dev.nethergaze.model;

import java.time.Instant;

/**
 * One firewall rule that drops or rejects an address's packets, as the firewall itself says:
 * {@code by} names who put it there in a word ("nethergaze", "fail2ban sshd", "ufw", "nftables"),
 * {@code rule} where it is ("inet nethergaze input: ip saddr @blocked4 drop"), {@code only} what else
 * the rule requires of a packet ("tcp dport 22"; empty when it drops everything from the address),
 * {@code matched} the set element, prefix or range that holds the address, and {@code expires} when a
 * timed set element ends (null: until removed).
 */
public record Block(String by, String rule, String only, String matched, Instant expires) {

    public Block {
        java.util.Objects.requireNonNull(by, "by");
        java.util.Objects.requireNonNull(rule, "rule");
        java.util.Objects.requireNonNull(only, "only");
        java.util.Objects.requireNonNull(matched, "matched");
    }

    /** Whether the rule drops every packet from the address (no other condition). */
    public boolean whole() {
        return only.isEmpty();
    }
}
