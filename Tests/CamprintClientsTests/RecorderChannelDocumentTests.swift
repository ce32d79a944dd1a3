import CamprintClients
import CamprintTestSupport
import Foundation
import Testing

/// ISAPI InputProxy documents of real recorders (Samples/captures/hikvision-family/
/// hikvision-isapi-inputproxy-*) → ``RecorderChannel`` values, and hostile documents stay bounded.
@Suite struct RecorderChannelDocumentTests {
    /// The evidence of a capture file: everything after its `# ` header and the empty line.
    static func capture(_ name: String) throws -> [UInt8] {
        let url = Samples.root.appendingPathComponent("captures/hikvision-family/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let body = try #require(text.range(of: "\n\n")).upperBound
        return Array(text[body...].utf8)
    }

    @Test func aRealRecorderListOfThirteenChannels() throws {
        let channels = try RecorderChannelDocument.parse(
            Self.capture("hikvision-isapi-inputproxy-nvr-10-18-176-64-01.txt")
        )
        #expect(channels.map(\.id) == Array(1...13))
        let first = try #require(channels.first)
        #expect(first.name == "摄像机12")
        #expect(first.proxyProtocol == "HIKVISION")
        #expect(first.addressingFormatType == "ipaddress")
        #expect(first.address == "10.18.176.10")
        #expect(first.port == 8000)
        #expect(first.sourceInput == 1)
        #expect(first.model == "DS-2DF8C832MX-ZDK")
        #expect(first.serialNumber == "SN-TEST-008")
        #expect(first.firmwareVersion == "V5.10.0 build 260519")
        #expect(first.manufacturer == nil)
        #expect(first.online == nil)
        let onvif = channels[7]
        #expect(onvif.id == 8)
        #expect(onvif.proxyProtocol == "ONVIF")
        #expect(onvif.address == "192.168.10.12")
        #expect(onvif.port == 2020)
        #expect(onvif.model == "TL-IPC55A")
        #expect(onvif.firmwareVersion == "1.0.16 Build 260623 Rel.59092n")
        // The cascaded recorder's second input.
        #expect(channels[6].sourceInput == 2 && channels[6].model == "DS-7804N-R2/4P(C)")
    }

    @Test func aRealRecorderListOfTwoChannels() throws {
        let channels = try RecorderChannelDocument.parse(
            Self.capture("hikvision-isapi-inputproxy-nvr-192-168-10-17-01.txt")
        )
        #expect(channels.count == 2)
        #expect(channels.map(\.address) == ["192.168.254.2", "192.168.254.5"])
        #expect(channels.allSatisfy { $0.model == "DS-2CD3T86FWDV3-I3S" && $0.proxyProtocol == "HIKVISION" })
    }

    @Test func aRealChannelStatusMergesIntoTheList() throws {
        let status = try RecorderChannelDocument.parse(Self.capture("hikvision-isapi-inputproxy-status-ds7708-01.txt"))
        #expect(status.count == 1)
        #expect(status.first?.online == true)
        #expect(status.first?.detectResult == "connect")
        let list = try RecorderChannelDocument.parse(
            Self.capture("hikvision-isapi-inputproxy-nvr-192-168-10-17-01.txt")
        )
        let merged = RecorderChannelDocument.merging(list, status: status)
        #expect(merged[0].online == true && merged[0].detectResult == "connect")
        #expect(merged[1].online == nil)
        #expect(merged[0].model == "DS-2CD3T86FWDV3-I3S")
    }

    @Test func credentialsInTheDocumentAreNotRead() throws {
        let xml = """
            <InputProxyChannelList><InputProxyChannel><id>3</id><sourceInputPortDescriptor>\
            <proxyProtocol>ONVIF</proxyProtocol><ipAddress>10.0.0.9</ipAddress><userName>admin</userName>\
            <password>hunter2</password></sourceInputPortDescriptor></InputProxyChannel></InputProxyChannelList>
            """
        let channels = try RecorderChannelDocument.parse(Array(xml.utf8))
        #expect(channels.count == 1)
        #expect(!String(describing: channels).contains("hunter2"))
        #expect(!String(describing: channels).contains("admin"))
    }

    @Test func otherDocumentsAreNotChannelLists() {
        #expect(throws: RecorderChannelDocument.Failure.notAChannelList) {
            try RecorderChannelDocument.parse(Array("<DeviceInfo><model>DS-1</model></DeviceInfo>".utf8))
        }
        #expect(throws: RecorderChannelDocument.Failure.documentTypeDeclaration) {
            try RecorderChannelDocument.parse(
                Array(#"<!DOCTYPE x [<!ENTITY a "b">]><InputProxyChannelList/>"#.utf8)
            )
        }
        // A truncated list gives the channels that were complete, here none.
        let truncated = try? RecorderChannelDocument.parse(
            Array("<InputProxyChannelList><InputProxyChannel><id>1".utf8)
        )
        #expect((truncated ?? []).isEmpty)
    }

    @Test func tenThousandChannelsStopAtTheLimit() throws {
        var xml = "<InputProxyChannelList>"
        for id in 1...10_000 {
            xml += "<InputProxyChannel><id>\(id)</id><sourceInputPortDescriptor><proxyProtocol>HIKVISION"
            xml += "</proxyProtocol><ipAddress>10.1.\(id / 256).\(id % 256)</ipAddress></sourceInputPortDescriptor>"
            xml += "</InputProxyChannel>"
        }
        xml += "</InputProxyChannelList>"
        let start = ContinuousClock.now
        let channels = try RecorderChannelDocument.parse(Array(xml.utf8))
        #expect(channels.count == RecorderChannelDocument.maximumChannels)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func deepNestingAndHugeValuesStayBounded() throws {
        let deep =
            "<InputProxyChannelList><InputProxyChannel><id>1</id>" + String(repeating: "<a>", count: 5_000)
            + String(repeating: "</a>", count: 5_000) + "</InputProxyChannel></InputProxyChannelList>"
        let nested = try RecorderChannelDocument.parse(Array(deep.utf8))
        #expect(nested.count <= 1)
        let long = String(repeating: "D", count: 200_000)
        let huge =
            "<InputProxyChannelList><InputProxyChannel><id>1</id><sourceInputPortDescriptor><model>\(long)</model>"
            + "</sourceInputPortDescriptor></InputProxyChannel></InputProxyChannelList>"
        let channels = try RecorderChannelDocument.parse(Array(huge.utf8))
        #expect(channels.count == 1)
        #expect((channels.first?.model?.count ?? 0) <= RecorderChannelDocument.maximumValueLength)
        // Ids that are not channel numbers, and repeated ids, give no channel twice.
        let odd =
            "<InputProxyChannelList><InputProxyChannel><id>0</id></InputProxyChannel><InputProxyChannel><id>x</id>"
            + "</InputProxyChannel><InputProxyChannel><id>2</id></InputProxyChannel><InputProxyChannel><id>2</id>"
            + "</InputProxyChannel></InputProxyChannelList>"
        #expect(try RecorderChannelDocument.parse(Array(odd.utf8)).map(\.id) == [2])
    }
}
