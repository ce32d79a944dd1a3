/// What the packet loop counts for one stream (bounded by ``MediaProbeLimits/maximumTimestamps``).
struct StreamTally {
    var packets = 0
    var bytes = 0
    var keyframes = 0
    var timestamps: [Int64] = []
    var minimumTimestamp: Int64?
    var maximumTimestamp: Int64?
    var durationAtMaximum: Int64 = 0
    /// The last keyframe's timestamp (nil when it had none).
    var lastKeyframeTimestamp: Int64?
    /// Timestamp distance between the first two consecutive keyframes that both had one.
    var keyframeInterval: Int64?
    var sawTimestamp = false
    var packetsSinceFirstKeyframe = 0
    var gopFrames: Int?

    mutating func record(size: Int, timestamp: Int64?, duration: Int64, isKeyframe: Bool, maximumTimestamps: Int) {
        packets += 1
        bytes += size
        if gopFrames == nil, keyframes > 0 {
            if isKeyframe {
                gopFrames = packetsSinceFirstKeyframe
            } else {
                packetsSinceFirstKeyframe += 1
            }
        }
        if isKeyframe {
            if keyframeInterval == nil, keyframes > 0, let previous = lastKeyframeTimestamp, let timestamp {
                keyframeInterval = timestamp - previous
            }
            lastKeyframeTimestamp = timestamp
            keyframes += 1
            if keyframes == 1 { packetsSinceFirstKeyframe = 1 }
        }
        guard let timestamp else { return }
        sawTimestamp = true
        if timestamps.count < maximumTimestamps { timestamps.append(timestamp) }
        if minimumTimestamp.map({ timestamp < $0 }) ?? true { minimumTimestamp = timestamp }
        if maximumTimestamp.map({ timestamp > $0 }) ?? true {
            maximumTimestamp = timestamp
            durationAtMaximum = duration
        }
    }

    /// Two keyframes were read whose distance is known: by timestamps, or by count when the
    /// stream has no timestamps at all (raw Annex B). RTSP's first packet often has none.
    var gopIsKnown: Bool { keyframeInterval != nil || (keyframes >= 2 && !sawTimestamp) }

    /// The median spacing of distinct timestamps, in time-base units.
    var medianSpacing: Int64? {
        let sorted = Array(Set(timestamps)).sorted()
        guard sorted.count >= 2 else { return nil }
        let deltas = zip(sorted.dropFirst(), sorted).map { $0 - $1 }.sorted()
        return deltas[deltas.count / 2]
    }

    /// Media time covered by the packets, in time-base units (one packet's duration included).
    var span: Int64? {
        guard let minimumTimestamp, let maximumTimestamp else { return nil }
        let last = durationAtMaximum > 0 ? durationAtMaximum : (medianSpacing ?? 0)
        return maximumTimestamp - minimumTimestamp + last
    }

    /// From the first packet's timestamp to the last one's (no duration added): the sample window.
    var timestampRange: Int64 {
        guard let minimumTimestamp, let maximumTimestamp else { return 0 }
        return maximumTimestamp - minimumTimestamp
    }
}
