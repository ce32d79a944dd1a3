// Loads FFmpeg's libraries at run time and forwards the cffmpeg_* functions of shim.h to them.
// See shim.h for why camprint does not link them.
#include "shim.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CFFMPEG_STRINGIFY2(x) #x
#define CFFMPEG_STRINGIFY(x) CFFMPEG_STRINGIFY2(x)
#define CFFMPEG_AVUTIL "libavutil.so." CFFMPEG_STRINGIFY(LIBAVUTIL_VERSION_MAJOR)
#define CFFMPEG_AVCODEC "libavcodec.so." CFFMPEG_STRINGIFY(LIBAVCODEC_VERSION_MAJOR)
#define CFFMPEG_AVFORMAT "libavformat.so." CFFMPEG_STRINGIFY(LIBAVFORMAT_VERSION_MAJOR)

// Each function's pointer has the type of its prototype in FFmpeg's headers (__typeof__ does
// not reference the symbol, so nothing is linked).
#define CFFMPEG_FUNCTIONS(F)                                                                                 \
    F(avutil, av_gettime_relative)                                                                           \
    F(avutil, av_log_set_callback)                                                                           \
    F(avutil, av_dict_set)                                                                                   \
    F(avutil, av_dict_get)                                                                                   \
    F(avutil, av_dict_free)                                                                                  \
    F(avutil, av_strerror)                                                                                   \
    F(avcodec, avcodec_get_name)                                                                             \
    F(avcodec, avcodec_profile_name)                                                                         \
    F(avcodec, avcodec_alloc_context3)                                                                       \
    F(avcodec, avcodec_free_context)                                                                         \
    F(avcodec, avcodec_parameters_to_context)                                                                \
    F(avcodec, av_parser_init)                                                                               \
    F(avcodec, av_parser_parse2)                                                                             \
    F(avcodec, av_parser_close)                                                                              \
    F(avcodec, av_packet_alloc)                                                                              \
    F(avcodec, av_packet_free)                                                                               \
    F(avcodec, av_packet_unref)                                                                              \
    F(avformat, avformat_alloc_context)                                                                      \
    F(avformat, avformat_open_input)                                                                         \
    F(avformat, avformat_find_stream_info)                                                                   \
    F(avformat, avformat_close_input)                                                                        \
    F(avformat, av_read_frame)

#define CFFMPEG_POINTER(library, name) static __typeof__(name) *p_##name;
CFFMPEG_FUNCTIONS(CFFMPEG_POINTER)

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_error[512];

static void *open_library(const char *soname) {
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error, "%s", reason ? reason : soname);
    }
    return handle;
}

static void load_libraries(void) {
    // Dependencies first; RTLD_LOCAL keeps FFmpeg's symbols out of the global scope.
    void *avutil = open_library(CFFMPEG_AVUTIL);
    if (avutil == NULL) return;
    void *avcodec = open_library(CFFMPEG_AVCODEC);
    if (avcodec == NULL) return;
    void *avformat = open_library(CFFMPEG_AVFORMAT);
    if (avformat == NULL) return;
#define CFFMPEG_RESOLVE(library, name)                                                                       \
    p_##name = (__typeof__(name) *)dlsym(library, #name);                                                    \
    if (p_##name == NULL) {                                                                                  \
        snprintf(load_error, sizeof load_error, "%s: no symbol %s", CFFMPEG_STRINGIFY(library), #name);       \
        return;                                                                                              \
    }
    CFFMPEG_FUNCTIONS(CFFMPEG_RESOLVE)
#undef CFFMPEG_RESOLVE
    loaded = 1;
}

int cffmpeg_load(const char **message) {
    pthread_once(&load_once, load_libraries);
    if (!loaded && message != NULL) *message = load_error;
    return loaded;
}

const char *cffmpeg_library_names(void) { return CFFMPEG_AVUTIL " " CFFMPEG_AVCODEC " " CFFMPEG_AVFORMAT; }

/// A cffmpeg_* call before a successful cffmpeg_load() is a programming error in camprint.
static void require_loaded(const char *function) {
    if (!loaded) {
        fprintf(stderr, "camprint: %s called before FFmpeg was loaded\n", function);
        abort();
    }
}

#define CALL(name, ...) (require_loaded(#name), p_##name(__VA_ARGS__))

int64_t cffmpeg_av_gettime_relative(void) {
    require_loaded("av_gettime_relative");
    return p_av_gettime_relative();
}

void cffmpeg_av_log_set_callback(void (*callback)(void *, int, const char *, va_list)) {
    CALL(av_log_set_callback, callback);
}

int cffmpeg_av_dict_set(AVDictionary **dictionary, const char *key, const char *value, int flags) {
    return CALL(av_dict_set, dictionary, key, value, flags);
}

AVDictionaryEntry *cffmpeg_av_dict_get(
    const AVDictionary *dictionary, const char *key, const AVDictionaryEntry *previous, int flags) {
    return CALL(av_dict_get, dictionary, key, previous, flags);
}

void cffmpeg_av_dict_free(AVDictionary **dictionary) { CALL(av_dict_free, dictionary); }

const char *cffmpeg_err2str(int code, char *buffer, size_t size) {
    if (CALL(av_strerror, code, buffer, size) < 0 && size > 0) snprintf(buffer, size, "error %d", code);
    return buffer;
}

const char *cffmpeg_avcodec_get_name(enum AVCodecID id) { return CALL(avcodec_get_name, id); }

const char *cffmpeg_avcodec_profile_name(enum AVCodecID id, int profile) {
    return CALL(avcodec_profile_name, id, profile);
}

AVCodecContext *cffmpeg_avcodec_alloc_context3(const AVCodec *codec) { return CALL(avcodec_alloc_context3, codec); }

void cffmpeg_avcodec_free_context(AVCodecContext **context) { CALL(avcodec_free_context, context); }

int cffmpeg_avcodec_parameters_to_context(AVCodecContext *context, const AVCodecParameters *parameters) {
    return CALL(avcodec_parameters_to_context, context, parameters);
}

AVCodecParserContext *cffmpeg_av_parser_init(int codecID) { return CALL(av_parser_init, codecID); }

int cffmpeg_av_parser_parse2(
    AVCodecParserContext *parser, AVCodecContext *context, uint8_t **output, int *outputSize,
    const uint8_t *input, int inputSize, int64_t pts, int64_t dts, int64_t position) {
    return CALL(av_parser_parse2, parser, context, output, outputSize, input, inputSize, pts, dts, position);
}

void cffmpeg_av_parser_close(AVCodecParserContext *parser) { CALL(av_parser_close, parser); }

AVPacket *cffmpeg_av_packet_alloc(void) {
    require_loaded("av_packet_alloc");
    return p_av_packet_alloc();
}

void cffmpeg_av_packet_free(AVPacket **packet) { CALL(av_packet_free, packet); }

void cffmpeg_av_packet_unref(AVPacket *packet) { CALL(av_packet_unref, packet); }

AVFormatContext *cffmpeg_avformat_alloc_context(void) {
    require_loaded("avformat_alloc_context");
    return p_avformat_alloc_context();
}

int cffmpeg_avformat_open_input(
    AVFormatContext **context, const char *url, const AVInputFormat *format, AVDictionary **options) {
    return CALL(avformat_open_input, context, url, format, options);
}

int cffmpeg_avformat_find_stream_info(AVFormatContext *context, AVDictionary **options) {
    return CALL(avformat_find_stream_info, context, options);
}

void cffmpeg_avformat_close_input(AVFormatContext **context) { CALL(avformat_close_input, context); }

int cffmpeg_av_read_frame(AVFormatContext *context, AVPacket *packet) { return CALL(av_read_frame, context, packet); }
