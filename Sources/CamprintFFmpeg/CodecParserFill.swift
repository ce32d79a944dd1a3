internal import CFFmpeg
import CamprintWire

/// Width, height, profile and level of a video stream whose codec parameters the demuxer has
/// not filled (RTSP without `avformat_find_stream_info`): FFmpeg's own bitstream parser
/// (`av_parser_parse2`) is run over the collected packets, with the stream's extradata.
enum CodecParserFill {
    struct Values {
        var width: Int?
        var height: Int?
        var profile: Int?
        var level: Int?
    }

    static let unknown: Int32 = -99  // FF_PROFILE_UNKNOWN, FF_LEVEL_UNKNOWN

    static func values(codecParameters: UnsafePointer<AVCodecParameters>, packets: [MediaPacket]) -> Values? {
        guard !packets.isEmpty,
            let parser = cffmpeg_av_parser_init(Int32(bitPattern: codecParameters.pointee.codec_id.rawValue))
        else { return nil }
        defer { cffmpeg_av_parser_close(parser) }
        var codecContext = cffmpeg_avcodec_alloc_context3(nil)
        defer { cffmpeg_avcodec_free_context(&codecContext) }
        guard let codecContext, cffmpeg_avcodec_parameters_to_context(codecContext, codecParameters) >= 0 else {
            return nil
        }
        parser.pointee.flags |= PARSER_FLAG_COMPLETE_FRAMES
        var values = Values()
        for packet in packets {
            packet.data.bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var output: UnsafeMutablePointer<UInt8>?
                var outputSize: Int32 = 0
                _ = cffmpeg_av_parser_parse2(
                    parser,
                    codecContext,
                    &output,
                    &outputSize,
                    base,
                    Int32(clamping: buffer.count),
                    cffmpeg_nopts_value(),
                    cffmpeg_nopts_value(),
                    0
                )
            }
            if parser.pointee.width > 0, parser.pointee.height > 0 {
                values.width = Int(parser.pointee.width)
                values.height = Int(parser.pointee.height)
            }
            if codecContext.pointee.profile != unknown { values.profile = Int(codecContext.pointee.profile) }
            if codecContext.pointee.level != unknown { values.level = Int(codecContext.pointee.level) }
            if values.width != nil, values.profile != nil, values.level != nil { break }
        }
        return values
    }
}
