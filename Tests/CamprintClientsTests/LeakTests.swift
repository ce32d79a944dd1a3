import CamprintClients
import Foundation
import NIOPosix
import Testing

/// 1,000 fault probes do not grow open descriptors or threads.
///
/// Threads: the whole test process's count moves with the other suites running beside this one
/// (libdispatch and the cooperative pool grow and shrink their unnamed workers with load; suites
/// start event loops of their own), which made a whole-process bound flaky. So only the threads
/// a probe can own are counted, by name: its event loop group (a group of this test's own,
/// `camprint-leak-…`), NIO's blocking pool that resolves host names (`SGLTN-TP-#…`, started
/// before counting), and every thread named `camprint-…` (FFmpeg's probe threads). On Linux a
/// new thread inherits its creator's name, so a thread leaked from probe code running on the
/// probe's event loops is counted too. The bound for them is unchanged.
@Suite("Resource leaks", .serialized)
struct LeakTests {
    /// The probes' own event loops: threads named `camprint-leak-<group>-#<n>` (cut to 15
    /// characters by the kernel).
    static let group = MultiThreadedEventLoopGroup._makePerpetualGroup(
        threadNamePrefix: "camprint-leak-",
        numberOfThreads: 2
    )

    /// Name prefixes of the threads a control-plane probe can own.
    static let ownedPrefixes = ["camprint-", "SGLTN-TP-#"]

    /// Threads of this process whose name starts with one of `prefixes` (`/proc/self/task/*/comm`).
    static func namedThreads(_ prefixes: [String]) -> Int {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return -1 }
        return tasks.filter { task in
            guard let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8) else {
                return false
            }
            return prefixes.contains { name.hasPrefix($0) }
        }.count
    }

    /// The smallest of several samples of the owned threads (an FFmpeg probe thread of another
    /// suite lives for a moment; a leak stays).
    static func quietOwnedThreads() async -> Int {
        var counts: [Int] = []
        for _ in 0..<5 {
            counts.append(namedThreads(ownedPrefixes))
            try? await Task.sleep(for: .milliseconds(100))
        }
        return counts.min() ?? -1
    }

    /// The smallest of several samples: other test suites in this process open files and
    /// sockets for a moment; a leak stays.
    static func quietCount(_ directory: String) async -> Int {
        var counts: [Int] = []
        for _ in 0..<5 {
            counts.append((try? FileManager.default.contentsOfDirectory(atPath: directory).count) ?? -1)
            try? await Task.sleep(for: .milliseconds(100))
        }
        return counts.min() ?? -1
    }

    /// TCP sockets (any state but LISTEN) whose local or remote port is one of `ports`, from
    /// /proc/net/tcp: a client socket that was never closed stays there.
    static func connections(touching ports: Set<Int>) -> Int {
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return -1 }
        return table.split(separator: "\n").dropFirst().filter { line in
            let fields = line.split(separator: " ")
            guard fields.count > 3, fields[3] != "0A", fields[3] != "06" else { return false }
            let local = fields[1].split(separator: ":").last.flatMap { Int($0, radix: 16) }
            let remote = fields[2].split(separator: ":").last.flatMap { Int($0, radix: 16) }
            return [local, remote].contains { $0.map(ports.contains) ?? false }
        }.count
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd"), "needs /proc"))
    func thousandFaultProbesLeakNothing() async throws {
        // A mix of faults that end fast: garbage, close mid-answer, 401 forever with credentials,
        // 453, refused, and a silent server with a short deadline.
        let garbage = try await TestRTSPServer.start { _ in .send(Array("\u{0}\u{1}garbage\r\n\r\n".utf8)) }
        let closing = try await TestRTSPServer.start { _ in .sendAndClose(Array("RTSP/1.0 200 OK\r\nCSeq".utf8)) }
        let unauthorized = try await TestRTSPServer.start(
            respond: Responses.describeStatus(
                "401 Unauthorized",
                headers: ["WWW-Authenticate: Digest realm=\"r\", nonce=\"n\""]
            )
        )
        let busy = try await TestRTSPServer.start(respond: Responses.describeStatus("453 Not Enough Bandwidth"))
        let silent = try await TestRTSPServer.start { _ in .ignore }
        let gone = try await TestRTSPServer.start { _ in .ignore }
        let refusedPort = gone.port
        await gone.stop()
        let urls = try [
            garbage.url, closing.url, unauthorized.url, busy.url, silent.url, "rtsp://127.0.0.1:\(refusedPort)/",
        ]
        .map { try RTSPURL(parsing: $0) }
        let client = ControlPlaneClient(
            options: ControlPlaneOptions(
                connectTimeout: .seconds(1),
                readTimeout: .milliseconds(20),
                totalTimeout: .seconds(1)
            ),
            eventLoopGroup: Self.group
        )
        _ = NIOThreadPool.singleton  // the resolver's pool starts all its threads at once
        let credentials = ProbeCredentials(username: "admin", password: "x")

        func round(_ count: Int) async {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    if index >= 16 { await group.next() }
                    group.addTask { _ = await client.probe(urls[index % urls.count], credentials: credentials) }
                }
            }
        }
        await round(60)  // warm-up: event loop and thread-pool threads, TLS context, caches
        let descriptorsBefore = await Self.quietCount("/proc/self/fd")
        let threadsBefore = await Self.quietOwnedThreads()
        await round(1000)
        let descriptorsAfter = await Self.quietCount("/proc/self/fd")
        let threadsAfter = await Self.quietOwnedThreads()
        let ports = Set([garbage, closing, unauthorized, busy, silent].map(\.port))
        let lingering = Self.connections(touching: ports)
        for server in [garbage, closing, unauthorized, busy, silent] { await server.stop() }
        #expect(descriptorsAfter <= descriptorsBefore + 8, "descriptors \(descriptorsBefore) → \(descriptorsAfter)")
        // The probes' own loops are there (a count of 0 would mean the names were not seen).
        #expect(threadsBefore >= 2, "expected the camprint-leak event loop threads, counted \(threadsBefore)")
        #expect(threadsAfter <= threadsBefore + 2, "probe-owned threads \(threadsBefore) → \(threadsAfter)")
        // TIME_WAIT entries have no descriptor; count only states that hold one (not 06 TIME_WAIT).
        #expect(lingering >= 0 && lingering <= 8, "\(lingering) sockets still open to the fault servers")
    }
}
