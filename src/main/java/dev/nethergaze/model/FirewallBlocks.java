package dev.nethergaze.model;

import java.time.Instant;

/** A full read of what the host's firewall blocks (replaces the one before), at {@code time}. */
public record FirewallBlocks(String source, Instant time, BlockTable table) implements SourceEvent {}
