package dev.nethergaze.source.tail;

import java.nio.file.Path;

/**
 * What the helpers of one followed path ({@link CopyReader}, {@link SkippedFiles}, {@link
 * StartUpHandover}) share with it: the path, the copies of its log dealt with, its lost lines, and its
 * rotated files.
 */
record PathParts(Path path, KnownCopies known, Losses losses, RotatedSiblings siblings) {}
