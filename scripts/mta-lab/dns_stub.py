#!/usr/bin/env python3
"""Loopback-only DNS stub for the lab netns: answers every query on 127.0.0.1:53 (UDP)
with NXDOMAIN at once, so resolvers that ignore /etc/hosts (courier) fail fast instead
of timing out. Logs the names asked to argv[1]."""
import socket, sys, time
log = open(sys.argv[1], "a", buffering=1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 53))
while True:
    data, peer = s.recvfrom(4096)
    if len(data) < 12:
        continue
    # parse qname
    i, labels = 12, []
    while i < len(data) and data[i]:
        labels.append(data[i+1:i+1+data[i]].decode("latin-1")); i += 1 + data[i]
    qtype = int.from_bytes(data[i+1:i+3], "big") if i + 3 <= len(data) else 0
    log.write("%s %s type=%d\n" % (time.strftime("%H:%M:%S"), ".".join(labels), qtype))
    flags = 0x8000 | (data[2] & 0x01) << 8 | 0x0080 | 3   # QR, copy RD, RA, NXDOMAIN
    resp = data[:2] + flags.to_bytes(2, "big") + data[4:6] + b"\0\0\0\0\0\0" + data[12:i+5]
    s.sendto(resp, peer)
