// CFFmpeg: the FFmpeg 5.x headers camprint uses, static inline wrappers for the function-like
// macros Swift cannot import (AVERROR(e), AVERROR_EOF, AV_NOPTS_VALUE, ...), and the libav
// functions camprint calls, reached through libraries loaded at run time (runtime.c).
//
// camprint does not link libavformat/libavcodec/libavutil: their dependency chain (about 150
// shared libraries on Debian 12) costs ~24 MB of resident memory in every process that maps
// it, and the control plane and the agent without media never need it. cffmpeg_load() opens
// the libraries on first use; every cffmpeg_* function below requires it to have succeeded.
// Headers come from the default include path (Debian: /usr/include/<multiarch>, package
// libavformat-dev); the libraries loaded are the sonames of those headers' major versions.
#ifndef CAMPRINT_CFFMPEG_SHIM_H
#define CAMPRINT_CFFMPEG_SHIM_H

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
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

/// Names the calling thread (at most 15 bytes; leak checks count threads by name). glibc
/// declares pthread_setname_np only under _GNU_SOURCE.
extern int pthread_setname_np(pthread_t thread, const char *name);
static inline int cffmpeg_set_thread_name(const char *name) { return pthread_setname_np(pthread_self(), name); }

// MARK: Loading

/// Opens libavutil, libavcodec and libavformat (once per process, thread-safe) and resolves the
/// functions below. Returns 1 on success; 0 with dlopen's/dlsym's message on failure (the same
/// message on every later call).
int cffmpeg_load(const char **message);

/// The sonames cffmpeg_load() opens, space-separated, for messages ("libavformat.so.59 ...").
const char *cffmpeg_library_names(void);

// MARK: libavutil

int64_t cffmpeg_av_gettime_relative(void);
void cffmpeg_av_log_set_callback(void (*callback)(void *, int, const char *, va_list));
int cffmpeg_av_dict_set(AVDictionary **dictionary, const char *key, const char *value, int flags);
AVDictionaryEntry *cffmpeg_av_dict_get(
    const AVDictionary *dictionary, const char *key, const AVDictionaryEntry *previous, int flags);
void cffmpeg_av_dict_free(AVDictionary **dictionary);
/// av_err2str without the compound literal: writes into `buffer` and returns it.
const char *cffmpeg_err2str(int code, char *buffer, size_t size);

// MARK: libavcodec

const char *cffmpeg_avcodec_get_name(enum AVCodecID id);
const char *cffmpeg_avcodec_profile_name(enum AVCodecID id, int profile);
AVCodecContext *cffmpeg_avcodec_alloc_context3(const AVCodec *codec);
void cffmpeg_avcodec_free_context(AVCodecContext **context);
int cffmpeg_avcodec_parameters_to_context(AVCodecContext *context, const AVCodecParameters *parameters);
AVCodecParserContext *cffmpeg_av_parser_init(int codecID);
int cffmpeg_av_parser_parse2(
    AVCodecParserContext *parser, AVCodecContext *context, uint8_t **output, int *outputSize,
    const uint8_t *input, int inputSize, int64_t pts, int64_t dts, int64_t position);
void cffmpeg_av_parser_close(AVCodecParserContext *parser);
AVPacket *cffmpeg_av_packet_alloc(void);
void cffmpeg_av_packet_free(AVPacket **packet);
void cffmpeg_av_packet_unref(AVPacket *packet);

// MARK: libavformat

AVFormatContext *cffmpeg_avformat_alloc_context(void);
int cffmpeg_avformat_open_input(
    AVFormatContext **context, const char *url, const AVInputFormat *format, AVDictionary **options);
int cffmpeg_avformat_find_stream_info(AVFormatContext *context, AVDictionary **options);
void cffmpeg_avformat_close_input(AVFormatContext **context);
int cffmpeg_av_read_frame(AVFormatContext *context, AVPacket *packet);

#endif
