#!/usr/bin/env python3
"""One WebTorrent offer/answer exchange through a reverse proxy, with nothing but the standard library.

    proxy-check-websocket.py URL CAFILE TAG

URL is ws:// or wss:// (CAFILE verifies the proxy's certificate; '-' for ws://). Two clients, a seeder from
source address 127.0.0.12 and a leecher from 127.0.0.13, each do the RFC 6455 opening handshake (the
answer must be 101 with the right Sec-WebSocket-Accept) and send masked text frames: the seeder announces,
the leecher announces with one offer, the tracker relays the offer to the seeder, the seeder answers, and
the tracker relays the answer to the leecher. Meanwhile a second WebSocket from the seeder's address must
be refused with 429, which holds when the daemon runs with access.maxConnectionsPerAddress = 1 and counts
the client addresses the proxy names rather than the proxy's own. TAG keeps the info hash apart per proxy. Prints one line that
says what happened; exit status 0 only when every step did. Every socket wait is bounded (10 s).
"""
import base64
import hashlib
import json
import os
import socket
import ssl
import struct
import sys
import urllib.parse

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TIMEOUT_SECONDS = 10
MAX_FRAMES_PER_WAIT = 20


class Failure(Exception):
    pass


class Refused(Failure):
    """The upgrade was answered with another status than 101."""

    def __init__(self, status):
        super().__init__(f"upgrade answered '{status}'")
        self.status = status


def twenty(text):
    """A 20-character id, as WebTorrent's info_hash and peer_id are (ASCII here, so no escaping question)."""
    return (text + "-" * 20)[:20]


class WebSocket:
    def __init__(self, url, cafile, source):
        parts = urllib.parse.urlsplit(url)
        raw = socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT_SECONDS,
                                       source_address=(source, 0))
        if parts.scheme == "wss":
            context = ssl.create_default_context(cafile=cafile)
            raw = context.wrap_socket(raw, server_hostname=parts.hostname)
        self.sock = raw
        self.buffer = b""
        try:
            self.status = self.handshake(parts.hostname, parts.port, parts.path or "/")
        except BaseException:
            raw.close()
            raise

    def handshake(self, host, port, path):
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                           "\r\n").encode())
        while b"\r\n\r\n" not in self.buffer:
            self.fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("iso-8859-1").split("\r\n")
        status = lines[0]
        if not status.startswith("HTTP/1.1 101"):
            raise Refused(status)
        headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        expected = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        if headers.get("sec-websocket-accept") != expected:
            raise Failure(f"Sec-WebSocket-Accept '{headers.get('sec-websocket-accept')}', expected '{expected}'")
        return status

    def fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise Failure("connection closed by the proxy")
        self.buffer += chunk

    def take(self, n):
        while len(self.buffer) < n:
            self.fill()
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def send_text(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x81, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x81, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def next_json(self):
        """The next text message as JSON; pings are answered, anything else but text is a failure."""
        for _ in range(MAX_FRAMES_PER_WAIT):
            first, second = self.take(2)
            opcode, n = first & 0x0F, second & 0x7F
            if second & 0x80:
                raise Failure("the server masked a frame")
            if n == 126:
                n = struct.unpack("!H", self.take(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self.take(8))[0]
            payload = self.take(n)
            if opcode == 0x1 and first & 0x80:
                return json.loads(payload)
            if opcode == 0x9:
                mask = os.urandom(4)
                self.sock.sendall(struct.pack("!BB", 0x8A, 0x80 | n) + mask
                                  + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
                continue
            raise Failure(f"unexpected frame opcode {opcode} ({payload[:80]!r})")
        raise Failure(f"no text message in {MAX_FRAMES_PER_WAIT} frames")

    def close(self):
        try:
            mask = os.urandom(4)
            code = struct.pack("!H", 1000)
            self.sock.sendall(struct.pack("!BB", 0x88, 0x82) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(code)))
        except OSError:
            pass
        self.sock.close()


def expect(message, **fields):
    for key, value in fields.items():
        if message.get(key) != value:
            raise Failure(f"expected {key}={value!r} in {json.dumps(message)[:300]}")
    return message


def exchange(url, cafile, tag):
    info_hash = twenty(f"proxycheck-{tag}")
    seeder_id, leecher_id, offer_id = twenty(f"seeder-{tag}"), twenty(f"leecher-{tag}"), twenty(f"offer-{tag}")
    seeder = WebSocket(url, cafile, "127.0.0.12")
    leecher = None
    try:
        seeder.send_text(json.dumps({"action": "announce", "info_hash": info_hash, "peer_id": seeder_id,
                                     "numwant": 0, "uploaded": 0, "downloaded": 0, "left": 0,
                                     "event": "started", "offers": []}))
        first = expect(seeder.next_json(), action="announce", info_hash=info_hash)
        if first.get("complete") != 1:
            raise Failure(f"the seeder's announce counted complete={first.get('complete')}, expected 1")

        leecher = WebSocket(url, cafile, "127.0.0.13")
        offer = {"type": "offer", "sdp": f"v=0 offer through {tag}"}
        leecher.send_text(json.dumps({"action": "announce", "info_hash": info_hash, "peer_id": leecher_id,
                                      "numwant": 1, "uploaded": 0, "downloaded": 0, "left": 100,
                                      "event": "started", "offers": [{"offer": offer, "offer_id": offer_id}]}))
        counts = expect(leecher.next_json(), action="announce", info_hash=info_hash)
        if (counts.get("complete"), counts.get("incomplete")) != (1, 1):
            raise Failure(f"the leecher's announce counted {counts}, expected complete 1, incomplete 1")
        expect(seeder.next_json(), action="announce", info_hash=info_hash, peer_id=leecher_id,
                         offer_id=offer_id, offer=offer)

        # With access.maxConnectionsPerAddress = 1 one more WebSocket from the seeder's address is refused,
        # while the leecher's was admitted: the cap counts the clients, not the proxy they share.
        try:
            WebSocket(url, cafile, "127.0.0.12").close()
            raise Failure("a second WebSocket from 127.0.0.12 was admitted over a cap of 1 per address")
        except Refused as refused:
            if not refused.status.startswith("HTTP/1.1 429"):
                raise
            capped = refused.status

        answer = {"type": "answer", "sdp": f"v=0 answer through {tag}"}
        seeder.send_text(json.dumps({"action": "announce", "info_hash": info_hash, "peer_id": seeder_id,
                                     "to_peer_id": leecher_id, "offer_id": offer_id, "answer": answer}))
        expect(leecher.next_json(), action="announce", info_hash=info_hash, peer_id=seeder_id,
               offer_id=offer_id, answer=answer)
        return (f"{url.split(':')[0]} from .12 and .13: {seeder.status[9:]}; announce, offer and answer went"
                f" through; 2nd from .12: {capped[9:]}")
    finally:
        seeder.close()
        if leecher is not None:
            leecher.close()


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    url, cafile, tag = sys.argv[1], sys.argv[2], sys.argv[3]
    try:
        print(exchange(url, None if cafile == "-" else cafile, tag))
        return 0
    except (Failure, OSError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
