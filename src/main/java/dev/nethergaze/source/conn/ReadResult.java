package dev.nethergaze.source.conn;

import dev.nethergaze.model.ConnTable;

/**
 * One poll of the socket table: the table itself, how many kernel rows were read (including the
 * malformed ones and those that are neither a connection nor a listener), and how many could not be
 * decoded.
 */
public record ReadResult(ConnTable table, long rows, long malformed) {}
