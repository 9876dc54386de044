#!/usr/bin/env python3
"""Turns a combined access log (gen_access_log.py's) into Caddy v2's default JSON access log, line for
line: remote_ip/client_ip, port, proto, method, host, uri, five request headers, tls, status, size,
duration and resp_headers, as Caddy writes them. For timing JSON replays on the same requests as the
combined benches. Lines that are not combined are skipped.
Usage: caddy_from_combined.py < access.log > caddy.log"""
import json
import random
import re
import sys
from datetime import datetime

LINE = re.compile(r'(\S+) \S+ \S+ \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"')
rng = random.Random(42)
out = sys.stdout
for raw in sys.stdin:
    m = LINE.match(raw)
    if not m:
        continue
    ip, stamp, request, status, size, referer, agent = m.groups()
    parts = request.split(' ')
    method, uri, proto = (parts + ['', '', ''])[:3] if len(parts) == 3 else ('', request, '')
    ts = datetime.strptime(stamp, '%d/%b/%Y:%H:%M:%S %z').timestamp() + rng.random()
    headers = {'User-Agent': [agent], 'Accept': ['*/*'], 'Accept-Encoding': ['gzip, deflate, br'],
               'Accept-Language': ['en-US,en;q=0.9']}
    if referer != '-':
        headers['Referer'] = [referer]
    entry = {
        'level': 'info', 'ts': ts, 'logger': 'http.log.access.log0', 'msg': 'handled request',
        'request': {'remote_ip': ip, 'remote_port': str(rng.randint(1024, 65535)), 'client_ip': ip,
                    'proto': proto or 'HTTP/1.1', 'method': method, 'host': 'example.com', 'uri': uri,
                    'headers': headers,
                    'tls': {'resumed': False, 'version': 772, 'cipher_suite': 4865, 'proto': 'h2',
                            'server_name': 'example.com'}},
        'bytes_read': 0, 'user_id': '', 'duration': rng.random() / 100,
        'size': 0 if size == '-' else int(size), 'status': int(status),
        'resp_headers': {'Server': ['Caddy'], 'Content-Type': ['text/html; charset=utf-8'],
                         'Vary': ['Accept-Encoding']},
    }
    out.write(json.dumps(entry, separators=(',', ':')))
    out.write('\n')
