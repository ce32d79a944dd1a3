internal import CFFmpeg
public import CamprintCodecs

/// Reads the first video stream of a local media file (mp4, mkv, MPEG-TS, raw Annex B, …) with
/// libavformat into memory: one ``DemuxedVideo/Packet`` per access unit in decode order, with
/// its pts/dts (in the stream's time base) and keyframe flag, plus the codec extradata (an
/// avcC/hvcC record for mp4/mkv, Annex B parameter sets or nothing for TS). Blocking; for the
/// camera emulator, which reads its media once at start.
public enum MediaFileDemuxer {
    /// Bounds on what is read into memory.
    public struct Limits: Sendable, Hashable {
        public var maximumPackets: Int
        public var maximumBytes: Int

        public init(maximumPackets: Int, maximumBytes: Int) {
            self.maximumPackets = maximumPackets
            self.maximumBytes = maximumBytes
        }

        public static let `default` = Limits(maximumPackets: 100_000, maximumBytes: 512 << 20)
    }

    /// Reads `path` (a local file; URLs are refused) whole. Throws when libavformat cannot open or
    /// read it, when it has no H.264/H.265 video stream, or past `limits`.
    public static func read(path: String, limits: Limits = .default) throws(FFmpegError) -> DemuxedVideo {
        // Local files only: a URL would make libavformat open a network connection with no deadline.
        guard !path.contains("://") else {
            throw FFmpegError(function: "avformat_open_input", code: 0, message: "not a local file")
        }
        if let unavailable = FFmpegRuntime.load() { throw unavailable }
        var context: UnsafeMutablePointer<AVFormatContext>?
        var dictionary: OpaquePointer?
        for (key, value) in ProbeSession.localFileOptions { cffmpeg_av_dict_set(&dictionary, key, value, 0) }
        let opened = cffmpeg_avformat_open_input(&context, path, nil, &dictionary)
        cffmpeg_av_dict_free(&dictionary)
        guard opened >= 0, let context else { throw error("avformat_open_input", opened) }
        defer {
            var closing: UnsafeMutablePointer<AVFormatContext>? = context
            cffmpeg_avformat_close_input(&closing)
        }
        let analysed = cffmpeg_avformat_find_stream_info(context, nil)
        guard analysed >= 0 else { throw error("avformat_find_stream_info", analysed) }
        guard let video = PacketReader.firstVideoStream(context), let stream = context.pointee.streams[video.index]
        else {
            throw FFmpegError(function: "avformat_find_stream_info", code: 0, message: "no video stream")
        }
        let parameters = video.parameters.pointee
        let codec: VideoCodec
        switch parameters.codec_id {
        case AV_CODEC_ID_H264: codec = .h264
        case AV_CODEC_ID_HEVC: codec = .h265
        default:
            let name = String(cString: cffmpeg_avcodec_get_name(parameters.codec_id))
            throw FFmpegError(function: "avformat_find_stream_info", code: 0, message: "unsupported codec \(name)")
        }
        let timeBase = stream.pointee.time_base
        let rate = stream.pointee.avg_frame_rate.num > 0 ? stream.pointee.avg_frame_rate : stream.pointee.r_frame_rate
        var result = DemuxedVideo(
            codec: codec,
            extradata: PacketReader.extradata(video.parameters),
            timeBaseNumerator: Int(timeBase.num),
            timeBaseDenominator: Int(max(timeBase.den, 1)),
            frameRate: rate.num > 0 && rate.den > 0 ? Double(rate.num) / Double(rate.den) : nil,
            width: Int(parameters.width),
            height: Int(parameters.height),
            packets: []
        )
        var allocated = cffmpeg_av_packet_alloc()
        defer { cffmpeg_av_packet_free(&allocated) }
        guard let packet = allocated else {
            throw FFmpegError(function: "av_packet_alloc", code: 0, message: "out of memory")
        }
        var bytes = 0
        while true {
            let status = cffmpeg_av_read_frame(context, packet)
            if status == cffmpeg_averror_eagain() { continue }
            if status == cffmpeg_averror_eof() { break }
            if status < 0 { throw error("av_read_frame", status) }
            defer { cffmpeg_av_packet_unref(packet) }
            guard Int(packet.pointee.stream_index) == video.index else { continue }
            let data = PacketReader.bytes(of: packet)
            bytes += data.count
            guard result.packets.count < limits.maximumPackets, bytes <= limits.maximumBytes else {
                throw FFmpegError(function: "av_read_frame", code: 0, message: "media larger than the read limits")
            }
            result.packets.append(
                DemuxedVideo.Packet(
                    pts: PacketReader.optional(packet.pointee.pts),
                    dts: PacketReader.optional(packet.pointee.dts),
                    isKeyframe: packet.pointee.flags & AV_PKT_FLAG_KEY != 0,
                    data: data
                )
            )
        }
        return result
    }

    private static func error(_ function: String, _ code: Int32) -> FFmpegError {
        FFmpegError(function: function, code: code, message: ProbeSession.message(for: code))
    }
}

/// The video elementary stream of a media file, as ``MediaFileDemuxer`` read it.
public struct DemuxedVideo: Sendable, Hashable {
    public struct Packet: Sendable, Hashable {
        /// Presentation and decode timestamps in the stream time base (`nil`: none in the file).
        public var pts: Int64?
        public var dts: Int64?
        public var isKeyframe: Bool
        /// The packet as the demuxer gives it: length-prefixed NAL units (mp4/mkv) or Annex B.
        public var data: [UInt8]
    }

    public var codec: VideoCodec
    /// avcC/hvcC record (first byte 1), Annex B parameter sets, or empty.
    public var extradata: [UInt8]
    public var timeBaseNumerator: Int
    public var timeBaseDenominator: Int
    public var frameRate: Double?
    public var width: Int
    public var height: Int
    /// In decode order.
    public var packets: [Packet]
}
