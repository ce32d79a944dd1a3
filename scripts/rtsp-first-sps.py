#!/usr/bin/env python3
"""Floor of the mid-GOP benchmark (make bench, scripts/bench-live.sh): the time from sending PLAY
to the first H.264 SPS (NAL type 7) or H.265 SPS (type 33) on the wire, over RTSP/TCP interleaved,
with the least a client can do (DESCRIBE, SETUP of the first video track, PLAY; no authentication).
Prints seconds. Loopback only. Usage: rtsp-first-sps.py rtsp://127.0.0.1:PORT/PATH [TIMEOUT]"""
import socket
import sys
import time
from urllib.parse import urlsplit

url = sys.argv[1]
limit = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
parts = urlsplit(url)
if parts.hostname not in ("127.0.0.1", "::1", "localhost") and not parts.hostname.startswith("127."):
    sys.exit("loopback addresses only")
sock = socket.create_connection((parts.hostname, parts.port or 554), timeout=limit)
buffer = b""
cseq = 0


def request(method, target, extra=""):
    global cseq, buffer
    cseq += 1
    sock.sendall(f"{method} {target} RTSP/1.0\r\nCSeq: {cseq}\r\n{extra}\r\n".encode())
    while b"\r\n\r\n" not in buffer:
        buffer += sock.recv(65536)
    head, _, buffer = buffer.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(buffer) < length:
        buffer += sock.recv(65536)
    body, buffer = buffer[:length], buffer[length:]
    return head.decode("latin-1").split("\r\n")[0], headers, body.decode("latin-1")


status, headers, sdp = request("DESCRIBE", url, "Accept: application/sdp\r\n")
if " 200 " not in status:
    sys.exit(f"DESCRIBE: {status}")
base = headers.get("content-base", url)
control, codec, in_video = None, None, False
for line in sdp.splitlines():
    if line.startswith("m="):
        in_video = line.startswith("m=video")
    elif in_video and line.startswith("a=control:") and control is None:
        control = line[len("a=control:"):]
    elif in_video and line.startswith("a=rtpmap:") and codec is None:
        codec = "h265" if "H265" in line.upper() else "h264"
if control is None:
    sys.exit("no video track")
track = control if control.startswith("rtsp://") else base.rstrip("/") + "/" + control
status, headers, _ = request("SETUP", track, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n")
session = headers.get("session", "").split(";")[0]
started = time.monotonic()
status, _, _ = request("PLAY", url, f"Session: {session}\r\nRange: npt=0.000-\r\n")


def is_sps(payload):
    if codec == "h264":
        kind = payload[0] & 0x1F
        if kind == 28 and len(payload) > 1:  # FU-A: the start fragment carries the type
            return (payload[1] & 0x80) and (payload[1] & 0x1F) == 7
        if kind == 24:  # STAP-A
            offset = 1
            while offset + 2 < len(payload):
                size = int.from_bytes(payload[offset:offset + 2], "big")
                if payload[offset + 2] & 0x1F == 7:
                    return True
                offset += 2 + size
            return False
        return kind == 7
    kind = (payload[0] >> 1) & 0x3F
    if kind == 49 and len(payload) > 2:  # FU
        return (payload[2] & 0x80) and (payload[2] & 0x3F) == 33
    if kind == 48:  # AP
        offset = 2
        while offset + 3 < len(payload):
            size = int.from_bytes(payload[offset:offset + 2], "big")
            if (payload[offset + 2] >> 1) & 0x3F == 33:
                return True
            offset += 2 + size
        return False
    return kind == 33


while time.monotonic() - started < limit:
    while len(buffer) < 4:
        buffer += sock.recv(65536)
    if buffer[0] != 0x24:  # an RTSP message in between: skip to the next '$'
        index = buffer.find(b"$", 1)
        buffer = buffer[index:] if index >= 0 else b""
        continue
    channel, size = buffer[1], int.from_bytes(buffer[2:4], "big")
    while len(buffer) < 4 + size:
        buffer += sock.recv(65536)
    packet, buffer = buffer[4:4 + size], buffer[4 + size:]
    if channel != 0 or len(packet) < 13:
        continue
    header = 12 + 4 * (packet[0] & 0x0F)
    if packet[0] & 0x10 and len(packet) >= header + 4:
        header += 4 + 4 * int.from_bytes(packet[header + 2:header + 4], "big")
    if header < len(packet) and is_sps(packet[header:]):
        print(f"{time.monotonic() - started:.4f}")
        request("TEARDOWN", url, f"Session: {session}\r\n")
        sys.exit(0)
sys.exit("no SPS before the timeout")
