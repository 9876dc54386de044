#!/usr/bin/env python3
"""Bounded loopback traffic for bench/capture-replay.sh: N short TCP connections to a local
listener from client addresses spread over 127.0.0.0/8 (each: handshake, one request, one reply,
close), plus a few SYNs to a closed port. Traffic stays on lo; count and time are bounded."""
import os
import socket
import sys

def main():
    conns = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 18080
    clients = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(4096)

    def serve():
        while True:
            try:
                c, _ = srv.accept()
            except OSError:
                return
            try:
                c.recv(512)
                c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            except OSError:
                pass
            c.close()

    server = os.fork()
    if server == 0:  # the listener runs in its own process (no GIL ping-pong with the clients)
        try:
            serve()
        finally:
            os._exit(0)
    closed = port + 1  # nothing listens here: SYN -> RST
    for i in range(conns):
        n = i % clients
        addr = "127.%d.%d.%d" % (1 + n // 62500, (n // 250) % 250, 1 + n % 250)
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((addr, 0))
        try:
            s.connect(("127.0.0.1", closed if i % 100 == 99 else port))
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            s.recv(512)
        except OSError:
            pass
        s.close()
    srv.close()
    os.kill(server, 15)
    os.waitpid(server, 0)

if __name__ == "__main__":
    main()
