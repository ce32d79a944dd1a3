import CamprintClients
import CamprintRTSP
import CamprintReport
import CamprintSDP
import CamprintTestSupport
import Foundation
import Testing

@Suite("Control plane against well-behaved servers", .dedicatedExecutor)
struct ControlPlaneTests {
    @Test func optionsThenDescribeKeepsBytesAndTimes() async throws {
        let server = try await TestRTSPServer.start(respond: Responses.camera())
        defer { Task { await server.stop() } }
        let result = await ControlPlaneClient(options: FaultServerTests.options).probe(try RTSPURL(parsing: server.url))
        #expect(result.status == .ok, "\(result.failure?.message ?? "")")
        #expect(result.exchanges.map(\.method) == ["OPTIONS", "DESCRIBE"])
        #expect(server.requests.map(\.cseq) == ["1", "2"])
        // Not `requests[1]`: when a loaded machine times the probe out, an index out of range
        // would take the whole test process down with it.
        #expect(server.requests.dropFirst().first?.header("Accept") == "application/sdp")
        let describe = try #require(result.exchanges.last)
        let expected = Responses.response(
            "200 OK",
            cseq: "2",
            headers: ["Content-Type: application/sdp"],
            body: Responses.h264SDP
        )
        #expect(describe.rawResponse == expected, "kept byte for byte")
        #expect(describe.roundTrip.map { $0 > .zero && $0 < .seconds(1) } == true)
        #expect(result.sdpBytes == Array(Responses.h264SDP.utf8))
        #expect(result.tornDown == false, "no session, no TEARDOWN")
        #expect(server.connections == 1)
    }

    @Test func teardownWhenTheServerHandsOutASession() async throws {
        let server = try await TestRTSPServer.start { request in
            switch request.method {
            case "DESCRIBE":
                return .send(
                    Responses.response(
                        "200 OK",
                        cseq: request.cseq,
                        headers: ["Session: 12345678;timeout=60"],
                        body: Responses.h264SDP
                    )
                )
            default: return .send(Responses.response("200 OK", cseq: request.cseq))
            }
        }
        defer { Task { await server.stop() } }
        let result = await ControlPlaneClient(options: FaultServerTests.options).probe(try RTSPURL(parsing: server.url))
        #expect(result.status == .ok)
        #expect(result.tornDown)
        #expect(server.requests.map(\.method) == ["OPTIONS", "DESCRIBE", "TEARDOWN"])
        #expect(server.requests.last?.header("Session") == "12345678")
    }

    @Test func followsARedirect() async throws {
        let target = try await TestRTSPServer.start(respond: Responses.camera())
        defer { Task { await target.stop() } }
        let redirector = try await TestRTSPServer.start(
            respond: Responses.describeStatus("302 Moved Temporarily", headers: ["Location: \(target.url)"])
        )
        defer { Task { await redirector.stop() } }
        let result = await ControlPlaneClient(options: FaultServerTests.options).probe(
            try RTSPURL(parsing: redirector.url)
        )
        #expect(result.status == .ok, "\(result.failure?.message ?? "")")
        #expect(result.redirects == [target.url])
        #expect(result.finalURL.port == target.port)
    }

    @Test func atMostThreeRedirects() async throws {
        let server = try await TestRTSPServer.start(
            respond: Responses.describeStatus("301 Moved Permanently", headers: ["Location: /again"])
        )
        defer { Task { await server.stop() } }
        let result = await ControlPlaneClient(options: FaultServerTests.options).probe(try RTSPURL(parsing: server.url))
        #expect(result.failure?.code == "rtsp.redirect.too-many")
        #expect(result.redirects.count == 3)
        #expect(server.connections == 4, "one connection per hop, one at a time")
    }

    @Test(.enabled(if: IPv6Loopback.isAvailable, "no ::1 on this machine"))
    func ipv6Literal() async throws {
        let server = try await TestRTSPServer.start(host: "::1", respond: Responses.camera())
        defer { Task { await server.stop() } }
        let result = await ControlPlaneClient(options: FaultServerTests.options).probe(
            try RTSPURL(parsing: "rtsp://[::1]:\(server.port)/stream")
        )
        #expect(result.status == .ok, "\(result.failure?.message ?? "")")
        #expect(server.requests.first?.uri == "rtsp://[::1]:\(server.port)/stream")
        #expect(result.exchanges.first?.peer == "[::1]:\(server.port)")
    }

    @Test func hostNameResolves() async throws {
        let server = try await TestRTSPServer.start(respond: Responses.camera())
        defer { Task { await server.stop() } }
        let result = await ControlPlaneClient(options: FaultServerTests.options).probe(
            try RTSPURL(parsing: "rtsp://localhost:\(server.port)/stream")
        )
        #expect(result.status == .ok, "\(result.failure?.message ?? "")")
    }

    @Test func rtspsToAPlainServerIsATLSFailure() async throws {
        let server = try await TestRTSPServer.start(respond: Responses.camera())
        defer { Task { await server.stop() } }
        let result = await ControlPlaneClient(options: FaultServerTests.options).probe(
            try RTSPURL(parsing: "rtsps://127.0.0.1:\(server.port)/stream")
        )
        #expect(result.failure?.code == "rtsp.tls.failed", "\(result.failure?.message ?? "")")
        #expect(result.status == .unreachable)
    }
}

enum IPv6Loopback {
    static let isAvailable: Bool = {
        (try? String(contentsOfFile: "/proc/net/if_inet6", encoding: .utf8))?.contains(
            "00000000000000000000000000000001"
        ) ?? false
    }()
}

@Suite("RTSP URLs")
struct RTSPURLTests {
    @Test func userInfoIsDroppedAndFlagged() throws {
        let url = try RTSPURL(parsing: "rtsp://admin:p%40ss:word@10.0.0.5:8554/Streaming/Channels/101?x=1")
        #expect(url.hadUserInfo)
        #expect(url.description == "rtsp://10.0.0.5:8554/Streaming/Channels/101?x=1")
        #expect(!url.description.contains("admin"))
    }

    @Test func defaultsAndIPv6() throws {
        #expect(try RTSPURL(parsing: "rtsp://cam").port == 554)
        #expect(try RTSPURL(parsing: "RTSPS://cam").port == 322)
        let v6 = try RTSPURL(parsing: "rtsp://[fe80::1]:10554/a")
        #expect(v6.host == "fe80::1" && v6.port == 10554 && v6.description == "rtsp://[fe80::1]:10554/a")
        #expect(try RTSPURL(parsing: "rtsp://cam").path == "/")
    }

    @Test(arguments: [
        "http://cam/", "rtsp://", "rtsp://cam:0/", "rtsp://cam:99999/", "rtsp://[::1/", "rtsp://ca m/", "cam",
    ])
    func rejected(text: String) {
        #expect(throws: RTSPURL.ParseError.self) { try RTSPURL(parsing: text) }
    }

    @Test func errorsNeverQuoteTheUserInfo() {
        do {
            _ = try RTSPURL(parsing: "rtsp://admin:hunter2@cam:notaport/")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func redirectResolution() throws {
        let base = try RTSPURL(parsing: "rtsp://cam:8554/a")
        #expect(try base.resolving(location: "/b?c").description == "rtsp://cam:8554/b?c")
        #expect(try base.resolving(location: "rtsp://other/x").description == "rtsp://other/x")
        #expect(throws: RTSPURL.ParseError.self) { try base.resolving(location: "relative") }
    }
}
