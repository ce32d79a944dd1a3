public import CamprintCodecs
import Foundation

/// A video elementary stream split into access units (in decode order), read once and shared by
/// every camera that serves it: raw Annex B (.h264/.h265/.264/.265/.hevc, read directly) or any
/// container libavformat reads (.mp4, .mkv, .ts, …, through ``CamprintFFmpeg/MediaFileDemuxer``).
public final class MediaSource: Sendable {
    public struct AccessUnit: Sendable {
        /// NAL units without start codes.
        public let nalUnits: [[UInt8]]
        public let isKeyframe: Bool
        /// Presentation position in frame periods from the first presented picture. Equal to the
        /// decode index without B-frames; raw Annex B has no timestamps, so it is always the
        /// decode index there (B-frames need a container with pts).
        public let presentationIndex: Int

        public init(nalUnits: [[UInt8]], isKeyframe: Bool, presentationIndex: Int) {
            self.nalUnits = nalUnits
            self.isKeyframe = isKeyframe
            self.presentationIndex = presentationIndex
        }
    }

    public let path: String
    public let codec: VideoCodec
    public let accessUnits: [AccessUnit]
    public let vps: [UInt8]?
    public let sps: [UInt8]?
    public let pps: [UInt8]?
    public let width: Int
    public let height: Int
    /// From the container, else the SPS VUI timing, else 25.
    public let frameRate: Double
    /// profile_idc, constraint flags, level_idc (H.264 SPS bytes 1–3).
    public let profileLevelID: [UInt8]
    /// Whether presentation order differs from decode order (B-frames).
    public let hasReordering: Bool

    /// File name endings read as raw Annex B; anything else goes through libavformat.
    static let annexBExtensions = [".h264", ".264", ".avc", ".h265", ".265", ".hevc"]

    public convenience init(path: String) throws(PersonaError) {
        let lower = path.lowercased()
        if !Self.annexBExtensions.contains(where: { lower.hasSuffix($0) }) {
            try self.init(container: path)
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PersonaError("media not found: \(path)")
        }
        try self.init(path: path, bytes: Array(data))
    }

    /// Reads a container file (mp4, mkv, ts, …) through libavformat.
    public convenience init(container path: String) throws(PersonaError) {
        guard FileManager.default.fileExists(atPath: path) else { throw PersonaError("media not found: \(path)") }
        let parts = try ContainerMedia.read(path: path)
        self.init(
            path: path,
            codec: parts.codec,
            accessUnits: parts.accessUnits,
            parameterSets: parts.parameterSets,
            containerFrameRate: parts.frameRate
        )
    }

    public convenience init(path: String, bytes: [UInt8]) throws(PersonaError) {
        let lower = path.lowercased()
        let ranges = AnnexB.nalUnitRanges(in: bytes)
        guard let first = ranges.first(where: { !$0.isEmpty }) else {
            throw PersonaError("no Annex B NAL units in \(path)")
        }
        let codec: VideoCodec
        if lower.hasSuffix(".h265") || lower.hasSuffix(".265") || lower.hasSuffix(".hevc") {
            codec = .h265
        } else if lower.hasSuffix(".h264") || lower.hasSuffix(".264") || lower.hasSuffix(".avc") {
            codec = .h264
        } else {
            // H.265 VPS/SPS/PPS/AUD/SEI headers have forbidden_zero_bit 0 and type 32–40 in bits 1–6.
            let type265 = (bytes[first.lowerBound] >> 1) & 0x3f
            codec = (32...40).contains(type265) && first.count > 1 && bytes[first.lowerBound + 1] == 1 ? .h265 : .h264
        }
        var units: [AccessUnit] = []
        var current: [[UInt8]] = []
        var currentHasVCL = false
        var currentKey = false
        var parameterSets = ParameterSets()
        for range in ranges where !range.isEmpty {
            let nal = Array(bytes[range])
            let info = Self.classify(nal, codec: codec)
            if currentHasVCL && (info.startsAccessUnit || (info.isVCL && info.firstSliceOfPicture)) {
                units.append(AccessUnit(nalUnits: current, isKeyframe: currentKey, presentationIndex: units.count))
                current = []
                currentHasVCL = false
                currentKey = false
            }
            parameterSets.note(nal, info.parameterSet)
            current.append(nal)
            if info.isVCL { currentHasVCL = true }
            if info.isKeyframe { currentKey = true }
        }
        if currentHasVCL {
            units.append(AccessUnit(nalUnits: current, isKeyframe: currentKey, presentationIndex: units.count))
        }
        guard !units.isEmpty else { throw PersonaError("no pictures in \(path)") }
        self.init(path: path, codec: codec, accessUnits: units, parameterSets: parameterSets, containerFrameRate: nil)
    }

    /// The first VPS, SPS and PPS met.
    struct ParameterSets {
        var vps: [UInt8]?
        var sps: [UInt8]?
        var pps: [UInt8]?

        mutating func note(_ nal: [UInt8], _ kind: ParameterSet?) {
            switch kind {
            case .vps: if vps == nil { vps = nal }
            case .sps: if sps == nil { sps = nal }
            case .pps: if pps == nil { pps = nal }
            case nil: break
            }
        }
    }

    init(
        path: String,
        codec: VideoCodec,
        accessUnits units: [AccessUnit],
        parameterSets: ParameterSets,
        containerFrameRate: Double?
    ) {
        self.path = path
        self.codec = codec
        accessUnits = units
        hasReordering = units.enumerated().contains { $0.element.presentationIndex != $0.offset }
        vps = parameterSets.vps
        sps = parameterSets.sps
        pps = parameterSets.pps
        var width = 0
        var height = 0
        var rate: Double?
        var plid: [UInt8] = [0x42, 0x00, 0x1f]
        if let sps {
            switch codec {
            case .h264:
                if let parsed = try? H264.SPS(parsing: sps) {
                    width = parsed.width
                    height = parsed.height
                    rate = parsed.frameRate
                }
                if sps.count >= 4 { plid = Array(sps[1...3]) }
            case .h265:
                if let parsed = try? H265.SPS(parsing: sps) {
                    width = parsed.width
                    height = parsed.height
                    rate = parsed.frameRate
                }
            }
        }
        self.width = width
        self.height = height
        if let containerFrameRate, containerFrameRate > 0.5, containerFrameRate <= 240 { rate = containerFrameRate }
        if let rate, rate > 0.5, rate <= 240 { frameRate = rate } else { frameRate = 25 }
        profileLevelID = plid
    }

    enum ParameterSet { case vps, sps, pps }

    struct NALInfo {
        var isVCL = false
        var firstSliceOfPicture = false
        var isKeyframe = false
        /// A non-VCL NAL that begins a new access unit when it follows a picture (AUD, SEI, parameter sets).
        var startsAccessUnit = false
        var parameterSet: ParameterSet?
    }

    static func classify(_ nal: [UInt8], codec: VideoCodec) -> NALInfo {
        var info = NALInfo()
        switch codec {
        case .h264:
            let type = nal[0] & 0x1f
            switch type {
            case 1...5:
                info.isVCL = true
                // first_mb_in_slice == 0 is ue(v) "1".
                info.firstSliceOfPicture = nal.count > 1 && nal[1] & 0x80 != 0
                info.isKeyframe = type == 5
            case 6, 9, 14...18: info.startsAccessUnit = true
            case 7:
                info.startsAccessUnit = true
                info.parameterSet = .sps
            case 8:
                info.startsAccessUnit = true
                info.parameterSet = .pps
            default: break
            }
        case .h265:
            let type = (nal[0] >> 1) & 0x3f
            switch type {
            case 0...31:
                info.isVCL = true
                info.firstSliceOfPicture = nal.count > 2 && nal[2] & 0x80 != 0
                info.isKeyframe = (16...23).contains(type)
            case 32:
                info.startsAccessUnit = true
                info.parameterSet = .vps
            case 33:
                info.startsAccessUnit = true
                info.parameterSet = .sps
            case 34:
                info.startsAccessUnit = true
                info.parameterSet = .pps
            case 35, 39, 41...44, 48...55: info.startsAccessUnit = true
            default: break
            }
        }
        return info
    }

    /// Whether `nal` is a VPS, SPS or PPS.
    func isParameterSet(_ nal: [UInt8]) -> Bool {
        Self.classify(nal, codec: codec).parameterSet != nil
    }

    func isKeyframeSlice(_ nal: [UInt8]) -> Bool {
        Self.classify(nal, codec: codec).isKeyframe
    }
}

/// Media files are read once per process.
public final class MediaCache: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [String: MediaSource] = [:]

    public init() {}

    public func source(_ path: String) throws(PersonaError) -> MediaSource {
        lock.lock()
        defer { lock.unlock() }
        if let source = sources[path] { return source }
        let source = try MediaSource(path: path)
        sources[path] = source
        return source
    }
}
