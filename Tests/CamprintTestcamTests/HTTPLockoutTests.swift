import CamprintDigest
import CamprintRTSP
import CamprintTestSupport
import CamprintTestcam
import Foundation
import Testing

@Suite("HTTP side: shared lockout, limits, fleet ports, READY lines")
struct HTTPLockoutTests {
    static let user = HTTPHarness.credentials.user
    static let password = HTTPHarness.credentials.password

    @Test("RTSP, ISAPI and ONVIF failures add up in one counter; then 403 on every channel")
    func lockoutAcrossChannels() async throws {
        var faults = FaultConfig()
        faults.lockout = FaultConfig.Lockout(after: 3, seconds: 60)
        let camera = try Harness.camera("hikvision-ipc", credentials: HTTPHarness.credentials, faults: faults)
        let log = CapturedLog()
        try await HTTPHarness.withCamera(camera, log: log) { rtspPort, httpPort in
            try await Harness.blocking {
                // 1: RTSP DESCRIBE with a wrong password (RFC 2069 Digest, as RTSP clients send).
                let rtsp = try SocketClient(port: rtspPort)
                let url = "rtsp://127.0.0.1:\(rtspPort)/Streaming/Channels/101"
                let first = try rtsp.request("DESCRIBE", url, cseq: 1)
                let rtspChallenge = try #require(first.headers.value("WWW-Authenticate"))
                let params = DigestParameters.parse(rtspChallenge)
                func rtspAuthorization(_ password: String) -> String {
                    HTTPTestAuth.rfc2069(
                        user: Self.user,
                        password: password,
                        realm: params["realm"] ?? "",
                        nonce: params["nonce"] ?? "",
                        method: "DESCRIBE",
                        uri: url
                    )
                }
                let rtspWrong = try rtsp.request(
                    "DESCRIBE",
                    url,
                    cseq: 2,
                    headers: [("Authorization", rtspAuthorization("nope-1"))]
                )
                #expect(rtspWrong.statusCode == 401)

                // 2: ISAPI with a wrong password.
                let http = try HTTPTestClient(port: httpPort)
                let path = "/ISAPI/System/deviceInfo"
                let challenge = try http.request("GET", path).header("WWW-Authenticate") ?? ""
                func isapi(_ password: String) throws -> Int {
                    let authorization = HTTPTestAuth.digest(
                        challenge: challenge,
                        user: Self.user,
                        password: password,
                        method: "GET",
                        uri: path
                    )
                    return try http.request("GET", path, headers: [("Authorization", authorization)]).status
                }
                #expect(try isapi("nope-2") == 401)

                // 3: ONVIF with a wrong password: the third failure locks the camera.
                func onvif(_ password: String) throws -> Int {
                    let body = HTTPTestAuth.soap(
                        "GetDeviceInformation",
                        user: Self.user,
                        password: password,
                        created: Date()
                    )
                    return try http.request(
                        "POST",
                        "/onvif/device_service",
                        body: body,
                        contentType: "application/soap+xml"
                    ).status
                }
                #expect(try onvif("nope-3") == 403)

                // Locked: the right password is refused everywhere.
                #expect(try isapi(Self.password) == 403)
                #expect(try onvif(Self.password) == 403)
                let protected = HTTPTestAuth.digest(
                    challenge: challenge,
                    user: Self.user,
                    password: Self.password,
                    method: "GET",
                    uri: "/ISAPI/Security/userCheck"
                )
                #expect(
                    try http.request("GET", "/ISAPI/Security/userCheck", headers: [("Authorization", protected)]).status
                        == 403
                )
                let rtspRight = try rtsp.request(
                    "DESCRIBE",
                    url,
                    cseq: 3,
                    headers: [("Authorization", rtspAuthorization(Self.password))]
                )
                #expect(rtspRight.statusCode == 403)
            }
        }
        #expect(
            log.lines == [
                "auth-failure camera=hikvision-ipc channel=rtsp user=admin",
                "auth-failure camera=hikvision-ipc channel=isapi user=admin",
                "auth-failure camera=hikvision-ipc channel=onvif user=admin",
            ]
        )
        #expect(log.lines.allSatisfy { !$0.contains("nope") && !$0.contains(Self.password) })
    }

    @Test("oversized body → 413, oversized head → 431, idle connection closed")
    func limits() async throws {
        let camera = try Harness.camera("hikvision-ipc", credentials: HTTPHarness.credentials)
        let limits = HTTPLimits(maxHeadBytes: 4096, maxBodyBytes: 8192, idleTimeoutSeconds: 0.5)
        try await HTTPHarness.withCamera(camera, limits: limits) { _, port in
            try await Harness.blocking {
                let declared = try HTTPTestClient(port: port)
                declared.send(
                    Array("POST /onvif/device_service HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n".utf8)
                )
                let tooBig = try declared.response()
                #expect(tooBig.status == 413)
                #expect(tooBig.header("Connection") == "close")

                let chunked = try HTTPTestClient(port: port)
                chunked.send(
                    Array("POST /onvif/device_service HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
                )
                let chunk = String(repeating: "a", count: 5000)
                chunked.send(Array("1388\r\n\(chunk)\r\n1388\r\n\(chunk)\r\n".utf8))
                #expect(try chunked.response().status == 413)

                let header = try HTTPTestClient(port: port)
                header.send(
                    Array("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 6000))\r\n\r\n".utf8)
                )
                #expect(try header.response().status == 431)

                // A DTD (entity expansion) is refused before parsing (SOAP 1.2 Part 1 §5); the
                // connection stays usable.
                let hostile = try HTTPTestClient(port: port)
                let laughs = """
                    <?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
                    <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><x>&b;</x></s:Body></s:Envelope>
                    """
                let refused = try hostile.request(
                    "POST",
                    "/onvif/device_service",
                    body: laughs,
                    contentType: "application/soap+xml"
                )
                #expect(refused.status == 400)
                #expect(refused.bodyText.contains("ter:WellFormed"))
                let broken = try hostile.request(
                    "POST",
                    "/onvif/device_service",
                    body: "<s:Envelope",
                    contentType: "application/soap+xml"
                )
                #expect(broken.status == 400)
                #expect(try hostile.request("HEAD", "/").body.isEmpty)
                #expect(try hostile.request("GET", "/").status == 200)

                let idle = try HTTPTestClient(port: port)
                #expect(idle.closedByServer(timeout: 10), "idle connection left open")
            }
        }
    }

    @Test("fleet: http_base_port + camera index, http_port overrides, http: false and personas without http: get none")
    func fleetPorts() throws {
        let media = Harness.h264_720p
        let yaml = """
            host: 127.0.0.1
            base_port: 18601
            http_base_port: 18701
            cameras:
              - {persona: hikvision-ipc, media: \(media), count: 2}
              - {persona: dahua-ipc, media: \(media), http: false}
              - {persona: axis, media: \(media), http_port: 19000}
              - {persona: live555-generic, media: \(media)}
              - {persona: hikvision-oem, media: \(media), clock_offset_seconds: -7200}
            """
        let fleet = try FleetFile(yaml: yaml)
        let cameras = try fleet.listeners(
            baseDirectory: "/",
            personaDirectory: Harness.personaDirectory,
            cache: Harness.cache
        )
        .flatMap(\.cameras)
        #expect(cameras.map(\.http?.port) == [18701, 18702, nil, 19000, nil, 18706])
        #expect(cameras.map(\.label) == ["0", "1", "2", "3", "4", "5"])
        #expect(cameras.map(\.clockOffsetSeconds) == [0, 0, 0, 0, 0, -7200])
    }

    @Test("demo fleet: HTTP from 18701, RTSP from 18601")
    func demoFleet() throws {
        let text = try String(
            contentsOfFile: Samples.root.appendingPathComponent("fleets/demo.yaml").path,
            encoding: .utf8
        )
        let fleet = try FleetFile(yaml: text)
        #expect(fleet.httpBasePort == 18701)
        #expect(fleet.basePort == 18601)
    }

    @Test(
        "camprint-testcam prints parseable READY lines with http=, and logs auth failures on stderr",
        .enabled(if: BuiltProducts.url(named: "camprint-testcam") != nil, "camprint-testcam not built (swift build)")
    )
    func readyLinesAndStderr() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-http-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try "Right-Pass-77\n".write(to: work.appendingPathComponent("pw.txt"), atomically: true, encoding: .utf8)
        let fleetFile = work.appendingPathComponent("fleet.yaml")
        try """
        host: 127.0.0.1
        base_port: 0
        http_base_port: 0
        personas: \(Harness.personaDirectory)
        cameras:
          - {persona: hikvision-ipc, media: \(Harness.h264_720p), user: admin, password_file: \(work.path)/pw.txt}
          - {persona: dahua-ipc, media: \(Harness.h264_720p), http: false}
        """.write(to: fleetFile, atomically: true, encoding: .utf8)
        guard let binary = BuiltProducts.url(named: "camprint-testcam") else { return }
        let server = Process()
        server.executableURL = binary
        server.arguments = ["--fleet", fleetFile.path]
        let output = Pipe()
        let errors = Pipe()
        server.standardOutput = output
        server.standardError = errors
        try SubprocessLaunch.run(server)
        let ready = try await Harness.blocking {
            try BuiltProducts.readyLines(from: output.fileHandleForReading, count: 2, timeout: 30)
        }
        let pattern = #/READY (127\.0\.0\.1:\d+) (\S+) (\S+)(?: http=127\.0\.0\.1:(\d+))?/#
        let parsed = ready.compactMap { try? pattern.wholeMatch(in: $0) }
        #expect(parsed.count == 2, "\(ready)")
        #expect(parsed.map { String($0.2) } == ["hikvision-ipc", "dahua-ipc"])
        #expect(parsed.last?.4 == nil, "http: false camera printed an HTTP address: \(ready)")
        let httpPort = try #require(parsed.first?.4.flatMap { Int($0) }, "\(ready)")
        let status = try await Harness.blocking {
            let client = try HTTPTestClient(port: httpPort)
            #expect(try client.request("GET", "/").header("Server") == "App-webs/")
            let body = HTTPTestAuth.soap(
                "GetDeviceInformation",
                user: "admin",
                password: "Wrong-Pass-99",
                created: Date()
            )
            return try client.request("POST", "/onvif/device_service", body: body, contentType: "application/soap+xml")
                .status
        }
        #expect(status == 401)
        server.terminate()
        server.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("auth-failure camera=0 channel=onvif user=admin\n"), "\(stderr)")
        #expect(!stderr.contains("Wrong-Pass-99") && !stderr.contains("Right-Pass-77"))
    }
}
