import Testing

@testable import CamprintDiscovery

@Suite struct DiscoveryScopeTests {
    @Test func cidrLeavesOutNetworkAndBroadcast() throws {
        let scope = try DiscoveryScope.parse(["10.20.0.0/24"])
        #expect(scope.addresses.count == 254)
        #expect(scope.addresses.first == "10.20.0.1")
        #expect(scope.addresses.last == "10.20.0.254")
        #expect(try DiscoveryScope.parse(["192.168.1.7/32"]).addresses == ["192.168.1.7"])
        #expect(try DiscoveryScope.parse(["192.168.1.6/31"]).addresses == ["192.168.1.6", "192.168.1.7"])
        // A block written from an address inside it is the whole block.
        #expect(try DiscoveryScope.parse(["10.0.0.77/30"]).addresses == ["10.0.0.77", "10.0.0.78"])
    }

    @Test func rangesShortRangesAndAddresses() throws {
        #expect(
            try DiscoveryScope.parse(["10.20.0.10-10.20.0.12"]).addresses == ["10.20.0.10", "10.20.0.11", "10.20.0.12"]
        )
        #expect(try DiscoveryScope.parse(["10.20.0.254-255"]).addresses == ["10.20.0.254", "10.20.0.255"])
        #expect(
            try DiscoveryScope.parse(["172.16.5.9", "fd00::1", "[fe80::1]"]).addresses == [
                "172.16.5.9", "fd00::1", "fe80::1",
            ]
        )
        // Duplicates across targets count once in the list.
        #expect(try DiscoveryScope.parse(["10.0.0.1", "10.0.0.1-2"]).addresses == ["10.0.0.1", "10.0.0.2"])
    }

    @Test func refusesPublicAddressesUnlessAllowed() throws {
        #expect(throws: DiscoveryScopeError.publicAddress(target: "8.8.8.0/30", address: "8.8.8.1")) {
            try DiscoveryScope.parse(["8.8.8.0/30"])
        }
        // A range that leaves the private block is refused at its first public address.
        #expect(throws: DiscoveryScopeError.publicAddress(target: "172.31.255.255-172.32.0.1", address: "172.32.0.0")) {
            try DiscoveryScope.parse(["172.31.255.255-172.32.0.1"])
        }
        #expect(throws: DiscoveryScopeError.self) { try DiscoveryScope.parse(["2001:db8::1"]) }
        #expect(throws: DiscoveryScopeError.self) { try DiscoveryScope.parse(["100.64.0.1"]) }
        #expect(try DiscoveryScope.parse(["8.8.8.8"], allowPublic: true).addresses == ["8.8.8.8"])
        for local in [
            "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.0.1", "127.0.1.5", "169.254.3.4", "::1", "fd12::5",
            "fe80::2",
        ] {
            #expect(AddressClass.isLocal(local), "\(local)")
        }
    }

    @Test func refusesMoreThanTheLimit() throws {
        #expect(throws: DiscoveryScopeError.tooMany(count: 65534, limit: 4096)) {
            try DiscoveryScope.parse(["10.0.0.0/16"])
        }
        #expect(throws: DiscoveryScopeError.tooMany(count: 4097, limit: 4096)) {
            try DiscoveryScope.parse(["10.0.0.0/20", "10.1.0.1-3"])
        }
        #expect(try DiscoveryScope.parse(["10.0.0.0/16"], maxAddresses: 70000).addresses.count == 65534)
    }

    @Test func exclusionsAreNeverInTheScope() throws {
        let scope = try DiscoveryScope.parse(["10.0.0.0/29"], excluding: ["10.0.0.2", "10.0.0.4-5"])
        #expect(scope.addresses == ["10.0.0.1", "10.0.0.3", "10.0.0.6"])
        #expect(!scope.contains("10.0.0.2"))
        #expect(scope.contains("10.0.0.3"))
    }

    @Test func malformedTargetsAreNamed() {
        for bad in [
            "10.0.0.0/33", "10.0.0", "10.0.0.300", "10.0.0.9-10.0.0.1", "camera.local", "10.0.0.1-", "::1::2",
            "fe80::1%eth0",
        ] {
            #expect(throws: DiscoveryScopeError.malformed(bad), "\(bad)") { try DiscoveryScope.parse([bad]) }
        }
        #expect(throws: DiscoveryScopeError.empty) { try DiscoveryScope.parse([]) }
    }

    @Test func portsWithRoles() throws {
        #expect(
            try DiscoveryPort.parseList("554,10554/rtsp, 80") == [
                .init(554, .rtsp), .init(10554, .rtsp), .init(80, .http),
            ]
        )
        #expect(throws: DiscoveryPortError.roleNeeded(10080)) { try DiscoveryPort.parseList("10080") }
        #expect(throws: DiscoveryPortError.self) { try DiscoveryPort.parseList("99999") }
        #expect(throws: DiscoveryPortError.self) { try DiscoveryPort.parseList("80/gopher") }
    }
}
