#!/bin/sh
# Generates small synthetic test clips into Samples/media/ with ffmpeg (testsrc2 pattern, our own
# content): H.264 and H.265 raw Annex B, 640x360 and 1920x1080, GOP of 1, 2 and 4 seconds,
# 25 fps, no B-frames in the raw files (camprint-testcam sends raw Annex B in file order), plus an
# .mp4 with a silent AAC track and an .mp4 with B-frames (pts-ordered RTP timestamps).
# Usage: scripts/make-sample-media.sh [SECONDS]   (default 4)
set -eu
seconds="${1:-4}"
out="$(dirname "$0")/../Samples/media"
mkdir -p "$out"
command -v ffmpeg >/dev/null || { echo "ffmpeg not found" >&2; exit 1; }
fps=25
for size in 640x360 1920x1080; do
    for gop in 1 2 4; do
        g=$((gop * fps))
        ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=$size:rate=$fps" -t "$seconds" \
            -c:v libx264 -profile:v main -preset veryfast -bf 0 -g "$g" -keyint_min "$g" -sc_threshold 0 \
            -pix_fmt yuv420p -b:v 400k -f h264 "$out/h264_${size}_gop${gop}.h264"
        ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=$size:rate=$fps" -t "$seconds" \
            -c:v libx265 -preset veryfast -pix_fmt yuv420p -b:v 300k \
            -x265-params "bframes=0:keyint=$g:min-keyint=$g:scenecut=0:log-level=error" \
            -f hevc "$out/h265_${size}_gop${gop}.h265"
    done
done
# With audio (mp4): H.264 640x360 GOP 2 s + AAC 16 kHz mono silence.
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=640x360:rate=$fps" -f lavfi -i "anullsrc=r=16000:cl=mono" \
    -t "$seconds" -c:v libx264 -preset veryfast -bf 0 -g $((2 * fps)) -sc_threshold 0 -pix_fmt yuv420p -b:v 400k \
    -c:a aac -b:a 16k -shortest "$out/h264_640x360_gop2_aac.mp4"
# B-frames (mp4 keeps the pts the emulator needs for presentation-order RTP timestamps).
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=640x360:rate=$fps" -t "$seconds" \
    -c:v libx264 -preset veryfast -bf 2 -g "$fps" -keyint_min "$fps" -sc_threshold 0 -pix_fmt yuv420p -b:v 400k \
    "$out/h264_640x360_gop1_bframes.mp4"
ls -l "$out"
