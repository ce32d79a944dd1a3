import CamprintTestSupport
import CamprintWire
import Foundation
import Testing

@testable import CamprintDiscovery

/// The answers as real devices sent them (Samples/captures, with their sources in each header).
@Suite struct DiscoveryMessagesTests {
    @Test func sadpInquiryAndProbeMatch() throws {
        let id = UUID()
        let request = String(
            decoding: try #require(DiscoveryMessages.requests(.sadp, to: "10.0.0.5", id: id).first),
            as: UTF8.self
        )
        #expect(request.contains("<Uuid>\(id.uuidString)</Uuid><Types>inquiry</Types>"))
        let answer = try Samples.bytes("captures/hikvision-family/hikvision-sadp-go-sadp-test-01.txt")
        let summary = try #require(DiscoveryMessages.summary(.sadp, answer: answer))
        #expect(summary.model == "DS-2CD2T47G1-L")
        #expect(summary.serialNumber == "DS-2CD2T47G1-L20190522AAWRD22374804")
        #expect(summary.mac == "68:6d:bc:3b:52:dd")
        #expect(summary.firmware == "V5.6.5build 200316")
        #expect(summary.httpPort == 80)
        // Our own inquiry echoed back (a loop, or another SADP client) is not an answer.
        #expect(DiscoveryMessages.summary(.sadp, answer: Array(request.utf8)) == nil)
    }

    @Test func wsDiscoveryProbesAndHello() throws {
        let requests = DiscoveryMessages.requests(.wsd, to: "10.0.0.5", id: UUID()).map {
            String(decoding: $0, as: UTF8.self)
        }
        #expect(requests.count == 2)
        #expect(requests[0].contains("<d:Types>dn:NetworkVideoTransmitter</d:Types>"))
        #expect(requests[1].contains("<d:Types>tds:Device</d:Types>"))
        #expect(Set(requests.map { XMLText.first("MessageID", in: $0) }).count == 2)
        let answer = try Samples.bytes("captures/dahua-uniview-clones/dahua-wsd-elixir-onvif-hello-01.txt")
        let summary = try #require(DiscoveryMessages.summary(.wsd, answer: answer))
        #expect(summary.manufacturer == "Dahua")
        #expect(summary.model == "IPC-HFW2228M-I1-V2")
        #expect(summary.urls == ["http://192.168.1.45/onvif/device_service"])
    }

    @Test func dhipFrameRoundTripsTheCapturedAnswer() throws {
        let text = String(
            decoding: try Samples.bytes("captures/dahua-uniview-clones/intelbras-dhip-udp-mib-37810-01.txt"),
            as: UTF8.self
        )
        let line = try #require(text.split(separator: "\n").first { $0.contains("DHIP") && $0.contains("{\"mac\"") })
        let json = try #require(line.firstIndex(of: "{").map { line[$0...] })
        let end = try #require(json.lastIndex(of: "}"))
        let frame = DHIPFrame.encode(Array(json[...end].utf8))
        #expect(Array(frame[0..<8]) == [0x20, 0, 0, 0] + Array("DHIP".utf8))
        let summary = try #require(DiscoveryMessages.summary(.dhip, answer: frame))
        #expect(summary.mac == "58:10:8c:4d:3b:fa")
        #expect(summary.model == "MHDX 1016")
        #expect(summary.serialNumber == "O9RF220012635")
        #expect(summary.manufacturer == "Intelbras")
        #expect(summary.firmware == "3.210.IB01.3")
        #expect(summary.httpPort == 1101)
        let request = try #require(DiscoveryMessages.requests(.dhip, to: "10.0.0.5", id: UUID()).first)
        #expect(String(decoding: try #require(DHIPFrame.body(request)), as: UTF8.self).contains("DHDiscover.search"))
    }

    @Test func ssdpSearchAndLocation() throws {
        let request = String(
            decoding: try #require(DiscoveryMessages.requests(.ssdp, to: "10.0.0.5", id: UUID()).first),
            as: UTF8.self
        )
        #expect(request.hasPrefix("M-SEARCH * HTTP/1.1\r\nHOST: 10.0.0.5:1900\r\n"))
        #expect(!request.contains("MX:"))
        let answer = Array(
            "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://10.0.0.5:8080/desc.xml\r\nST: upnp:rootdevice\r\n\r\n"
                .utf8
        )
        var summary = try #require(DiscoveryMessages.summary(.ssdp, answer: answer))
        #expect(summary.urls == ["http://10.0.0.5:8080/desc.xml"])
        DiscoveryMessages.addDescription(
            Array(
                "<root><device><manufacturer>Maker</manufacturer><modelName>M-1</modelName><serialNumber>S1</serialNumber></device></root>"
                    .utf8
            ),
            to: &summary
        )
        #expect(summary.manufacturer == "Maker")
        #expect(summary.model == "M-1")
        #expect(summary.serialNumber == "S1")
    }

    @Test func garbageIsNoAnswer() {
        for channel in DiscoveryChannel.udp {
            #expect(DiscoveryMessages.summary(channel, answer: []) == nil)
            #expect(DiscoveryMessages.summary(channel, answer: Array(repeating: 0x3C, count: 70000)) == nil)
        }
        #expect(DHIPFrame.body(Array("xxxxDHIP".utf8)) == nil)
        #expect(XMLText.first("A", in: "<A>" + String(repeating: "x", count: 5000) + "</A>") == nil)
        #expect(MACAddress.normalized("58-50-ed-1f-e3-85") == "58:50:ed:1f:e3:85")
        #expect(MACAddress.normalized("5850ed1fe385") == "58:50:ed:1f:e3:85")
        #expect(MACAddress.normalized("not a mac at all") == nil)
    }

    @Test func neighbourTableKeepsCompleteEntries() {
        let table = NeighbourTable(
            procNetARP: """
                IP address       HW type     Flags       HW address            Mask     Device
                192.168.1.64     0x1         0x2         58:50:ed:1f:e3:85     *        eth0
                192.168.1.65     0x1         0x0         00:00:00:00:00:00     *        eth0
                192.168.1.66     0x1         0x6         BC:AD:28:01:02:03     *        eth0
                """
        )
        #expect(table.macs == ["192.168.1.64": "58:50:ed:1f:e3:85", "192.168.1.66": "bc:ad:28:01:02:03"])
    }
}
