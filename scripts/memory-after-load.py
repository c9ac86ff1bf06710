#!/usr/bin/env python3
"""Does the daemon give memory back after a burst? (issue 7, findings 5 and 6)

Opens N WebSocket connections to a tracker on 127.0.0.0/8; each sends the header of one large frame
(default 128 KiB payload) and most of its payload (default 100 KiB), then holds, so the daemon keeps the
unfinished frame in a pooled direct buffer. Then all connections close at once. The daemon's VmRSS (and,
with --jcmd, its G1 heap and Netty's direct memory as native memory tracking sees it) is sampled before,
at the peak, and every --every seconds for --after seconds after the close. Prints one line per sample
and a SUMMARY json line.

Bounded: loopback targets only, at most 20,000 connections, every phase has a deadline.

  scripts/memory-after-load.py --port 8000 --pid PID --connections 3000 --after 180
"""
import argparse
import asyncio
import base64
import ipaddress
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def jcmd(pid, *args):
    exe = os.environ.get("JCMD") or shutil.which("jcmd") or "jcmd"
    try:
        return subprocess.run([exe, str(pid), *args], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


def heap_mib(pid):
    """(committed, used) of the G1 heap in MiB, from GC.heap_info; None when jcmd is unavailable."""
    m = re.search(r"total reserved \d+K, committed (\d+)K, used (\d+)K", jcmd(pid, "GC.heap_info"))
    return (int(m.group(1)) / 1024, int(m.group(2)) / 1024) if m else None


def nmt_other_mib(pid):
    """Committed 'Other' memory of native memory tracking (Unsafe.allocateMemory: Netty's direct
    buffers without cleaner); None unless the daemon runs with -XX:NativeMemoryTracking=summary."""
    m = re.search(r"-\s+Other \(reserved=\d+KB, committed=(\d+)KB\)", jcmd(pid, "VM.native_memory", "summary"))
    return int(m.group(1)) / 1024 if m else None


class Sampler:
    def __init__(self, pid, use_jcmd):
        self.pid, self.use_jcmd, self.t0, self.rows = pid, use_jcmd, time.monotonic(), []

    def sample(self, label):
        row = {"t": round(time.monotonic() - self.t0, 1), "label": label, "rssMiB": round(rss_kib(self.pid) / 1024, 1)}
        if self.use_jcmd:
            heap = heap_mib(self.pid)
            if heap:
                row["heapCommittedMiB"], row["heapUsedMiB"] = round(heap[0], 1), round(heap[1], 1)
            other = nmt_other_mib(self.pid)
            if other is not None:
                row["nmtOtherMiB"] = round(other, 1)
        self.rows.append(row)
        print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
        return row


def frame_header(payload_len, mask):
    # FIN=1, opcode=text, masked, 64-bit length (payload_len > 65535) or 16-bit.
    if payload_len > 0xFFFF:
        return bytes([0x81, 0x80 | 127]) + struct.pack(">Q", payload_len) + mask
    return bytes([0x81, 0x80 | 126]) + struct.pack(">H", payload_len) + mask


async def open_one(host, port, source, payload, send_bytes, deadline):
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(host, port, local_addr=(source, 0)), max(0.1, deadline - time.monotonic()))
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write((f"GET /announce HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    status = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), max(0.1, deadline - time.monotonic()))
    if b" 101 " not in status.split(b"\r\n", 1)[0]:
        writer.close()
        raise RuntimeError(status.split(b"\r\n", 1)[0].decode(errors="replace"))
    # The payload's content does not matter: the daemon never gets to decode it (the frame never ends).
    writer.write(frame_header(payload, b"\x01\x02\x03\x04") + b"a" * send_bytes)
    await asyncio.wait_for(writer.drain(), max(0.1, deadline - time.monotonic()))
    return reader, writer


async def burst(args, sampler):
    sources = [str(ipaddress.ip_address("127.0.0.1") + i) for i in range(args.source_addresses)]
    deadline = time.monotonic() + args.connect_deadline
    gate = asyncio.Semaphore(200)

    async def guarded(i):
        async with gate:
            return await open_one(args.host, args.port, sources[i % len(sources)], args.payload, args.send, deadline)

    results = await asyncio.gather(*(guarded(i) for i in range(args.connections)), return_exceptions=True)
    up = [r for r in results if not isinstance(r, BaseException)]
    errors = {}
    for r in results:
        if isinstance(r, BaseException):
            errors[type(r).__name__ + ": " + str(r)[:60]] = errors.get(type(r).__name__ + ": " + str(r)[:60], 0) + 1
    print(f"connections up and holding an unfinished frame: {len(up)} of {args.connections}"
          + (f"; errors {errors}" if errors else ""), flush=True)
    await asyncio.sleep(args.hold)
    peak = sampler.sample("peak")
    for _, writer in up:
        writer.transport.abort()  # a reset, as a crowd of vanishing clients would leave
    return len(up), peak


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--pid", type=int, required=True, help="the daemon's pid (for /proc/PID/status and jcmd)")
    p.add_argument("--connections", type=int, default=3000)
    p.add_argument("--payload", type=int, default=128 * 1024, help="declared frame payload length, bytes")
    p.add_argument("--send", type=int, default=100 * 1024, help="payload bytes actually sent, bytes")
    p.add_argument("--hold", type=float, default=5, help="seconds to hold once all are up")
    p.add_argument("--after", type=float, default=180, help="seconds to keep sampling after the close")
    p.add_argument("--every", type=float, default=15, help="seconds between samples after the close")
    p.add_argument("--source-addresses", type=int, default=1, help="bind to 127.0.0.1..127.0.0.N in turn")
    p.add_argument("--connect-deadline", type=float, default=60)
    p.add_argument("--no-burst", action="store_true", help="only sample (e.g. after scripts/load.sh)")
    p.add_argument("--jcmd", action="store_true", help="also sample the heap and NMT 'Other' with jcmd")
    args = p.parse_args()
    if not ipaddress.ip_address(args.host).is_loopback:
        sys.exit("memory-after-load: only 127.0.0.0/8 targets")
    if not 1 <= args.connections <= 20000 or args.send > args.payload or args.after > 900:
        sys.exit("memory-after-load: connections 1..20000, send <= payload, after <= 900 s")

    sampler = Sampler(args.pid, args.jcmd)
    base = sampler.sample("baseline")
    up, peak = (0, base) if args.no_burst else asyncio.run(burst(args, sampler))
    end = time.monotonic() + args.after
    last = sampler.sample("closed")
    while time.monotonic() < end:
        time.sleep(min(args.every, max(0, end - time.monotonic())))
        last = sampler.sample("after")
    print("SUMMARY " + json.dumps({"connections": up, "baselineRssMiB": base["rssMiB"], "peakRssMiB": peak["rssMiB"],
                                   "finalRssMiB": last["rssMiB"], "aboveBaselineMiB": round(last["rssMiB"] - base["rssMiB"], 1),
                                   "samples": sampler.rows}))


if __name__ == "__main__":
    main()
