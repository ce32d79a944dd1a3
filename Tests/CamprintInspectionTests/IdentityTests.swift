import CamprintInspection
import CamprintSignatures
import Foundation
import Testing

@Suite("Identity engine")
struct IdentityTests {
    static let database: SignatureDatabase = {
        do {
            return try SignatureDatabase.load(includeOperatorDirectory: false)
        } catch {
            Issue.record("shipped rules do not load: \(error)")
            return SignatureDatabase(signatures: [], vendors: [])
        }
    }()

    static func identify(_ observations: [Observation]) -> Identity {
        IdentityEngine.identify(observations, database: database)
    }

    @Test func hikvisionIPCFromC2875Transcript() {
        let identity = Self.identify(DeviceObservations.hikvisionC2875)
        #expect(identity.verdict == .hikvision)
        #expect(identity.vendor == "Hikvision")
        #expect(identity.confidence > 0.9, "confidence \(identity.confidence)")
        #expect(identity.contradictions.isEmpty, "\(identity.contradictions)")
        #expect(identity.evidence.contains { $0.ruleID == "hikvision.rtsp.realm.ip-camera" && $0.role == .supports })
    }

    @Test func hikvisionIPCFromRetinaCapture() {
        let identity = Self.identify(DeviceObservations.hikvisionRetina)
        #expect(identity.verdict == .hikvision)
        #expect(identity.confidence > 0.8, "confidence \(identity.confidence)")
    }

    @Test func hikMediaServer() {
        let identity = Self.identify(DeviceObservations.hikMediaServer)
        #expect(identity.verdict == .hikvision)
        #expect(identity.family == "HIK Media Server")
        #expect(identity.firmware == "HIK Media Server 3.4.103")
        #expect(identity.deviceType == "nvr")
    }

    @Test func hikMediaServerSDPAloneIsHikvision() {
        // The recorder's own session name with its version is not part of the camera template
        // that clones copy; it establishes Hikvision firmware on its own.
        let identity = Self.identify(DeviceObservations.hikMediaServerSDPOnly)
        #expect(identity.verdict == .hikvision)
    }

    @Test(arguments: [
        ("anjvision", DeviceObservations.anjvision, "Anjvision"),
        ("anpviz", DeviceObservations.anpviz, "Anjvision"),
        ("ipcam", DeviceObservations.ipcam, "XiongMai"),
    ])
    func clonesAreClones(name: String, observations: [Observation], vendor: String) {
        let identity = Self.identify(observations)
        #expect(identity.verdict == .clone, "\(name): \(identity.verdict)")
        #expect(identity.vendor == vendor, "\(name): \(identity.vendor ?? "nil")")
        #expect(!identity.contradictions.isEmpty, "\(name): a clone must say what contradicts")
    }

    @Test(arguments: [
        ("dahua", DeviceObservations.dahua, "Dahua"),
        ("axis", DeviceObservations.axis, "Axis"),
        ("reolink", DeviceObservations.reolink, "Reolink"),
        ("tplink", DeviceObservations.tplink, "TP-Link"),
    ])
    func otherVendorsAreNamed(name: String, observations: [Observation], vendor: String) {
        let identity = Self.identify(observations)
        #expect(identity.verdict == .other, "\(name): \(identity.verdict)")
        #expect(identity.vendor == vendor, "\(name): \(identity.vendor ?? "nil")")
        #expect(identity.confidence > 0.3, "\(name): confidence \(identity.confidence)")
    }

    @Test func isapiNVR() {
        let identity = Self.identify(DeviceObservations.hikvisionNVRISAPI)
        #expect(identity.verdict == .hikvision)
        #expect(identity.model == "DS-7616NI-K2")
        #expect(identity.firmware == "V4.74.210")
    }

    @Test func oemBrandOnHikvisionFirmwareIsHikvisionOEM() {
        let observations =
            DeviceObservations.hikvisionC2875 + [Observation(.onvifManufacturer, "LTS")]
        let identity = Self.identify(observations)
        #expect(identity.verdict == .hikvisionOEM)
        #expect(identity.vendor == "Hikvision")
        #expect(identity.brand == "LTS")
    }

    @Test func stdCgiNamespaceIsHikvisionOEM() {
        let identity = Self.identify([
            Observation(.isapiNamespace, "http://www.std-cgi.com/ver20/XMLSchema"),
            Observation(.isapiModel, "ACR4-40"),
        ])
        #expect(identity.verdict == .hikvisionOEM)
        #expect(identity.model == "ACR4-40")
    }

    @Test func oemBrandOnUniviewFirmwareIsUniview() {
        let identity = Self.identify([
            Observation(.onvifManufacturer, "LTS"),
            Observation(.sdpSessionName, "VCP IPC Realtime stream"),
            Observation(.sdpAttribute("fmtp"), "107 DecoderTag=h3c-v3 RTCP=0"),
        ])
        #expect(identity.verdict == .other)
        #expect(identity.vendor == "Uniview")
        #expect(identity.brand == "LTS")
    }

    @Test func singleCopyableSignalIsNeverHikvision() {
        for observation in copyableHikvisionObservations {
            let identity = Self.identify([observation])
            #expect(identity.verdict != .hikvision, "\(observation.field)=\(observation.value)")
        }
    }

    @Test func nothingIsUnknown() {
        let identity = Self.identify([Observation(.sdpSessionName, "some unheard-of server")])
        #expect(identity.verdict == .unknown)
        #expect(identity.confidence == 0)
    }

    @Test func identityEncodesToJSON() throws {
        let data = try JSONEncoder().encode(Self.identify(DeviceObservations.hikvisionC2875))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"verdict\":\"hikvision\""))
        #expect(text.contains("hikvision.rtsp.date.double-space"))
    }

    /// Every observation of the Hikvision/clone sets whose winning rule is a COPYABLE Hikvision signal.
    var copyableHikvisionObservations: [Observation] {
        let all =
            DeviceObservations.hikvisionC2875 + DeviceObservations.hikMediaServer
            + DeviceObservations.hikvisionRetina
        return all.filter { observation in
            guard let match = Self.database.firstMatch(observation) else { return false }
            return match.copyable == .copyable
                && (match.implies.verdict == .hikvision || match.implies.verdict == .hikvisionCompatible)
        }
    }
}

@Suite("Identity properties")
struct IdentityPropertyTests {
    static let clones: [(String, [Observation])] = [
        ("anjvision", DeviceObservations.anjvision),
        ("anpviz", DeviceObservations.anpviz),
        ("ipcam", DeviceObservations.ipcam),
    ]

    var copyableHikvision: [Observation] { IdentityTests().copyableHikvisionObservations }

    @Test func copyableSignalsExist() {
        #expect(copyableHikvision.count >= 8)
    }

    @Test(arguments: clones.map(\.0))
    func cloneWithAnyExtraCopyableHikvisionSignalIsNotHikvision(name: String) {
        let clone = Self.clones.first { $0.0 == name }?.1 ?? []
        for extra in copyableHikvision {
            let identity = IdentityTests.identify(clone + [extra])
            #expect(identity.verdict == .clone, "\(name) + \(extra.field)=\(extra.value) → \(identity.verdict)")
        }
    }

    @Test(arguments: clones.map(\.0))
    func cloneWithAnySignalRemovedIsNotHikvision(name: String) {
        let clone = Self.clones.first { $0.0 == name }?.1 ?? []
        for index in clone.indices {
            var reduced = clone
            let removed = reduced.remove(at: index)
            let identity = IdentityTests.identify(reduced)
            #expect(
                identity.verdict != .hikvision && identity.verdict != .hikvisionOEM,
                "\(name) without \(removed.field) → \(identity.verdict)"
            )
        }
    }

    @Test func hikvisionWithAnyCopyableSignalRemovedStaysHikvision() {
        let set = DeviceObservations.hikvisionC2875
        for index in set.indices {
            guard let match = IdentityTests.database.firstMatch(set[index]), match.copyable == .copyable else {
                continue
            }
            var reduced = set
            reduced.remove(at: index)
            #expect(IdentityTests.identify(reduced).verdict == .hikvision, "without \(set[index].field)")
        }
    }
}
