import CamprintTestcam
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Discovery responders (SADP, WS-Discovery, SSDP, DHIP) of a fleet on 127.0.77.x, an address
/// block no other test uses; RTSP 10554 and HTTP 10080 on every address.
@Suite(
    "Discovery responders",
    .serialized,
    .enabled(if: UDPTestClient.canBind("127.0.77.250"), "this kernel does not let UDP bind 127.0.77.x")
)
struct DiscoveryTests {
    static let fleetYAML = """
        hosts: 127.0.77.1
        base_port: 10554
        http_base_port: 10080
        cameras:
          - persona: hikvision-ipc
            media: \(Harness.h264_720p)
          - persona: dahua-ipc
            media: \(Harness.h264_720p)
          - persona: axis
            media: \(Harness.h264_720p)
          - persona: hikvision-ipc
            media: \(Harness.h264_720p)
            rtsp: false
            http: false
            discovery: [sadp]
            identity: {model: DS-2CD2T47G1-L, serial: DS-2CD2T47G1-L20190522AAWRD22374804, mac: 686dbc3b52dd}
        """

    /// Runs `body` with the fleet started, then stops it.
    static func withFleet(_ body: ([BoundListener]) async throws -> Void) async throws {
        let specs = try FleetFile(yaml: fleetYAML).listeners(
            baseDirectory: "/",
            personaDirectory: Harness.personaDirectory,
            cache: Harness.cache
        )
        let server = TestcamServer(threads: 1)
        do {
            let bound = try await server.start(specs)
            try await body(bound)
            await server.shutdown()
        } catch {
            await server.shutdown()
            throw error
        }
    }

    static func sadpProbe(_ uuid: String) -> [UInt8] {
        Array(
            #"<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>\#(uuid)</Uuid><Types>inquiry</Types></Probe>"#.utf8
        )
    }

    static func wsdProbe(messageID: String, types: String = "dn:NetworkVideoTransmitter") -> [UInt8] {
        Array(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">
            <e:Header><w:MessageID>\(messageID)</w:MessageID><w:To e:mustUnderstand="true">urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To><w:Action e:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action></e:Header>
            <e:Body><d:Probe><d:Types>\(types)</d:Types></d:Probe></e:Body></e:Envelope>
            """.utf8
        )
    }

    static func mSearch(_ st: String) -> [UInt8] {
        Array("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: \(st)\r\n\r\n".utf8)
    }

    static func dhipSearch(mac: String = "") -> [UInt8] {
        let json = Array(#"{"method":"DHDiscover.search","params":{"mac":"\#(mac)","uni":1}}"#.utf8)
        return DiscoveryAnswers.dhipHeader(length: json.count) + json
    }

    @Test("SADP: the ProbeMatch echoes the Uuid and carries model, serial, MAC, address and HTTP port")
    func sadp() async throws {
        try await Self.withFleet { bound in
            #expect(bound[0].readyLines[0].hasSuffix("discovery=sadp,ws-discovery"), "\(bound[0].readyLines)")
            let answer = try await Harness.blocking {
                try UDPTestClient().exchange(Self.sadpProbe("e8ecfe09-90e4-44c0-842b-703f46b58c81"), host: "127.0.77.1", port: 37020)
            }
            let text = try #require(answer)
            #expect(text.contains("<ProbeMatch>"))
            #expect(text.contains("<Uuid>e8ecfe09-90e4-44c0-842b-703f46b58c81</Uuid>"))
            #expect(text.contains("<DeviceDescription>DS-2CD2146G2-ISU</DeviceDescription>"))
            #expect(text.contains("<DeviceSN>DS-2CD2146G2-ISU20230115AAWRJ12345678</DeviceSN>"))
            #expect(text.contains("<MAC>50-e5-38-c2-87-50</MAC>"))
            #expect(text.contains("<IPv4Address>127.0.77.1</IPv4Address>"))
            #expect(text.contains("<HttpPort>10080</HttpPort>"))
            #expect(text.contains("<SoftwareVersion>V5.7.3build 220112</SoftwareVersion>"))
            #expect(text.contains("<DetailOEMCode>1</DetailOEMCode>"))
        }
    }

    @Test("WS-Discovery: RelatesTo = the Probe's MessageID, vendor scopes, XAddrs on the camera's HTTP port")
    func wsDiscovery() async throws {
        try await Self.withFleet { _ in
            let (hik, dahua, other) = try await Harness.blocking {
                let client = try UDPTestClient()
                let hik = client.exchange(
                    Self.wsdProbe(messageID: "uuid:bfe8bb88-03a2-4e1a-904a-59a7d2882649"),
                    host: "127.0.77.1",
                    port: 3702
                )
                let dahua = client.exchange(
                    Self.wsdProbe(messageID: "urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a", types: "tds:Device"),
                    host: "127.0.77.2",
                    port: 3702
                )
                let other = client.exchange(
                    Self.wsdProbe(messageID: "uuid:1", types: "dn:SomethingElse"),
                    host: "127.0.77.1",
                    port: 3702,
                    timeout: 0.5
                )
                return (hik, dahua, other)
            }
            let hikText = try #require(hik)
            #expect(hikText.contains("<wsadis:RelatesTo>uuid:bfe8bb88-03a2-4e1a-904a-59a7d2882649</wsadis:RelatesTo>"))
            #expect(hikText.contains("onvif://www.onvif.org/name/HIKVISION%20DS-2CD2146G2-ISU"))
            #expect(hikText.contains("onvif://www.onvif.org/location/city/hangzhou"))
            #expect(hikText.contains("onvif://www.onvif.org/MAC/50:e5:38:c2:87:50"))
            #expect(hikText.contains("<d:XAddrs>http://127.0.77.1:10080/onvif/device_service</d:XAddrs>"))
            #expect(hikText.contains("urn:uuid:aa85c000-6324-11b3-819e-50e538c28750"))
            #expect(wellFormedXML(hikText))
            let dahuaText = try #require(dahua)
            #expect(dahuaText.contains("<a:RelatesTo>urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a</a:RelatesTo>"))
            #expect(dahuaText.contains("onvif://www.onvif.org/name/Dahua"))
            #expect(dahuaText.contains("onvif://www.onvif.org/hardware/IPC-HDW1431T1-S4"))
            #expect(dahuaText.contains("onvif://www.onvif.org/location/country/china"))
            #expect(dahuaText.contains("http://127.0.77.2:10080/onvif/device_service"))
            #expect(wellFormedXML(dahuaText))
            #expect(other == nil, "a Probe for other types gets no answer")
        }
    }

    @Test("SSDP: M-SEARCH answers with LOCATION, and the camera's HTTP server serves the description")
    func ssdp() async throws {
        try await Self.withFleet { _ in
            let (all, basic, description, hikvision) = try await Harness.blocking {
                let client = try UDPTestClient()
                client.send(Self.mSearch("ssdp:all"), to: "127.0.77.3", port: 1900)
                let all = client.receive(timeout: 2, limit: 4).map { String(decoding: $0.bytes, as: UTF8.self) }
                let basic = client.exchange(Self.mSearch("urn:axis-com:service:BasicService:1"), host: "127.0.77.3", port: 1900)
                let description = plainHTTPGet(host: "127.0.77.3", port: 10080, path: "/rootdesc1.xml")
                let hikvision = client.exchange(Self.mSearch("ssdp:all"), host: "127.0.77.1", port: 1900, timeout: 0.5)
                return (all, basic, description, hikvision)
            }
            #expect(all.count == 4, "rootdevice, UDN, device type, service type: \(all)")
            let text = try #require(basic)
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.contains("\r\nLOCATION: http://127.0.77.3:10080/rootdesc1.xml\r\n"))
            #expect(text.contains("\r\nST: urn:axis-com:service:BasicService:1\r\n"))
            #expect(text.contains("\r\nUSN: uuid:Upnp-BasicDevice-1_0-ACCC8E0A1B2C::urn:axis-com:service:BasicService:1\r\n"))
            #expect(text.contains("SERVER: Linux/2.6.35, UPnP/1.0, Portable SDK for UPnP devices/1.6.18"))
            #expect(description.hasPrefix("HTTP/1.1 200"))
            #expect(description.contains("<modelName>AXIS M3045-V</modelName>"))
            #expect(description.contains("<UDN>uuid:Upnp-BasicDevice-1_0-ACCC8E0A1B2C</UDN>"))
            #expect(hikvision == nil, "the Hikvision persona answers no SSDP")
        }
    }

    @Test("DHIP: same header layout and the client.notifyDevInfo JSON with the camera's values")
    func dhip() async throws {
        try await Self.withFleet { _ in
            let (answer, otherMAC) = try await Harness.blocking {
                let client = try UDPTestClient()
                client.send(Self.dhipSearch(), to: "127.0.77.2", port: 37810)
                let answer = client.receive(timeout: 2).first?.bytes
                client.send(Self.dhipSearch(mac: "00:11:22:33:44:55"), to: "127.0.77.2", port: 37810)
                let other = client.receive(timeout: 0.5).first?.bytes
                return (answer, other)
            }
            let bytes = try #require(answer)
            try #require(bytes.count > 32)
            func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
            #expect(u32(0) == 0x20)
            #expect(Array(bytes[4..<8]) == Array("DHIP".utf8))
            #expect(u32(16) == bytes.count - 32)
            #expect(u32(24) == bytes.count - 32)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes[32...])) as? [String: Any])
            #expect(json["method"] as? String == "client.notifyDevInfo")
            #expect(json["mac"] as? String == "3c:ef:8c:5d:2a:17")
            let info = (json["params"] as? [String: Any])?["deviceInfo"] as? [String: Any]
            #expect(info?["DeviceType"] as? String == "IPC-HDW1431T1-S4")
            #expect(info?["HttpPort"] as? Int == 10080)
            #expect((info?["IPv4Address"] as? [String: Any])?["IPAddress"] as? String == "127.0.77.2")
            #expect(info?["SerialNo"] as? String == "4H01D66PAJ2FA64")
            #expect(otherMAC == nil, "a search for another MAC gets no answer")
        }
    }

    @Test("garbage, oversized and truncated requests get no answer and do not stop the responders")
    func hostile() async throws {
        try await Self.withFleet { _ in
            let results = try await Harness.blocking {
                let client = try UDPTestClient()
                var silent: [String: Bool] = [:]
                let oversized = Array(repeating: UInt8(ascii: " "), count: 9_000) + Self.sadpProbe("u-1")
                let garbage: [(String, String, Int, [UInt8])] = [
                    ("sadp random", "127.0.77.1", 37020, (0..<300).map { _ in UInt8.random(in: 0...255) }),
                    ("sadp oversized", "127.0.77.1", 37020, oversized),
                    ("sadp bad uuid", "127.0.77.1", 37020, Self.sadpProbe("<x>&amp;")),
                    ("sadp truncated", "127.0.77.1", 37020, Array(Self.sadpProbe("u-2").prefix(40))),
                    ("wsd no MessageID", "127.0.77.1", 3702, Self.wsdProbe(messageID: "")),
                    ("wsd random", "127.0.77.2", 3702, (0..<2_000).map { _ in UInt8.random(in: 0...255) }),
                    ("ssdp no MAN", "127.0.77.3", 1900, Array("M-SEARCH * HTTP/1.1\r\nST: ssdp:all\r\n\r\n".utf8)),
                    ("ssdp NOTIFY", "127.0.77.3", 1900, Array("NOTIFY * HTTP/1.1\r\nNTS: ssdp:alive\r\n\r\n".utf8)),
                    ("dhip header only", "127.0.77.2", 37810, DiscoveryAnswers.dhipHeader(length: 60)),
                    ("dhip bad json", "127.0.77.2", 37810, DiscoveryAnswers.dhipHeader(length: 5) + Array("{\"me".utf8)),
                    ("dhip other method", "127.0.77.2", 37810, DiscoveryAnswers.dhipHeader(length: 20) + Array(#"{"method":"x.y"}"#.utf8)),
                    ("empty", "127.0.77.2", 37810, []),
                ]
                for (name, host, port, bytes) in garbage {
                    client.send(bytes, to: host, port: port)
                    silent[name] = client.receive(timeout: 0.3).isEmpty
                }
                let still = [
                    client.exchange(Self.sadpProbe("after-garbage"), host: "127.0.77.1", port: 37020) != nil,
                    client.exchange(Self.wsdProbe(messageID: "uuid:after"), host: "127.0.77.2", port: 3702) != nil,
                    client.exchange(Self.mSearch("upnp:rootdevice"), host: "127.0.77.3", port: 1900) != nil,
                    client.exchange(Self.dhipSearch(), host: "127.0.77.2", port: 37810) != nil,
                ]
                return (silent, still)
            }
            for (name, quiet) in results.0 { #expect(quiet, "\(name) was answered") }
            #expect(results.1 == [true, true, true, true], "responders still answer after garbage")
        }
    }

    @Test("rtsp: false has no RTSP listener; discovery: [sadp] answers SADP only; every address has 10554 and 10080")
    func sadpOnlyDevice() async throws {
        try await Self.withFleet { bound in
            let sadpOnly = try #require(bound.first { $0.host == "127.0.77.4" })
            #expect(!sadpOnly.rtsp)
            #expect(sadpOnly.readyLines == ["READY 127.0.77.4:0 hikvision-ipc /Streaming/Channels/101 discovery=sadp rtsp=off"])
            let (rtsp, http, sadp, wsd, others) = try await Harness.blocking {
                let client = try UDPTestClient()
                let sadp = client.exchange(Self.sadpProbe("only-sadp"), host: "127.0.77.4", port: 37020)
                let wsd = client.exchange(Self.wsdProbe(messageID: "uuid:x"), host: "127.0.77.4", port: 3702, timeout: 0.5)
                let others = ["127.0.77.1", "127.0.77.2", "127.0.77.3"].map {
                    tcpConnects(host: $0, port: 10554) && tcpConnects(host: $0, port: 10080)
                }
                return (
                    tcpConnects(host: "127.0.77.4", port: 10554), tcpConnects(host: "127.0.77.4", port: 10080), sadp, wsd,
                    others
                )
            }
            #expect(!rtsp, "no RTSP listener")
            #expect(!http, "no HTTP server")
            #expect(sadp?.contains("<DeviceDescription>DS-2CD2T47G1-L</DeviceDescription>") == true)
            #expect(sadp?.contains("<MAC>68-6d-bc-3b-52-dd</MAC>") == true)
            #expect(wsd == nil, "WS-Discovery is off for this camera")
            #expect(others == [true, true, true])
        }
    }
}

@Suite("Discovery: fleet options and answers without sockets")
struct DiscoveryFleetTests {
    static func specs(_ yaml: String) throws -> [ListenerSpec] {
        try FleetFile(yaml: yaml).listeners(
            baseDirectory: "/",
            personaDirectory: Harness.personaDirectory,
            cache: Harness.cache
        )
    }

    static func fleet(_ header: String, _ camera: String = "", count: Int = 1) -> String {
        """
        \(header)
        base_port: 10554
        http_base_port: 10080
        cameras:
          - persona: hikvision-ipc
            media: \(Harness.h264_720p)
            count: \(count)
        \(camera)
        """
    }

    @Test("with hosts: every camera gets base_port and http_base_port, discovery on its address, its own MAC")
    func hostsPorts() throws {
        let specs = try Self.specs(Self.fleet("hosts: 127.0.77.1", count: 3))
        #expect(specs.map(\.port) == [10554, 10554, 10554])
        let cameras = specs.flatMap(\.cameras)
        #expect(cameras.map { $0.http?.port } == [10080, 10080, 10080])
        #expect(cameras.map { $0.discovery?.host } == ["127.0.77.1", "127.0.77.2", "127.0.77.3"])
        #expect(cameras.allSatisfy { $0.discovery?.channels == [.sadp, .wsDiscovery] })
        #expect(Set(cameras.compactMap { $0.identity["mac"] }).count == 3)
        #expect(cameras[1].identity["mac"] == "50e538c28751")
    }

    @Test("no responders on a shared address, with discovery: false, or with discovery: []")
    func responderSwitches() throws {
        #expect(try Self.specs(Self.fleet("host: 127.0.0.1", count: 2)).flatMap(\.cameras).allSatisfy { $0.discovery == nil })
        #expect(
            try Self.specs(Self.fleet("hosts: 127.0.77.1\ndiscovery: false")).flatMap(\.cameras).allSatisfy {
                $0.discovery == nil
            }
        )
        let text = Self.fleet("hosts: 127.0.77.1").replacingOccurrences(of: "count: 1", with: "count: 1\n    discovery: []")
        #expect(try Self.specs(text).flatMap(\.cameras).allSatisfy { $0.discovery == nil })
    }

    @Test("rtsp: false gives a listener spec that is not bound; unknown or missing channels are refused")
    func options() throws {
        let text = Self.fleet("hosts: 127.0.77.1").replacingOccurrences(
            of: "count: 1",
            with: "count: 1\n    rtsp: false\n    discovery: [sadp]"
        )
        let specs = try Self.specs(text)
        #expect(specs.map(\.rtsp) == [false])
        #expect(specs[0].cameras[0].discovery?.channels == [.sadp])
        let unknown = Self.fleet("hosts: 127.0.77.1").replacingOccurrences(of: "count: 1", with: "count: 1\n    discovery: [mdns]")
        #expect(throws: PersonaError.self) { _ = try FleetFile(yaml: unknown) }
        let missing = Self.fleet("hosts: 127.0.77.1").replacingOccurrences(of: "count: 1", with: "count: 1\n    discovery: [dhip]")
        #expect(throws: PersonaError.self) { _ = try Self.specs(missing) }
    }

    @Test("every persona's discovery section renders: XML answers parse, DHIP JSON parses")
    func personasRender() throws {
        for name in Harness.personaNames {
            let persona = try Harness.persona(name)
            guard let discovery = persona.discovery else { continue }
            let values = DiscoveryAnswers.values(
                identity: persona.identity,
                host: "127.0.77.9",
                httpPort: 10080,
                rtspPort: 10554
            )
            let answers = DiscoveryAnswers(persona: discovery, values: values)
            if discovery.sadp != nil {
                let reply = answers.answer(DiscoveryTests.sadpProbe("u-1"), on: .sadp)
                let text = String(decoding: try #require(reply.first, "\(name) sadp"), as: UTF8.self)
                #expect(wellFormedXML(text), "\(name) sadp")
                #expect(!text.contains("{"), "\(name) sadp leaves a placeholder: \(text)")
            }
            if discovery.wsDiscovery != nil {
                let reply = answers.answer(DiscoveryTests.wsdProbe(messageID: "uuid:m-1"), on: .wsDiscovery)
                let text = String(decoding: try #require(reply.first, "\(name) ws-discovery"), as: UTF8.self)
                #expect(wellFormedXML(text), "\(name) ws-discovery")
                #expect(!text.contains("{"), "\(name) ws-discovery leaves a placeholder")
            }
            if discovery.dhip != nil {
                let reply = try #require(answers.answer(DiscoveryTests.dhipSearch(), on: .dhip).first, "\(name) dhip")
                #expect(throws: Never.self) { _ = try JSONSerialization.jsonObject(with: Data(reply[32...])) }
                #expect(!String(decoding: reply[32...], as: UTF8.self).contains("{mac"), "\(name) dhip placeholder")
            }
            if discovery.ssdp != nil {
                let reply = answers.answer(DiscoveryTests.mSearch("upnp:rootdevice"), on: .ssdp)
                #expect(reply.count == 1, "\(name) ssdp")
                let description = try #require(answers.ssdpDescription(httpValues: [:]), "\(name) description")
                #expect(wellFormedXML(description), "\(name) description")
            }
        }
    }

    @Test("random datagrams never get an answer on any channel")
    func fuzz() throws {
        let persona = try Harness.persona("dahua-ipc")
        let discovery = try #require(persona.discovery)
        let hik = try #require(try Harness.persona("hikvision-ipc").discovery)
        let values = DiscoveryAnswers.values(identity: persona.identity, host: "127.0.77.9", httpPort: 80, rtspPort: 554)
        let answers = [DiscoveryAnswers(persona: discovery, values: values), DiscoveryAnswers(persona: hik, values: values)]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...600, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if Bool.random(using: &generator), bytes.count > 40 {
                // Valid-looking prefixes with garbage after them.
                let prefixes = [Array("DHIP".utf8), Array("<Probe><Uuid>".utf8), Array("M-SEARCH * HTTP/1.1\r\n".utf8)]
                let prefix = prefixes[Int.random(in: 0..<prefixes.count, using: &generator)]
                bytes.replaceSubrange(0..<prefix.count, with: prefix)
            }
            for responder in answers {
                for channel in DiscoveryChannel.allCases {
                    #expect(responder.answer(bytes, on: channel).isEmpty)
                }
            }
        }
    }
}

/// Whether `text` is well-formed XML.
func wellFormedXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}
