import CamprintReport
import CamprintTestSupport
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Testing

@testable import CamprintClients

/// `camprint probe --ca-file` against an `rtsps://` camera that streams: a TLS front (NIOSSL, the
/// fixture's certificate) before a `camprint-testcam` Hikvision persona with Digest. The media
/// plane must go through camprint's verified connection (MediaRelay), not FFmpeg's own TLS.
@Suite(
    "rtsps:// media through the verified relay",
    .enabled(if: TLSFixture.all != nil, "the openssl CLI is needed to make certificates"),
    .enabled(if: CamprintBinary.path != nil && BuiltProducts.url(named: "camprint-testcam") != nil, "not built")
)
struct TLSMediaRelayTests {
    static let password = "Relay-S3cret!pw"

    /// Terminates TLS on a loopback port and splices each connection onto a plain one to `port`.
    final class Counter: Sendable {
        let value = Mutex(0)
    }

    final class TLSFront: Sendable {
        let port: Int
        let accepted: Counter
        private let channel: any Channel

        private init(port: Int, accepted: Counter, channel: any Channel) {
            self.port = port
            self.accepted = accepted
            self.channel = channel
        }

        static func start(forwardingTo target: Int, context: NIOSSLContext) async throws -> TLSFront {
            let accepted = Counter()
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .childChannelInitializer { child in
                    accepted.value.withLock { $0 += 1 }
                    return ClientBootstrap(group: child.eventLoop)
                        .connect(host: "127.0.0.1", port: target)
                        .flatMapThrowing { plain in
                            try plain.pipeline.syncOperations.addHandler(FrontSplice(partner: child))
                            try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                            try child.pipeline.syncOperations.addHandler(FrontSplice(partner: plain))
                        }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            return TLSFront(port: channel.localAddress?.port ?? 0, accepted: accepted, channel: channel)
        }

        func stop() { channel.close(promise: nil) }
    }

    @Test func mediaGoesThroughTheVerifiedConnection() async throws {
        let fixture = try #require(TLSFixture.all)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-relay-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let passwordFile = work.appendingPathComponent("password")
        try "\(Self.password)\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile.path)
        let media = Corpus.packageRoot.appendingPathComponent("Samples/h264/testsrc_1280x720_25fps_baseline.h264")

        let camera = try await TestcamProcess.start([
            "--persona", "hikvision-ipc", "--media", media.path, "--user", "admin",
            "--password-file", passwordFile.path, "--listen", "127.0.0.1:0",
        ])
        defer { camera.stop() }
        let cameraPort = try #require(Int(camera.cameras[0].address.split(separator: ":").last ?? ""))
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(fixture.serverCertificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: fixture.serverKey, format: .pem))
        )
        configuration.minimumTLSVersion = .tlsv12
        let front = try await TLSFront.start(
            forwardingTo: cameraPort,
            context: try NIOSSLContext(configuration: configuration)
        )
        defer { front.stop() }

        let url = "rtsps://127.0.0.1:\(front.port)\(camera.cameras[0].path)"
        let run = try await CamprintBinary.run([
            "probe", "--ca-file", fixture.authority, "--username", "admin", "--password-file", passwordFile.path,
            "--no-http", "--timeout", "15s", "--format", "json", url,
        ])
        let reports = try JSONDecoder().decode([ProbeReport].self, from: Data(run.stdout.utf8))
        let probe = try #require(reports.first, "stdout \(run.stdout) stderr \(run.stderr)")
        #expect(probe.report.status == .ok, "\(String(describing: probe.report.error))")
        let video = probe.report.streams.first { $0.kind == "video" }
        #expect(video?.codec == "h264" && video?.width == 1280, "\(probe.report.streams)")
        let log = probe.media?.log ?? []
        // FFmpeg connected to the relay on loopback, never to the TLS port itself.
        #expect(log.contains { $0.contains("Starting connection attempt to 127.0.0.1 port") }, "\(log)")
        #expect(!log.contains { $0.contains("port \(front.port)") }, "\(log)")
        #expect(!run.stdout.contains(Self.password) && !run.stderr.contains(Self.password))
        // Two TLS connections: the control plane's and the relay's.
        #expect(front.accepted.value.withLock { $0 } == 2)
    }
}

/// Forwards every byte read on its channel to `partner`; closing either end closes both.
final class FrontSplice: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let partner: any Channel

    init(partner: any Channel) {
        self.partner = partner
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partner.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
