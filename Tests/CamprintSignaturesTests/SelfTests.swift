import CamprintSignatures
import CamprintTestSupport
import Foundation
import Testing

@Suite("Shipped signature database")
struct SelfTests {
    static let database: SignatureDatabase? = try? SignatureDatabase.load(includeOperatorDirectory: false)

    @Test func shippedRulesLoad() throws {
        let database = try SignatureDatabase.load(includeOperatorDirectory: false)
        #expect(database.signatures.count > 100, "only \(database.signatures.count) rules loaded")
        #expect(database.files.contains { $0.hasSuffix("vendors.yaml") })
    }

    @Test func selfTestPasses() throws {
        let database = try SignatureDatabase.load(includeOperatorDirectory: false)
        let failures = database.selfTest()
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyConfirmedHikvisionSignalHasARule() throws {
        let database = try SignatureDatabase.load(includeOperatorDirectory: false)
        // docs/signals.md §0 signals seen widely or seen twice, by rule id.
        let required = [
            "hikvision.rtsp.date.double-space", "hikvision.rtsp.session.padding", "hikvision.rtsp.realm.ip-camera",
            "hikvision.sdp.session-name.hms", "hikvision.sdp.imkh.present", "hikvision.isapi.namespace.hikvision",
            "hikvision.http.server.webs", "hikvision.onvif.manufacturer", "hikvision.sadp.probe-match",
            "hikvision.sdp.fmtp.profile-mismatch", "hikvision.rtsp.public.ipc", "hikvision.mac.oui",
            "hikvision.http.nonce.hex-of-base64", "hikvision.sdp.h265.no-fmtp",
            "hikvision.rtsp.transport.ssrc-space-padded", "hikvision.rtsp.header-order.describe",
        ]
        for id in required {
            #expect(database.signature(id: id) != nil, "missing rule \(id)")
        }
    }
}
