// swift-tools-version:6.1
import PackageDescription

/// Upcoming features on for every target: dependency leaks are explicit (`public import`),
/// members are visible only through imported modules, existentials are spelled `any`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// Build facts for Sources/CCamprintBuildInfo, from the environment of the build:
/// scripts/package-build-info.sh sets CAMPRINT_BUILD_COMMIT, CAMPRINT_BUILD_DATE and
/// CAMPRINT_BUILD_SIGNATURES for `make install` and `make deb`. Unset (a plain `swift build`),
/// the C file says "unknown": `Context.gitInformation` is not used, SwiftPM's manifest cache keeps
/// it from an earlier commit. Values outside [A-Za-z0-9.:+_-] are dropped.
let buildInfoDefines: [CSetting] = ["COMMIT", "DATE", "SIGNATURES"].compactMap { fact in
    let name = "CAMPRINT_BUILD_" + fact
    guard let value = Context.environment[name], !value.isEmpty,
        value.unicodeScalars.allSatisfy({
            $0.isASCII && ($0.properties.isAlphabetic || "0123456789.:+_-".unicodeScalars.contains($0))
        })
    else { return nil }
    return .define(name, to: "\"\(value)\"")
}

let package = Package(
    name: "camprint",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "camprint", targets: ["camprint"]),
        .executable(name: "camprint-collector", targets: ["camprint-collector"]),
        .executable(name: "camprint-testcam", targets: ["camprint-testcam"]),
        .library(name: "CamprintParsers", targets: ["CamprintRTSP", "CamprintSDP", "CamprintCodecs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Collector
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        // Probe (swift-nio and swift-crypto above are shared)
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.0.0"),
        // Agent metrics (Prometheus text exposition)
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Agent services, graceful shutdown and signals (already in the graph through Hummingbird)
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // MARK: Parsers (standard library only)
        .target(name: "CamprintWire", swiftSettings: strictSettings),
        .target(name: "CamprintRTSP", dependencies: ["CamprintWire"], swiftSettings: strictSettings),
        .target(name: "CamprintSDP", dependencies: ["CamprintWire"], swiftSettings: strictSettings),
        .target(name: "CamprintCodecs", dependencies: ["CamprintWire"], swiftSettings: strictSettings),
        // pcap/pcapng reader and TCP reassembly (testcam replay mode).
        .target(name: "CamprintCapture", dependencies: ["CamprintWire"], swiftSettings: strictSettings),
        // HTTP/RTSP Digest (RFC 7616, RFC 2617): challenge and header parameters, response, the
        // client's `Authorization` and the server's check, side by side (swift-crypto for hashes).
        .target(
            name: "CamprintDigest",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "CamprintDigestTests", dependencies: ["CamprintDigest"], swiftSettings: strictSettings),
        .testTarget(
            name: "CamprintCaptureTests",
            dependencies: ["CamprintCapture", "CamprintWire", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),

        // MARK: Report schema (shared by probe, agent and collector)
        .target(name: "CamprintReport", dependencies: ["CCamprintBuildInfo"], swiftSettings: strictSettings),
        // What the binary was built from (`--version`, the report's source, camprint_build_info).
        .target(name: "CCamprintBuildInfo", cSettings: buildInfoDefines),

        // MARK: Identity
        .target(
            name: "CamprintSignatures",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Rules")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CamprintInspection",
            dependencies: [
                "CamprintSignatures", "CamprintRTSP", "CamprintSDP", "CamprintCodecs", "CamprintWire", "CamprintReport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintSignaturesTests",
            dependencies: ["CamprintSignatures", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintInspectionTests",
            dependencies: [
                "CamprintInspection", "CamprintSignatures", "CamprintCodecs", "CamprintRTSP", "CamprintSDP",
                "CamprintTestSupport",
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Clients (network clients the probe uses: RTSP control plane, HTTP/ISAPI/ONVIF, TLS, media relay, credentials)
        // Native RTSP control plane (SwiftNIO, TLS for rtsps://, Digest via swift-crypto).
        .target(
            name: "CamprintClients",
            dependencies: [
                "CamprintRTSP", "CamprintSDP", "CamprintWire", "CamprintReport", "CamprintDigest",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintClientsTests",
            dependencies: [
                "CamprintClients", "CamprintRTSP", "CamprintSDP", "CamprintReport", "CamprintTestSupport",
                "CamprintDigest", "CamprintTestcam",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: FFmpeg (media plane; only CamprintFFmpeg imports CFFmpeg)
        // FFmpeg's headers (libavformat-dev & co.) at build time; the libraries are opened on
        // first use (Sources/CFFmpeg/runtime.c), so that processes without media never map them.
        .target(name: "CFFmpeg"),
        .target(
            name: "CamprintFFmpeg",
            dependencies: ["CFFmpeg", "CamprintCodecs", "CamprintWire"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintFFmpegTests",
            dependencies: ["CamprintFFmpeg", "CamprintCodecs", "CamprintWire", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),

        // MARK: Discovery (`camprint discover`): SADP, WS-Discovery, SSDP and DHIP requests and
        // answers, TCP port sweep, neighbour table, within a checked scope of addresses
        .target(
            name: "CamprintDiscovery",
            dependencies: [
                "CamprintClients", "CamprintWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintDiscoveryTests",
            dependencies: [
                "CamprintDiscovery", "CamprintReport", "CamprintTestSupport", "CamprintWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Probe (one probe of a device or a file: control plane, device information, media plane, identity, report)
        .target(
            name: "CamprintProbe",
            dependencies: [
                "CamprintClients", "CamprintFFmpeg", "CamprintInspection", "CamprintSignatures", "CamprintReport",
                "CamprintCodecs", "CamprintWire", "CamprintDiscovery",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintProbeTests",
            dependencies: [
                "CamprintProbe", "CamprintClients", "CamprintReport", "CamprintSignatures", "CamprintTestSupport",
                "CamprintTestcam",
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Site agent (`camprint agent`): scheduled probes, durable spool, upload to the collector
        .target(
            name: "CamprintAgent",
            dependencies: [
                "CamprintProbe", "CamprintClients", "CamprintReport", "CamprintSignatures", "CamprintFFmpeg",
                "CamprintDiscovery", "CamprintWire",
                .product(name: "Yams", package: "Yams"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintAgentTests",
            dependencies: [
                "CamprintAgent", "CamprintReport", "CamprintTestSupport", "CamprintClients", "CamprintFFmpeg",
                "CamprintDiscovery", "CamprintCollector", "CamprintStorage", "CamprintSignatures",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Command line
        .target(
            name: "CamprintCLI",
            dependencies: [
                "CamprintWire", "CamprintRTSP", "CamprintSDP", "CamprintCodecs", "CamprintSignatures",
                "CamprintInspection", "CamprintReport", "CamprintClients", "CamprintFFmpeg", "CamprintProbe",
                "CamprintAgent", "CamprintDiscovery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "camprint", dependencies: ["CamprintCLI"], swiftSettings: strictSettings),

        // MARK: Testcam (RTSP camera emulator for tests and the demo)
        .target(
            name: "CamprintTestcam",
            dependencies: [
                "CamprintRTSP", "CamprintCodecs", "CamprintWire", "CamprintFFmpeg", "CamprintCapture",
                "CamprintDigest",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "camprint-testcam", dependencies: ["CamprintTestcam"], swiftSettings: strictSettings),
        .testTarget(
            name: "CamprintTestcamTests",
            dependencies: [
                "CamprintTestcam", "CamprintRTSP", "CamprintCodecs", "CamprintWire", "CamprintTestSupport",
                "CamprintDigest",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Benchmarks (`make bench`)
        .executableTarget(
            name: "camprint-bench",
            dependencies: ["CamprintCodecs", "CamprintRTSP", "CamprintSDP"],
            swiftSettings: strictSettings
        ),

        // MARK: Fuzz targets (the checks of Fuzz/fuzz-*, replayed by the tests)
        .target(
            name: "CamprintFuzzTargets",
            dependencies: ["CamprintRTSP", "CamprintSDP", "CamprintCodecs", "CamprintWire", "CamprintCapture"],
            path: "Fuzz/FuzzTargets",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintFuzzRegressionTests",
            dependencies: ["CamprintFuzzTargets", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),

        // MARK: Collector
        .target(
            name: "CamprintStorage",
            dependencies: [
                "CamprintReport",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CamprintCollector",
            dependencies: [
                "CamprintReport", "CamprintStorage", "CamprintWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            // Covered-equipment policies and the maker lineage table (docs/collector.md).
            resources: [.copy("Policies")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "camprint-collector",
            dependencies: ["CamprintCollector"],
            swiftSettings: strictSettings
        ),
        // Not a test: `swift run -c release camprint-collector-bench` prints ingest and query numbers.
        .executableTarget(
            name: "camprint-collector-bench",
            dependencies: [
                "CamprintCollector", "CamprintStorage", "CamprintReport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Not a test: `swift run -c release camprint-agent-bench` prints spool write and upload throughput.
        .executableTarget(
            name: "camprint-agent-bench",
            dependencies: [
                "CamprintAgent", "CamprintCollector", "CamprintStorage", "CamprintReport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintStorageTests",
            dependencies: ["CamprintStorage", "CamprintReport", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintCollectorTests",
            dependencies: [
                "CamprintCollector", "CamprintStorage", "CamprintReport", "CamprintTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Tests
        .target(
            name: "CamprintTestSupport",
            dependencies: ["CamprintReport"],
            path: "Sources/CamprintTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintWireTests",
            dependencies: ["CamprintWire", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintRTSPTests",
            dependencies: ["CamprintRTSP", "CamprintWire", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintSDPTests",
            dependencies: ["CamprintSDP", "CamprintWire", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintCodecsTests",
            dependencies: ["CamprintCodecs", "CamprintWire", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintReportTests",
            dependencies: ["CamprintReport", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintCLITests",
            dependencies: ["CamprintCLI", "CamprintReport", "CamprintTestSupport"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: Fuzzing (libFuzzer), only when CAMPRINT_FUZZ=1: `make fuzz` builds these with
// `-sanitize=fuzzer,address`. One harness per parser module, each in Fuzz/<name>/main.swift.
if Context.environment["CAMPRINT_FUZZ"] == "1" {
    let harnesses: [(name: String, dependencies: [Target.Dependency])] = [
        ("fuzz-rtsp", ["CamprintFuzzTargets"]),
        ("fuzz-sdp", ["CamprintFuzzTargets"]),
        ("fuzz-h264", ["CamprintFuzzTargets"]),
        ("fuzz-h265", ["CamprintFuzzTargets"]),
        ("fuzz-pcap", ["CamprintFuzzTargets"]),
    ]
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport", swiftSettings: strictSettings))
    for harness in harnesses {
        package.targets.append(
            .executableTarget(
                name: harness.name,
                dependencies: harness.dependencies + ["FuzzSupport"],
                path: "Fuzz/\(harness.name)",
                swiftSettings: strictSettings + [.unsafeFlags(["-parse-as-library"])]
            )
        )
    }
}
