import CamprintCodecs
import CamprintSignatures
import CamprintWire

/// Parameter sets, VUI, SEI and NAL unit types → observations (docs/field-keys.md, bitstream
/// channel), from SDP `sprop-*`, in-band parameter sets, `avcC`/`hvcC`, and raw RTCP CNAMEs.
enum BitstreamObservations {
    static func extract(_ evidence: ParsedEvidence) -> [Observation] {
        var h264: [H264.SPS] = []
        var h265: [H265.SPS] = []
        var seiMessages: [SEIMessage] = []
        var quirks: [String] = []
        var units = evidence.spropParameterSets
        if let unit = evidence.nalUnit { units.append(unit) }
        for unit in units {
            switch unit {
            case .h264SPS(let sps): h264.append(sps)
            case .h265SPS(let sps): h265.append(sps)
            case .sei(let sei): seiMessages += sei.messages
            default: break
            }
        }
        if let stream = evidence.stream {
            h264 += stream.h264SPS
            h265 += stream.h265SPS
            seiMessages += stream.seiMessages.map(\.message)
            quirks += stream.quirks.map(\.code)
        }
        if let avcC = evidence.avcC { h264 += avcC.sequenceParameterSets }
        if let hvcC = evidence.hvcC { h265 += hvcC.sequenceParameterSets }

        var observations: [Observation] = []
        for sps in h264 { observations += self.h264(sps) }
        for sps in h265 {
            observations.append(Observation(.h265SpsProfile, String(sps.profileTierLevel.generalProfileIdc)))
            observations.append(Observation(.h265SpsLevel, String(sps.profileTierLevel.generalLevelIdc)))
            quirks += sps.quirks.map(\.code)
        }
        if let stream = evidence.stream, stream.codec == .h265 {
            for count in stream.typeCounts where (41...47).contains(count.nalUnitType) {
                observations.append(Observation(.h265NalReservedType, String(count.nalUnitType)))
            }
        }
        for message in seiMessages {
            observations.append(Observation(.seiPayloadType, String(message.payloadType)))
            if case .userDataUnregistered(let uuid, _) = message.content {
                observations.append(Observation(.seiUuid, uuidText(uuid.bytes)))
            }
        }
        for name in evidence.rtcpCNAMEs { observations.append(Observation(.rtcpCname, name)) }
        for code in quirks { observations.append(.quirk(code, channel: .bitstream)) }
        return observations
    }

    private static func h264(_ sps: H264.SPS) -> [Observation] {
        var observations = [
            Observation(.h264SpsProfile, String(sps.profileIdc)),
            Observation(.h264SpsLevel, String(sps.levelIdc)),
            Observation(.h264SpsConstraintFlags, ValueClassifier.hex8(sps.constraintFlags)),
            Observation(.h264SpsPocType, String(sps.picOrderCntType)),
        ]
        guard let vui = sps.vui else {
            observations += [
                Observation(.h264VuiAspectRatio, "absent"), Observation(.h264VuiFullRange, "absent"),
                Observation(.h264VuiTiming, "absent"), Observation(.h264VuiHrd, "none"),
            ]
            return observations
        }
        let aspect: String
        if let idc = vui.aspectRatioIdc {
            aspect = idc == 255 ? "255:\(vui.sarWidth ?? 0):\(vui.sarHeight ?? 0)" : String(idc)
        } else {
            aspect = "absent"
        }
        observations.append(Observation(.h264VuiAspectRatio, aspect))
        observations.append(Observation(.h264VuiFullRange, vui.videoFullRangeFlag.map { $0 ? "1" : "0" } ?? "absent"))
        if let units = vui.numUnitsInTick, let scale = vui.timeScale {
            observations.append(Observation(.h264VuiTiming, "\(units)/\(scale)"))
        } else {
            observations.append(Observation(.h264VuiTiming, "absent"))
        }
        if let fixed = vui.fixedFrameRateFlag {
            observations.append(Observation(.h264VuiFixedFrameRate, fixed ? "1" : "0"))
        }
        let hrd = [vui.nalHRD == nil ? nil : "nal", vui.vclHRD == nil ? nil : "vcl"].compactMap { $0 }
        observations.append(Observation(.h264VuiHrd, hrd.isEmpty ? "none" : hrd.joined(separator: "+")))
        return observations
    }

    private static func uuidText(_ bytes: [UInt8]) -> String {
        let hex = bytes.prefix(16).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        guard hex.count == 32 else { return hex }
        var parts: [Substring] = []
        var index = hex.startIndex
        for length in [8, 4, 4, 4, 12] {
            let next = hex.index(index, offsetBy: length)
            parts.append(hex[index..<next])
            index = next
        }
        return parts.joined(separator: "-")
    }
}
