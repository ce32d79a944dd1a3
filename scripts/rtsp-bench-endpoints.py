#!/usr/bin/env python3
"""Minimal RTSP endpoints for `make bench` (control plane only): N loopback listeners that answer
OPTIONS with 200 and DESCRIBE with 200 + a fixed H.264 SDP, the way a camera's control plane does.
Written for camprint's benchmark; not a camera emulator.

    python3 scripts/rtsp-bench-endpoints.py --count 200

Prints `READY <port> <port> ...` on one line when listening; stops on SIGTERM/SIGINT.
"""

import argparse
import asyncio
import signal
import sys

SDP = (
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Media Presentation\r\nt=0 0\r\n"
    "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
    "a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z0IAKeKQFAe2AtwEBAaQeJEV,aM48gA==\r\n"
    "a=control:trackID=1\r\n"
)


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method = lines[0].split(" ", 1)[0]
            cseq = next((l.split(":", 1)[1].strip() for l in lines if l.lower().startswith("cseq:")), "0")
            if method == "DESCRIBE":
                body = SDP.encode()
                reply = (f"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nContent-Type: application/sdp\r\n"
                         f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            else:
                reply = f"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nPublic: OPTIONS, DESCRIBE\r\n\r\n".encode()
            writer.write(reply)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    servers = [await asyncio.start_server(handle, "127.0.0.1", 0, backlog=64) for _ in range(args.count)]
    ports = [s.sockets[0].getsockname()[1] for s in servers]
    print("READY " + " ".join(map(str, ports)), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for s in servers:
        s.close()


if __name__ == "__main__":
    asyncio.run(main())
