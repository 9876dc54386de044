package dev.nethergaze.model;

/** A source's health at one moment: what it is, whether it works, and how much it read. */
public record SourceHealth(String name, String kind, SourceStatus status, String detail, long lines, long malformed) {}
