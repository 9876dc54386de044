package dev.nethergaze.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Sends one request line to a running Nethergaze's control socket and returns the reply line. */
public final class ControlClient {

    private ControlClient() {}

    /** @throws IOException with "no running Nethergaze at PATH" when nothing answers there */
    public static String send(Path socket, String requestJson) throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new IOException("no running Nethergaze at " + socket, e);
        }
        try (ch) {
            IOException writeFailed = null;
            try {
                OutputStream out = Channels.newOutputStream(ch);
                out.write((requestJson.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                writeFailed = e; // the server may have answered (a refusal) and closed: read that first
            }
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            String reply;
            try {
                reply = in.readLine();
            } catch (IOException e) {
                reply = null;
                writeFailed = writeFailed != null ? writeFailed : e;
            }
            if (reply == null) {
                throw new IOException(
                        writeFailed == null
                                ? "no reply from Nethergaze at " + socket
                                : "Nethergaze at " + socket + " closed the connection (" + writeFailed.getMessage()
                                        + ")",
                        writeFailed);
            }
            return reply;
        }
    }
}
