package dev.nethergaze.control;

/** The {@code set} command's fields, as given (null = not given): ports, protocols, sources, destinations, raw BPF. */
public record FilterRequest(String port, String proto, String src, String dst, String bpf) {}
