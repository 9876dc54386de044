package dev.nethergaze.model;

/** Connections from one IP to one local service (a listening port). */
public record ServiceCount(int port, String name, int count) {}
