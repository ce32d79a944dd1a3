import CamprintDigest
import CamprintTestSupport
import CamprintTestcam
import Foundation
import Testing

/// What each persona's HTTP side must reveal (values from the persona files; docs/signals.md
/// §4–§5 describes their shapes).
struct HTTPPersonaExpectation: Sendable, CustomStringConvertible {
    var persona: String
    var server: String?
    var rootStatus: Int
    var rootMarker: String
    var protectedPath: String
    var realm: String
    var manufacturer: String
    var model: String
    var serial: String
    var mac: String
    var isapiNamespace: String?
    var description: String { persona }

    static let all: [HTTPPersonaExpectation] = [
        .init(
            persona: "hikvision-ipc",
            server: "App-webs/",
            rootStatus: 200,
            rootMarker: "/doc/page/login.asp?_",
            protectedPath: "/ISAPI/Security/userCheck",
            realm: "IP Camera(C2875)",
            manufacturer: "HIKVISION",
            model: "DS-2CD2146G2-ISU",
            serial: "DS-2CD2146G2-ISU20230115AAWRJ12345678",
            mac: "50:e5:38:c2:87:50",
            isapiNamespace: "http://www.hikvision.com/ver20/XMLSchema"
        ),
        .init(
            persona: "hikvision-nvr",
            server: "DNVRS-Webs",
            rootStatus: 200,
            rootMarker: "/doc/page/login.asp?_",
            protectedPath: "/ISAPI/Security/userCheck",
            realm: "IP Camera(28022)",
            manufacturer: "HIKVISION",
            model: "DS-7608NI-K2",
            serial: "DS-7608NI-K20820220315CCRRJ28022417WCVU",
            mac: "bc:ad:28:a1:b2:c3",
            isapiNamespace: "http://www.hikvision.com/ver20/XMLSchema"
        ),
        .init(
            persona: "hikvision-oem",
            server: "App-webs/",
            rootStatus: 200,
            rootMarker: "/doc/page/login.asp?_",
            protectedPath: "/ISAPI/Security/userCheck",
            realm: "142ffd3a9c41",
            manufacturer: "LTS",
            model: "CMIP8242",
            serial: "CMIP824220200718CCWRE49061234",
            mac: "14:2f:fd:3a:9c:41",
            isapiNamespace: "http://www.std-cgi.com/ver20/XMLSchema"
        ),
        .init(
            persona: "clone-imkh",
            server: nil,
            rootStatus: 200,
            rootMarker: "<title>IPCAM</title>",
            protectedPath: "/login.htm",
            realm: "IPCAM",
            manufacturer: "IPCAM",
            model: "C9F0SeZ3N0PbL0",
            serial: "IPC20190612A0023517",
            mac: "00:95:69:b2:0c:7e",
            isapiNamespace: nil
        ),
        .init(
            persona: "dahua-ipc",
            server: nil,
            rootStatus: 200,
            rootMarker: "<title>WEB SERVICE</title>",
            protectedPath: "/cgi-bin/magicBox.cgi",
            realm: "Login to 4H01D66PAJ2FA64",
            manufacturer: "Dahua",
            model: "IPC-HDW1431T1-S4",
            serial: "4H01D66PAJ2FA64",
            mac: "3c:ef:8c:5d:2a:17",
            isapiNamespace: nil
        ),
        .init(
            persona: "axis",
            server: nil,
            rootStatus: 302,
            rootMarker: "AXIS",
            protectedPath: "/axis-cgi/param.cgi",
            realm: "AXIS_ACCC8E0A1B2C",
            manufacturer: "AXIS",
            model: "M3045-V",
            serial: "ACCC8E0A1B2C",
            mac: "ac:cc:8e:0a:1b:2c",
            isapiNamespace: nil
        ),
    ]
}

@Suite("HTTP side: banner, ISAPI, ONVIF per persona")
struct HTTPEndpointTests {
    static let user = HTTPHarness.credentials.user
    static let password = HTTPHarness.credentials.password

    @Test("GET / and the protected path give the persona's banner and challenge", arguments: HTTPPersonaExpectation.all)
    func banner(_ expected: HTTPPersonaExpectation) async throws {
        let camera = try Harness.camera(expected.persona, credentials: HTTPHarness.credentials)
        let log = CapturedLog()
        try await HTTPHarness.withCamera(camera, log: log) { _, port in
            try await Harness.blocking {
                let client = try HTTPTestClient(port: port)
                let root = try client.request("GET", "/")
                #expect(root.status == expected.rootStatus, "\(expected.persona) GET /")
                #expect(root.header("Server") == expected.server, "\(expected.persona) Server header")
                #expect(root.bodyText.contains(expected.rootMarker), "\(expected.persona) root body: \(root.bodyText)")
                let challenge = try client.request("GET", expected.protectedPath)
                #expect(challenge.status == 401, "\(expected.persona) \(expected.protectedPath)")
                let lines = challenge.all("WWW-Authenticate")
                let digest = try #require(
                    lines.first { $0.hasPrefix("Digest ") },
                    "\(expected.persona): no Digest challenge"
                )
                #expect(DigestParameters.parse(digest)["realm"] == expected.realm)
                #expect(challenge.header("Server") == expected.server)
                let authorization = HTTPTestAuth.digest(
                    challenge: digest,
                    user: Self.user,
                    password: Self.password,
                    method: "GET",
                    uri: expected.protectedPath
                )
                let ok = try client.request("GET", expected.protectedPath, headers: [("Authorization", authorization)])
                #expect(ok.status == 200, "\(expected.persona): right Digest credentials on \(expected.protectedPath)")
            }
        }
        #expect(log.lines.isEmpty, "no failed login expected: \(log.lines)")
    }

    @Test("Hikvision IPC challenge: qop first, stale=FALSE, nonce = hex of base64 of 8hex:8hex (fingerprints §4.1)")
    func hikvisionNonceShape() async throws {
        let camera = try Harness.camera("hikvision-ipc", credentials: HTTPHarness.credentials)
        let challenge = try await HTTPHarness.withCamera(camera) { _, port in
            try await Harness.blocking {
                try HTTPTestClient(port: port).request("GET", "/ISAPI/Security/userCheck").header("WWW-Authenticate")
                    ?? ""
            }
        }
        #expect(challenge.hasPrefix(#"Digest qop="auth", realm="IP Camera(C2875)", nonce=""#), "\(challenge)")
        #expect(challenge.hasSuffix(#", stale="FALSE""#))
        let nonce = DigestParameters.parse(challenge)["nonce"] ?? ""
        var ascii: [UInt8] = []
        var index = nonce.startIndex
        while index < nonce.endIndex, let next = nonce.index(index, offsetBy: 2, limitedBy: nonce.endIndex) {
            ascii.append(UInt8(nonce[index..<next], radix: 16) ?? 0)
            index = next
        }
        let decoded = Data(base64Encoded: Data(ascii)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(decoded.wholeMatch(of: #/[0-9a-f]{8}:[0-9a-f]{8}/#) != nil, "nonce \(nonce) decodes to \(decoded)")
    }

    @Test(
        "ISAPI deviceInfo: 401 without credentials, the persona's XML with Digest, 404 without ISAPI",
        arguments: HTTPPersonaExpectation.all
    )
    func isapiDeviceInfo(_ expected: HTTPPersonaExpectation) async throws {
        let camera = try Harness.camera(expected.persona, credentials: HTTPHarness.credentials)
        try await HTTPHarness.withCamera(camera) { _, port in
            try await Harness.blocking {
                let client = try HTTPTestClient(port: port)
                let path = "/ISAPI/System/deviceInfo"
                let first = try client.request("GET", path)
                guard let namespace = expected.isapiNamespace else {
                    #expect(first.status == 404, "\(expected.persona) has no ISAPI")
                    return
                }
                #expect(first.status == 401)
                #expect(first.bodyText.contains("<statusString>Unauthorized</statusString>"))
                let challenge = try #require(first.all("WWW-Authenticate").first { $0.hasPrefix("Digest ") })
                let authorization = HTTPTestAuth.digest(
                    challenge: challenge,
                    user: Self.user,
                    password: Self.password,
                    method: "GET",
                    uri: path
                )
                let answer = try client.request("GET", path, headers: [("Authorization", authorization)])
                #expect(answer.status == 200)
                #expect(answer.header("Content-Type") == "application/xml")
                let xml = try #require(HTTPTestXML(answer.body), "\(expected.persona): deviceInfo is not XML")
                #expect(xml.elements.first?.name == "DeviceInfo")
                #expect(xml.elements.first?.namespace == namespace)
                #expect(xml.text("model") == expected.model)
                #expect(xml.text("serialNumber") == expected.serial)
                #expect(xml.text("macAddress") == expected.mac)
                #expect(xml.text("firmwareVersion")?.hasPrefix("V") == true)
                #expect(xml.text("deviceID")?.hasSuffix(expected.mac.replacingOccurrences(of: ":", with: "")) == true)
            }
        }
    }

    @Test("ISAPI element order follows the real device documents", .enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func isapiOrderMatchesCorpus() async throws {
        for (persona, sample) in [
            ("hikvision-ipc", "no-license/hikvision_isapi/DS-2CD2146G2-ISU.json"),
            ("hikvision-nvr", "no-license/hikvision_isapi/DS-7616NI-K2.json"),
        ] {
            // Key order of the JSON rendering = element order of the device's XML.
            let text = String(decoding: try Corpus.bytes(sample), as: UTF8.self)
            guard let start = text.range(of: "\"DeviceInfo\": {"), let end = text[start.upperBound...].range(of: "}")
            else {
                Issue.record("\(sample): no DeviceInfo object")
                continue
            }
            let sampleOrder = text[start.upperBound..<end.lowerBound].matches(of: #/"([A-Za-z]+)":/#).map {
                String($0.1)
            }
            let fields = try #require(try Harness.persona(persona).http?.isapi?.fields.map(\.name))
            #expect(fields == sampleOrder, "\(persona) vs \(sample)")
        }
    }

    @Test("ONVIF device service per persona", arguments: HTTPPersonaExpectation.all)
    func onvif(_ expected: HTTPPersonaExpectation) async throws {
        let camera = try Harness.camera(expected.persona, credentials: HTTPHarness.credentials)
        let faultStatus = try Harness.persona(expected.persona).http?.onvif?.fault_status ?? 400
        let log = CapturedLog()
        try await HTTPHarness.withCamera(camera, log: log) { _, port in
            try await Harness.blocking {
                let client = try HTTPTestClient(port: port)
                let soap = "application/soap+xml; charset=utf-8"
                let time = try client.request(
                    "POST",
                    "/onvif/device_service",
                    body: HTTPTestAuth.soap("GetSystemDateAndTime"),
                    contentType: soap
                )
                #expect(time.status == 200)
                #expect(time.header("Content-Type")?.hasPrefix("application/soap+xml") == true)
                let refused = try client.request(
                    "POST",
                    "/onvif/device_service",
                    body: HTTPTestAuth.soap("GetDeviceInformation"),
                    contentType: soap
                )
                #expect(refused.status == faultStatus, "\(expected.persona): fault status")
                #expect(HTTPTestXML(refused.body)?.texts("Value").contains("ter:NotAuthorized") == true)
                func call(_ operation: String) throws -> HTTPTestXML? {
                    let body = HTTPTestAuth.soap(operation, user: Self.user, password: Self.password, created: Date())
                    let answer = try client.request("POST", "/onvif/device_service", body: body, contentType: soap)
                    #expect(answer.status == 200, "\(expected.persona) \(operation): \(answer.bodyText)")
                    return HTTPTestXML(answer.body)
                }
                let info = try #require(try call("GetDeviceInformation"))
                #expect(info.text("Manufacturer") == expected.manufacturer)
                #expect(info.text("Model") == expected.model)
                #expect(info.text("SerialNumber") == expected.serial)
                #expect(info.text("FirmwareVersion")?.isEmpty == false)
                #expect(info.text("HardwareId")?.isEmpty == false)
                #expect(try call("GetNetworkInterfaces")?.text("HwAddress") == expected.mac)
                let scopes = try call("GetScopes")?.texts("ScopeItem") ?? []
                #expect(scopes.contains("onvif://www.onvif.org/hardware/\(expected.model)"), "\(scopes)")
                let unknown = try client.request(
                    "POST",
                    "/onvif/device_service",
                    body: HTTPTestAuth.soap("GetUsers"),
                    contentType: soap
                )
                #expect(unknown.status == 500)
            }
        }
        #expect(log.lines.isEmpty, "missing credentials are not failed logins: \(log.lines)")
    }

    @Test("ONVIF with the camera 3 h ahead: Created from the camera's clock passes, the local clock fails")
    func clockOffset() async throws {
        var camera = try Harness.camera("hikvision-ipc", credentials: HTTPHarness.credentials)
        camera.clockOffsetSeconds = 3 * 3600
        let log = CapturedLog()
        try await HTTPHarness.withCamera(camera, log: log) { _, port in
            try await Harness.blocking {
                let client = try HTTPTestClient(port: port)
                let soap = "application/soap+xml"
                let time = try client.request(
                    "POST",
                    "/onvif/device_service",
                    body: HTTPTestAuth.soap("GetSystemDateAndTime"),
                    contentType: soap
                )
                let xml = try #require(HTTPTestXML(time.body))
                // UTCDateTime comes first: Time (Hour, Minute, Second), Date (Year, Month, Day).
                let numbers = ["Year", "Month", "Day", "Hour", "Minute", "Second"].map { Int(xml.text($0) ?? "") ?? -1 }
                var components = DateComponents()
                (components.year, components.month, components.day) = (numbers[0], numbers[1], numbers[2])
                (components.hour, components.minute, components.second) = (numbers[3], numbers[4], numbers[5])
                components.timeZone = TimeZone(identifier: "UTC")
                let cameraTime = try #require(Calendar(identifier: .gregorian).date(from: components))
                let offset = cameraTime.timeIntervalSinceNow
                #expect(abs(offset - 10_800) < 120, "camera clock is \(offset) s from ours")

                let local = HTTPTestAuth.soap(
                    "GetDeviceInformation",
                    user: Self.user,
                    password: Self.password,
                    created: Date()
                )
                let rejected = try client.request("POST", "/onvif/device_service", body: local, contentType: soap)
                #expect(rejected.status == 401)
                #expect(rejected.bodyText.contains("ter:NotAuthorized"))
                let synced = HTTPTestAuth.soap(
                    "GetDeviceInformation",
                    user: Self.user,
                    password: Self.password,
                    created: cameraTime
                )
                let accepted = try client.request("POST", "/onvif/device_service", body: synced, contentType: soap)
                #expect(accepted.status == 200)
                #expect(HTTPTestXML(accepted.body)?.text("Manufacturer") == "HIKVISION")
            }
        }
        #expect(log.lines == ["auth-failure camera=hikvision-ipc channel=onvif user=admin"])
    }

    @Test("ONVIF accepts HTTP Digest instead of WS-Security (and its 401 fault carries the challenge)")
    func onvifHTTPDigest() async throws {
        let camera = try Harness.camera("hikvision-ipc", credentials: HTTPHarness.credentials)
        try await HTTPHarness.withCamera(camera) { _, port in
            try await Harness.blocking {
                let client = try HTTPTestClient(port: port)
                let body = HTTPTestAuth.soap("GetDeviceInformation")
                let fault = try client.request(
                    "POST",
                    "/onvif/device_service",
                    body: body,
                    contentType: "application/soap+xml"
                )
                let challenge = try #require(fault.header("WWW-Authenticate"))
                let authorization = HTTPTestAuth.digest(
                    challenge: challenge,
                    user: Self.user,
                    password: Self.password,
                    method: "POST",
                    uri: "/onvif/device_service"
                )
                let answer = try client.request(
                    "POST",
                    "/onvif/device_service",
                    headers: [("Authorization", authorization)],
                    body: body,
                    contentType: "application/soap+xml"
                )
                #expect(answer.status == 200)
                #expect(HTTPTestXML(answer.body)?.text("Model") == "DS-2CD2146G2-ISU")
            }
        }
    }

    @Test("ISAPI with a wrong password: 401, one auth-failure line without the password")
    func isapiWrongPassword() async throws {
        let camera = try Harness.camera("hikvision-oem", credentials: HTTPHarness.credentials)
        let log = CapturedLog()
        try await HTTPHarness.withCamera(camera, log: log) { _, port in
            try await Harness.blocking {
                let client = try HTTPTestClient(port: port)
                let path = "/ISAPI/System/deviceInfo"
                let challenge = try client.request("GET", path).header("WWW-Authenticate") ?? ""
                let wrong = HTTPTestAuth.digest(
                    challenge: challenge,
                    user: "admin",
                    password: "wrong-pass",
                    method: "GET",
                    uri: path
                )
                let answer = try client.request("GET", path, headers: [("Authorization", wrong)])
                #expect(answer.status == 401)
                #expect(!answer.bodyText.contains("DeviceInfo"))
            }
        }
        #expect(log.lines == ["auth-failure camera=hikvision-oem channel=isapi user=admin"])
        #expect(log.lines.allSatisfy { !$0.contains("wrong-pass") && !$0.contains(Self.password) })
    }
}
