import CamprintWire
import Testing

/// One rule for `host:port` in listen addresses, configuration files and URL authorities.
@Suite struct HostPortTests {
    @Test(
        arguments: [
            ("127.0.0.1:554", "127.0.0.1", 554),
            ("camera.example:8554", "camera.example", 8554),
            ("camera.example", "camera.example", nil),
            ("[::1]:554", "::1", 554),
            ("[fe80::1%eth0]:8080", "fe80::1%eth0", 8080),
            ("[::1]", "::1", nil),
            // A bare IPv6 address is a host: its last group is never a port.
            ("::1", "::1", nil),
            ("fe80::1:554", "fe80::1:554", nil),
            // RFC 3986 §3.2.3: an empty port is no port.
            ("host:", "host", nil),
            ("[::1]:", "::1", nil),
            ("host:65535", "host", 65535),
        ] as [(String, String, Int?)]
    )
    func parses(text: String, host: String, port: Int?) throws {
        let parsed = try HostPort(parsing: text)
        #expect(parsed.host == host)
        #expect(parsed.port == port)
    }

    @Test(
        arguments: [
            ("", HostPortError.missingHost),
            (":554", .missingHost),
            ("[]:554", .missingHost),
            ("[::1:554", .unclosedBracket),
            ("[::1]554", .textAfterBracket),
            ("[::1]x:554", .textAfterBracket),
            ("host:0", .invalidPort(1...65535)),
            ("host:65536", .invalidPort(1...65535)),
            ("host:+80", .invalidPort(1...65535)),
            ("host:8o", .invalidPort(1...65535)),
            ("host:000080", .invalidPort(1...65535)),
            ("[::1]:http", .invalidPort(1...65535)),
        ] as [(String, HostPortError)]
    )
    func refuses(text: String, error: HostPortError) {
        #expect(throws: error) { try HostPort(parsing: text) }
        #expect(HostPort(text) == nil)
    }

    @Test func listenAddressesMayAskForPortZero() throws {
        #expect(try HostPort(parsing: "127.0.0.1:0", ports: 0...65535).port == 0)
        #expect(try HostPort(parsing: "[::1]:0", ports: 0...65535).port == 0)
        #expect(HostPort("127.0.0.1:0") == nil)
    }

    @Test func describesWithBracketsForIPv6() {
        #expect(HostPort(host: "::1", port: 554).description == "[::1]:554")
        #expect(HostPort(host: "10.0.0.1", port: 80).description == "10.0.0.1:80")
        #expect(HostPort(host: "::1").description == "[::1]")
        #expect(HostPort("[::1]:554")?.description == "[::1]:554")
    }

    @Test func errorsSayWhatIsWrong() {
        #expect(HostPortError.invalidPort(1...65535).description == "invalid port: expected 1…65535")
        #expect(HostPortError.unclosedBracket.description == "IPv6 address without closing ]")
    }
}
