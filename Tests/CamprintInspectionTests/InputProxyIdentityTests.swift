import CamprintInspection
import CamprintSignatures
import Testing

/// What a recorder says about the camera of one IP channel → that camera's verdict
/// (Rules/isapi_input_proxy.yaml). Values of Samples/captures/hikvision-family/
/// hikvision-isapi-inputproxy-nvr-10-18-176-64-01.txt and of the emulated NVR.
@Suite struct InputProxyIdentityTests {
    static let database = try? SignatureDatabase.load(includeOperatorDirectory: false)

    static func identity(_ channel: InputProxyObservations.Channel) throws -> Identity {
        IdentityEngine.identify(InputProxyObservations.extract(channel), database: try #require(database))
    }

    @Test func aHikvisionCameraOverTheHikvisionProtocolIsHikvision() throws {
        let identity = try Self.identity(
            .init(
                proxyProtocol: "HIKVISION",
                model: "DS-2DF8C832MX-ZDK",
                serialNumber: "SN-TEST-008",
                firmwareVersion: "V5.10.0 build 260519"
            )
        )
        #expect(identity.verdict == .hikvision)
        #expect(identity.vendor == "Hikvision")
        #expect(identity.model == "DS-2DF8C832MX-ZDK")
    }

    @Test func theHikvisionProtocolAloneSaysHikvisionFirmware() throws {
        let identity = try Self.identity(.init(proxyProtocol: "HIKVISION"))
        #expect(identity.verdict == .hikvision)
        #expect(identity.confidence < 0.5)
    }

    @Test func aTPLinkCameraOverONVIFIsNotHikvision() throws {
        let identity = try Self.identity(
            .init(
                proxyProtocol: "ONVIF",
                model: "TL-IPC55A",
                serialNumber: "SN-TEST-018",
                firmwareVersion: "1.0.16 Build 260623 Rel.59092n"
            )
        )
        #expect(identity.verdict == .other)
        #expect(identity.vendor == "TP-Link")
    }

    @Test func otherMakersOverONVIF() throws {
        let dahua = try Self.identity(.init(proxyProtocol: "ONVIF", model: "DH-IPC-HFW2431S-S-S2"))
        #expect(dahua.verdict == .other && dahua.vendor == "Dahua")
        let axis = try Self.identity(.init(proxyProtocol: "ONVIF", manufacturer: "AXIS", model: "P3245-LV"))
        #expect(axis.verdict == .other && axis.vendor == "Axis")
        let unknown = try Self.identity(.init(proxyProtocol: "ONVIF", model: "IPC-C01", firmwareVersion: "V1.0.2"))
        #expect(unknown.verdict == .unknown)
    }

    @Test func aNamedMakerOutweighsTheHikvisionProtocol() throws {
        let identity = try Self.identity(.init(proxyProtocol: "HIKVISION", manufacturer: "Dahua"))
        #expect(identity.verdict != .hikvision && identity.verdict != .hikvisionOEM)
    }

    @Test func emptyAndLongValuesAreBounded() {
        let observations = InputProxyObservations.extract(
            .init(proxyProtocol: " ", model: String(repeating: "M", count: 10_000))
        )
        #expect(observations.count == 1)
        #expect((observations.first?.value.count ?? 0) <= 128)
    }
}
