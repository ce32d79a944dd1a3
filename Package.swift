// swift-tools-version:6.1
import PackageDescription

/// Upcoming features on for every target: dependency leaks are explicit (`public import`),
/// members are visible only through imported modules, existentials are spelled `any`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "camprint",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "camprint", targets: ["camprint"]),
        .library(name: "CamprintParsers", targets: ["CamprintRTSP", "CamprintSDP", "CamprintCodecs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // MARK: Parsers (standard library only)
        .target(name: "CamprintWire", swiftSettings: strictSettings),
        .target(name: "CamprintRTSP", dependencies: ["CamprintWire"], swiftSettings: strictSettings),
        .target(name: "CamprintSDP", dependencies: ["CamprintWire"], swiftSettings: strictSettings),
        .target(name: "CamprintCodecs", dependencies: ["CamprintWire"], swiftSettings: strictSettings),

        // MARK: Command line
        .target(
            name: "CamprintCLI",
            dependencies: [
                "CamprintWire", "CamprintRTSP", "CamprintSDP", "CamprintCodecs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "camprint", dependencies: ["CamprintCLI"], swiftSettings: strictSettings),

        // MARK: Tests
        .testTarget(name: "CamprintWireTests", dependencies: ["CamprintWire"], swiftSettings: strictSettings),
        .testTarget(
            name: "CamprintRTSPTests",
            dependencies: ["CamprintRTSP", "CamprintWire"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintSDPTests",
            dependencies: ["CamprintSDP", "CamprintWire"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CamprintCodecsTests",
            dependencies: ["CamprintCodecs", "CamprintWire"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "CamprintCLITests", dependencies: ["CamprintCLI"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
