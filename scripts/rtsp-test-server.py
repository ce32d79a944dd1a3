#!/usr/bin/python3
"""RTSP test server for camprint: GStreamer's gst-rtsp-server serving media files.

An independent RTSP implementation to test camprint's media plane against. Run with
Debian's /usr/bin/python3 (it has `gi`); needs gir1.2-gst-rtsp-server-1.0 and the
GStreamer good/bad/ugly plugins (see scripts/install-deps.sh).

    /usr/bin/python3 scripts/rtsp-test-server.py [--port 0] [--user U --password-file F] FILE...

Each FILE (MP4 or Matroska, H.264 or H.265 video) is served at rtsp://127.0.0.1:PORT/<stem>,
where <stem> is the file name without its extension. Every client gets its own pipeline that
starts at the beginning of the file and loops are not done (the stream ends with the file).
Only loopback is bound. When listening, prints `READY <port>` on stdout (one line, flushed).
SIGTERM / SIGINT stop the server.
"""

import argparse
import os
import signal
import subprocess
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
gi.require_version("GstRtsp", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

DEMUXERS = {".mp4": "qtdemux", ".mov": "qtdemux", ".m4v": "qtdemux", ".mkv": "matroskademux"}
PAYLOADERS = {"h264": ("h264parse", "rtph264pay"), "hevc": ("h265parse", "rtph265pay")}


def video_codec(path):
    """The first video stream's codec name as ffprobe reports it (h264, hevc)."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name",
         "-of", "csv=p=0", path],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    return out.splitlines()[0] if out else ""


def launch_line(path):
    ext = os.path.splitext(path)[1].lower()
    demuxer = DEMUXERS.get(ext)
    if demuxer is None:
        raise SystemExit(f"unsupported container {ext!r} for {path} (use .mp4 or .mkv)")
    codec = video_codec(path)
    if codec not in PAYLOADERS:
        raise SystemExit(f"unsupported video codec {codec!r} in {path} (use H.264 or H.265)")
    parser, payloader = PAYLOADERS[codec]
    location = path.replace("\\", "\\\\").replace('"', '\\"')
    return (f'( filesrc location="{location}" ! {demuxer} ! queue ! {parser} config-interval=-1 '
            f'! {payloader} name=pay0 pt=96 )')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="MP4/MKV files with H.264 or H.265 video")
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0: ephemeral)")
    parser.add_argument("--user", help="require Digest authentication for this user")
    parser.add_argument("--password-file", help="file whose first line is the password (with --user)")
    parser.add_argument("--realm", default="camprint-test", help="Digest realm")
    args = parser.parse_args()
    if bool(args.user) != bool(args.password_file):
        parser.error("--user and --password-file go together")

    # A parent may have spawned us with signals blocked (posix_spawn inherits the mask).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    mounts = server.get_mount_points()

    auth = None
    if args.user:
        with open(args.password_file, encoding="utf-8") as handle:
            password = handle.readline().rstrip("\r\n")
        auth = GstRtspServer.RTSPAuth()
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        auth.set_realm(args.realm)
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "user")
        auth.add_digest(args.user, password, token)
        server.set_auth(auth)

    for path in args.files:
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(launch_line(os.path.abspath(path)))
        factory.set_shared(False)
        factory.set_protocols(GstRtsp.RTSPLowerTrans.TCP | GstRtsp.RTSPLowerTrans.UDP)
        if auth is not None:
            permissions = GstRtspServer.RTSPPermissions()
            permissions.add_permission_for_role("user", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
            permissions.add_permission_for_role("user", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
            factory.set_permissions(permissions)
        stem = os.path.splitext(os.path.basename(path))[0]
        mounts.add_factory("/" + stem, factory)

    if server.attach(None) == 0:
        raise SystemExit("could not bind 127.0.0.1:%d" % args.port)
    loop = GLib.MainLoop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, loop.quit)
    print(f"READY {server.get_bound_port()}", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
