internal import CFFmpeg
import CamprintCodecs
import CamprintWire

/// The packet loop: `av_read_frame` until the stop conditions hold, the input ends, a limit is
/// reached or the deadline passes.
struct PacketReader {
    let session: ProbeSession
    let context: UnsafeMutablePointer<AVFormatContext>
    private(set) var tallies: [Int: StreamTally] = [:]
    private var collectedBytes = 0

    init(session: ProbeSession, context: UnsafeMutablePointer<AVFormatContext>) {
        self.session = session
        self.context = context
    }

    mutating func read(into result: inout MediaProbeResult) {
        let limits = session.options.limits
        guard let video = Self.firstVideoStream(context) else {
            result.stopReason = .noVideoStream
            return
        }
        result.videoStreamIndex = video.index
        let codec = Self.parameterSetCodec(video.parameters.pointee.codec_id)
        var lengthSize = codec.flatMap {
            ParameterSetScan.lengthSize(extradata: Self.extradata(video.parameters), codec: $0)
        }
        var allocated = cffmpeg_av_packet_alloc()
        defer { cffmpeg_av_packet_free(&allocated) }
        guard let packet = allocated else {
            result.failure = .ffmpeg(FFmpegError(function: "av_packet_alloc", code: 0, message: "out of memory"))
            return
        }
        while true {
            if session.interrupt.shouldAbort {
                result.failure = session.failure(function: "av_read_frame", code: cffmpeg_averror_exit(), phase: .read)
                return
            }
            if result.packetsRead >= limits.maximumPacketsRead {
                result.stopReason = .packetLimit
                return
            }
            let status = cffmpeg_av_read_frame(context, packet)
            if status == cffmpeg_averror_eagain() { continue }
            if status == cffmpeg_averror_eof() {
                result.stopReason = .endOfInput
                return
            }
            if status < 0 {
                result.failure = session.failure(function: "av_read_frame", code: status, phase: .read)
                return
            }
            defer { cffmpeg_av_packet_unref(packet) }
            result.packetsRead += 1
            if result.timings.firstPacket == nil { result.timings.firstPacket = session.elapsedMilliseconds() }
            let index = Int(packet.pointee.stream_index)
            let isKeyframe = packet.pointee.flags & AV_PKT_FLAG_KEY != 0
            let timestamp = Self.timestamp(packet)
            if index < limits.maximumStreams {
                tallies[index, default: StreamTally()].record(
                    size: Int(packet.pointee.size),
                    timestamp: timestamp,
                    duration: packet.pointee.duration,
                    isKeyframe: isKeyframe,
                    maximumTimestamps: limits.maximumTimestamps
                )
            }
            guard index == video.index else { continue }
            if result.timings.firstVideoPacket == nil {
                result.timings.firstVideoPacket = session.elapsedMilliseconds()
            }
            if isKeyframe, result.timings.firstKeyframe == nil {
                result.timings.firstKeyframe = session.elapsedMilliseconds()
            }
            let bytes = Self.bytes(of: packet)
            if lengthSize == nil, let codec {  // extradata may arrive late (side data, parser)
                lengthSize = ParameterSetScan.lengthSize(extradata: Self.extradata(video.parameters), codec: codec)
            }
            if let codec, !result.inBandParameterSets {
                result.inBandParameterSets = bytes.withUnsafeBufferPointer {
                    ParameterSetScan.containsParameterSet($0, codec: codec, lengthSize: lengthSize)
                }
            }
            if result.videoPackets.count < limits.maximumCollectedPackets,
                collectedBytes + bytes.count <= limits.maximumCollectedBytes
            {
                collectedBytes += bytes.count
                result.videoPackets.append(
                    MediaPacket(
                        streamIndex: index,
                        pts: Self.optional(packet.pointee.pts),
                        dts: Self.optional(packet.pointee.dts),
                        isKeyframe: isKeyframe,
                        data: HexBytes(bytes)
                    )
                )
            }
            if stopConditionsHold(video: video, result: result) {
                result.stopReason = .conditionsMet
                return
            }
        }
    }

    private func stopConditionsHold(
        video: (index: Int, parameters: UnsafeMutablePointer<AVCodecParameters>),
        result: MediaProbeResult
    ) -> Bool {
        let conditions = session.options.stopConditions
        let tally = tallies[video.index] ?? StreamTally()
        if conditions.parameterSets, video.parameters.pointee.extradata_size <= 0, !result.inBandParameterSets {
            return false
        }
        if conditions.keyframe, tally.keyframes < 1 { return false }
        if conditions.secondKeyframe, !tally.gopIsKnown { return false }
        if conditions.frameRate, !frameRateIsKnown(video: video, tally: tally) { return false }
        let window = ProbeSession.microseconds(session.options.sampleWindow)
        if window > 0 {
            guard let stream = context.pointee.streams[video.index] else { return true }
            let timeBase = stream.pointee.time_base
            let covered = Double(tally.timestampRange) * Double(timeBase.num) / Double(max(timeBase.den, 1))
            if covered * 1_000_000 < Double(window) { return false }
        }
        return true
    }

    private func frameRateIsKnown(
        video: (index: Int, parameters: UnsafeMutablePointer<AVCodecParameters>),
        tally: StreamTally
    ) -> Bool {
        if let stream = context.pointee.streams[video.index], stream.pointee.avg_frame_rate.num > 0,
            stream.pointee.avg_frame_rate.den > 0
        {
            return true
        }
        // Raw Annex B has no timestamps at all: nothing more to wait for.
        if !tally.sawTimestamp, tally.packets >= session.options.limits.frameRateTimestamps { return true }
        return Set(tally.timestamps).count >= session.options.limits.frameRateTimestamps
    }

    static func firstVideoStream(_ context: UnsafeMutablePointer<AVFormatContext>) -> (
        index: Int, parameters: UnsafeMutablePointer<AVCodecParameters>
    )? {
        for index in 0..<Int(context.pointee.nb_streams) {
            if let parameters = context.pointee.streams[index]?.pointee.codecpar,
                parameters.pointee.codec_type == AVMEDIA_TYPE_VIDEO
            {
                return (index, parameters)
            }
        }
        return nil
    }

    static func parameterSetCodec(_ id: AVCodecID) -> VideoCodec? {
        switch id {
        case AV_CODEC_ID_H264: .h264
        case AV_CODEC_ID_HEVC: .h265
        default: nil
        }
    }

    static func extradata(_ parameters: UnsafePointer<AVCodecParameters>) -> [UInt8] {
        let size = Int(parameters.pointee.extradata_size)
        guard size > 0, let data = parameters.pointee.extradata else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    static func bytes(of packet: UnsafeMutablePointer<AVPacket>) -> [UInt8] {
        let size = Int(packet.pointee.size)
        guard size > 0, let data = packet.pointee.data else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    static func optional(_ value: Int64) -> Int64? { value == cffmpeg_nopts_value() ? nil : value }

    static func timestamp(_ packet: UnsafeMutablePointer<AVPacket>) -> Int64? {
        optional(packet.pointee.pts) ?? optional(packet.pointee.dts)
    }
}
