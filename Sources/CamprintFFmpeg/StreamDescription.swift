internal import CFFmpeg
import CamprintWire

extension ProbeSession {
    /// One ``MediaStreamInfo`` per stream (bounded), from codec parameters, packet tallies and,
    /// for a video stream the demuxer left without dimensions, FFmpeg's parser over `packets`.
    func describeStreams(
        _ context: UnsafeMutablePointer<AVFormatContext>,
        tallies: [Int: StreamTally],
        packets: [MediaPacket]
    ) -> [MediaStreamInfo] {
        let limits = options.limits
        let count = min(Int(context.pointee.nb_streams), limits.maximumStreams)
        var streams: [MediaStreamInfo] = []
        for index in 0..<count {
            guard let stream = context.pointee.streams[index], let parameters = stream.pointee.codecpar else {
                continue
            }
            let codec = parameters.pointee
            let tally = tallies[index] ?? StreamTally()
            let timeBase = MediaRational(
                numerator: Int(stream.pointee.time_base.num),
                denominator: Int(stream.pointee.time_base.den)
            )
            var info = MediaStreamInfo(
                index: index,
                mediaType: Self.mediaType(codec.codec_type),
                codecName: String(cString: cffmpeg_avcodec_get_name(codec.codec_id)),
                codecID: Int(codec.codec_id.rawValue),
                profile: codec.profile == CodecParserFill.unknown ? nil : Int(codec.profile),
                profileName: nil,
                level: codec.level == CodecParserFill.unknown ? nil : Int(codec.level),
                width: codec.width > 0 ? Int(codec.width) : nil,
                height: codec.height > 0 ? Int(codec.height) : nil,
                timeBase: timeBase,
                frameRate: nil,
                frameRateSource: nil,
                bitRateEstimate: nil,
                declaredBitRate: codec.bit_rate > 0 ? Int(codec.bit_rate) : nil,
                extradata: HexBytes(PacketReader.extradata(parameters).prefix(limits.maximumExtradataBytes)),
                sampleRate: codec.sample_rate > 0 ? Int(codec.sample_rate) : nil,
                channels: codec.ch_layout.nb_channels > 0 ? Int(codec.ch_layout.nb_channels) : nil,
                packetsRead: tally.packets,
                bytesRead: tally.bytes,
                sampledSeconds: nil,
                keyframesRead: tally.keyframes,
                gopFrames: nil,
                gopSeconds: nil
            )
            if codec.codec_type == AVMEDIA_TYPE_VIDEO, info.width == nil || info.profile == nil || info.level == nil {
                let own = packets.filter { $0.streamIndex == index }
                if let parsed = CodecParserFill.values(codecParameters: parameters, packets: own) {
                    info.width = info.width ?? parsed.width
                    info.height = info.height ?? parsed.height
                    info.profile = info.profile ?? parsed.profile
                    info.level = info.level ?? parsed.level
                }
            }
            if let profile = info.profile, let name = cffmpeg_avcodec_profile_name(codec.codec_id, Int32(profile)) {
                info.profileName = String(cString: name)
            }
            let seconds = { (units: Int64) in Double(units) * timeBase.value }
            if codec.codec_type == AVMEDIA_TYPE_VIDEO {
                let average = stream.pointee.avg_frame_rate
                if average.num > 0, average.den > 0 {
                    info.frameRate = MediaRational(numerator: Int(average.num), denominator: Int(average.den))
                    info.frameRateSource = .container
                } else if let spacing = tally.medianSpacing, spacing > 0, timeBase.numerator > 0 {
                    info.frameRate = Self.reduced(
                        numerator: Int64(timeBase.denominator),
                        denominator: spacing * Int64(timeBase.numerator)
                    )
                    info.frameRateSource = .packetTimestamps
                }
                // From presentation timestamps when there are any (decode order puts an open GOP's
                // leading pictures after the second keyframe); else packets in decode order.
                info.gopFrames = tally.gopFrames
                if let interval = tally.keyframeInterval {
                    info.gopSeconds = seconds(interval)
                    if let spacing = tally.medianSpacing, spacing > 0 {
                        info.gopFrames = Int((Double(interval) / Double(spacing)).rounded())
                    }
                }
            }
            if let span = tally.span, span > 0 {
                info.sampledSeconds = seconds(span)
                info.bitRateEstimate = Int((Double(tally.bytes * 8) / seconds(span)).rounded())
            }
            streams.append(info)
        }
        return streams
    }

    static func mediaType(_ type: AVMediaType) -> MediaType {
        switch type {
        case AVMEDIA_TYPE_VIDEO: .video
        case AVMEDIA_TYPE_AUDIO: .audio
        case AVMEDIA_TYPE_DATA: .data
        case AVMEDIA_TYPE_SUBTITLE: .subtitle
        case AVMEDIA_TYPE_ATTACHMENT: .attachment
        default: .unknown
        }
    }

    static func reduced(numerator: Int64, denominator: Int64) -> MediaRational {
        var a = numerator
        var b = denominator
        while b != 0 { (a, b) = (b, a % b) }
        let divisor = max(a, 1)
        return MediaRational(numerator: Int(numerator / divisor), denominator: Int(denominator / divisor))
    }
}
