import CamprintCodecs
import Foundation

/// A raw Annex B elementary stream (.h264/.h265) split into access units, read once and shared by
/// every camera that serves it.
public final class MediaSource: Sendable {
    public struct AccessUnit: Sendable {
        /// NAL units without start codes.
        public let nalUnits: [[UInt8]]
        public let isKeyframe: Bool
    }

    public let path: String
    public let codec: Persona.Codec
    public let accessUnits: [AccessUnit]
    public let vps: [UInt8]?
    public let sps: [UInt8]?
    public let pps: [UInt8]?
    public let width: Int
    public let height: Int
    /// From the SPS VUI timing, else 25.
    public let frameRate: Double
    /// profile_idc, constraint flags, level_idc (H.264 SPS bytes 1–3).
    public let profileLevelID: [UInt8]

    public convenience init(path: String) throws(PersonaError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PersonaError("media not found: \(path)")
        }
        try self.init(path: path, bytes: Array(data))
    }

    public init(path: String, bytes: [UInt8]) throws(PersonaError) {
        self.path = path
        let lower = path.lowercased()
        let ranges = AnnexB.nalUnitRanges(in: bytes)
        guard let first = ranges.first(where: { !$0.isEmpty }) else {
            throw PersonaError("no Annex B NAL units in \(path)")
        }
        let codec: Persona.Codec
        if lower.hasSuffix(".h265") || lower.hasSuffix(".265") || lower.hasSuffix(".hevc") {
            codec = .h265
        } else if lower.hasSuffix(".h264") || lower.hasSuffix(".264") || lower.hasSuffix(".avc") {
            codec = .h264
        } else {
            // H.265 VPS/SPS/PPS/AUD/SEI headers have forbidden_zero_bit 0 and type 32–40 in bits 1–6.
            let type265 = (bytes[first.lowerBound] >> 1) & 0x3f
            codec = (32...40).contains(type265) && first.count > 1 && bytes[first.lowerBound + 1] == 1 ? .h265 : .h264
        }
        self.codec = codec
        var units: [AccessUnit] = []
        var current: [[UInt8]] = []
        var currentHasVCL = false
        var currentKey = false
        var vps: [UInt8]?
        var sps: [UInt8]?
        var pps: [UInt8]?
        for range in ranges where !range.isEmpty {
            let nal = Array(bytes[range])
            let info = Self.classify(nal, codec: codec)
            if currentHasVCL && (info.startsAccessUnit || (info.isVCL && info.firstSliceOfPicture)) {
                units.append(AccessUnit(nalUnits: current, isKeyframe: currentKey))
                current = []
                currentHasVCL = false
                currentKey = false
            }
            switch info.parameterSet {
            case .vps: if vps == nil { vps = nal }
            case .sps: if sps == nil { sps = nal }
            case .pps: if pps == nil { pps = nal }
            case nil: break
            }
            current.append(nal)
            if info.isVCL { currentHasVCL = true }
            if info.isKeyframe { currentKey = true }
        }
        if currentHasVCL { units.append(AccessUnit(nalUnits: current, isKeyframe: currentKey)) }
        guard !units.isEmpty else { throw PersonaError("no pictures in \(path)") }
        accessUnits = units
        self.vps = vps
        self.sps = sps
        self.pps = pps
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

    static func classify(_ nal: [UInt8], codec: Persona.Codec) -> NALInfo {
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
