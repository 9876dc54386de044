package dev.nethergaze.model;

/** How many of one IP's connections one process (or one unattributed reason) holds. */
public record ProcessCount(ProcessOwner owner, int connections) {}
