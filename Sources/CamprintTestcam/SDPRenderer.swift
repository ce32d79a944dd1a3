import CamprintCodecs
import Foundation

/// Renders a persona's SDP template (RFC 4566) with the media's parameter sets and size.
enum SDPRenderer {
    static func render(camera: Camera, values: TemplateValues) -> String {
        let persona = camera.persona
        let media = camera.config.media
        var values = values
        values["o_time_us"] = String(camera.startMicroseconds)
        values["o_time_s"] = String(camera.startMicroseconds / 1_000_000)
        values["width"] = String(media.width)
        values["height"] = String(media.height)
        let rate = camera.frameRate
        values["fps"] = rate == rate.rounded() ? String(Int(rate)) : String(format: "%.2f", rate)
        values["fps6"] = String(format: "%.6f", rate)
        values["pt"] = String(persona.videoPayloadType)
        values["plid_lower"] = media.profileLevelID.map(hex2).joined()
        values["plid_upper"] = media.profileLevelID.map(hex2).joined().uppercased()
        values["imkh_vcodec"] = persona.imkhVideoCodec[media.codec.rawValue]
        if camera.config.faults.no_parameter_sets != true, camera.config.faults.no_sdp_parameter_sets != true {
            func b64(_ bytes: [UInt8]?) -> String? { bytes.map { Data($0).base64EncodedString() } }
            if let sps = b64(media.sps), let pps = b64(media.pps) {
                values["sprop_parameter_sets"] = sps + "," + pps
            }
            values["sprop_vps"] = b64(media.vps)
            values["sprop_sps"] = b64(media.sps)
            values["sprop_pps"] = b64(media.pps)
        }
        var lines: [String] = []
        func add(_ templates: [Template], _ values: TemplateValues) {
            for template in templates {
                if let line = template.render(values) { lines.append(line) }
            }
        }
        add(persona.sdpSession, values)
        var video = values
        video["track_control"] = persona.videoControl.render(values)
        add(media.codec == .h264 ? persona.sdpVideoH264 : persona.sdpVideoH265, video)
        for track in persona.extraTracks {
            var extra = values
            extra["track_control"] = track.control.render(values)
            add(track.lines, extra)
        }
        add(persona.sdpTrailer, values)
        return lines.map { $0 + "\r\n" }.joined()
    }
}
