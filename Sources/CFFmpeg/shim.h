// CFFmpeg: the FFmpeg 5.x headers camprint uses, plus static inline wrappers for the
// function-like macros Swift cannot import (AVERROR(e), AVERROR_EOF, AV_NOPTS_VALUE, ...).
// Headers are found through `pkg-config --cflags libavformat`.
#ifndef CAMPRINT_CFFMPEG_SHIM_H
#define CAMPRINT_CFFMPEG_SHIM_H

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/time.h>

/// AVERROR(errno) for a POSIX errno value.
static inline int cffmpeg_averror(int posixError) { return AVERROR(posixError); }
static inline int cffmpeg_averror_eof(void) { return AVERROR_EOF; }
static inline int cffmpeg_averror_exit(void) { return AVERROR_EXIT; }
static inline int cffmpeg_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }
static inline int cffmpeg_averror_eagain(void) { return AVERROR(EAGAIN); }
static inline int64_t cffmpeg_nopts_value(void) { return AV_NOPTS_VALUE; }

/// av_err2str without the compound literal: writes into `buffer` and returns it.
static inline const char *cffmpeg_err2str(int code, char *buffer, size_t size) {
    return av_make_error_string(buffer, size, code);
}

/// Names the calling thread (at most 15 bytes; leak checks count threads by name). glibc
/// declares pthread_setname_np only under _GNU_SOURCE, which the module map does not set.
extern int pthread_setname_np(pthread_t thread, const char *name);
static inline int cffmpeg_set_thread_name(const char *name) { return pthread_setname_np(pthread_self(), name); }

#endif
