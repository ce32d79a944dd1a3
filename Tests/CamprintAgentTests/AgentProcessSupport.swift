import CamprintTestSupport
import Foundation
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A long-running `camprint agent` subprocess whose stderr goes to a file the test reads.
final class AgentProcess {
    let process = Process()
    let logURL: URL

    init(config: URL, logURL: URL, environment: [String: String] = [:], once: Bool = false) throws {
        self.logURL = logURL
        guard let binary = BuiltProducts.url(named: "camprint") else { throw AgentProcessError("camprint not built") }
        if !FileManager.default.fileExists(atPath: logURL.path) {
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: logURL)
        handle.seekToEndOfFile()
        process.executableURL = binary
        process.arguments = ["agent", "--config", config.path, "--no-operator-rules"] + (once ? ["--once"] : [])
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = nil
        env["WATCHDOG_USEC"] = nil
        env["WATCHDOG_PID"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = handle
        process.standardError = handle
        try SubprocessLaunch.run(process)
        try handle.close()
    }

    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Polls the log until `predicate` holds; false at the deadline.
    func waitForLog(timeout: TimeInterval, _ predicate: (String) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(log) { return true }
            if !process.isRunning { return predicate(log) }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return predicate(log)
    }

    /// Waits for the process to exit; its status, or nil at the deadline (then it is killed).
    func waitForExit(timeout: TimeInterval, while poll: () -> Void = {}) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline {
            poll()
            try? await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            signal(SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Report ids the agent logged as spooled (`log_level: debug`), for `url` only when given.
    static func spooledIds(in log: String, for url: String) -> [String] {
        log.split(separator: "\n").filter { $0.hasSuffix(" for \(url)") }.joined(separator: "\n")
            .split(separator: "\n").compactMap { line in
                guard let range = line.range(of: "agent: spooled report ") else { return nil }
                return line[range.upperBound...].split(separator: " ").first.map(String.init)
            }
    }

    /// Report ids the agent logged as spooled (`log_level: debug`).
    static func spooledIds(in log: String) -> [String] {
        log.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "agent: spooled report ") else { return nil }
            return line[range.upperBound...].split(separator: " ").first.map(String.init)
        }
    }
}

struct AgentProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A TCP server on 127.0.0.1 that accepts and then either says nothing (a camera that hangs after
/// accept) or closes at once; counts the connections it accepted and those still open, and notes
/// when each opened and closed (on NIO's threads, so the times hold even when the test's own tasks
/// are delayed).
final class LoopbackTCPServer: Sendable {
    enum Mode: Sendable { case silent, closeAtOnce }

    struct Connection: Sendable {
        var opened: Date
        var closed: Date?
    }

    private let channel: any Channel
    let port: Int
    private let counts = Mutex((accepted: 0, open: 0))
    private let history = Mutex<[Connection]>([])

    var accepted: Int { counts.withLock { $0.accepted } }
    var open: Int { counts.withLock { $0.open } }
    /// Every connection so far, in accept order.
    var connections: [Connection] { history.withLock { $0 } }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    static func start(_ mode: Mode) async throws -> LoopbackTCPServer {
        let box = Mutex<LoopbackTCPServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let server = box.withLock { $0 }
                let index = server?.history.withLock { history in
                    history.append(Connection(opened: Date()))
                    return history.count - 1
                }
                server?.counts.withLock {
                    $0.accepted += 1
                    $0.open += 1
                }
                channel.closeFuture.whenComplete { _ in
                    server?.counts.withLock { $0.open -= 1 }
                    if let index { server?.history.withLock { $0[index].closed = Date() } }
                }
                if mode == .closeAtOnce { channel.eventLoop.execute { channel.close(promise: nil) } }
                return channel.eventLoop.makeSucceededVoidFuture()
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = LoopbackTCPServer(channel: channel, port: channel.localAddress?.port ?? 0)
        box.withLock { $0 = server }
        return server
    }

    func stop() async { try? await channel.close() }
}

/// A `$NOTIFY_SOCKET` stand-in: an `AF_UNIX` datagram socket read by a thread of its own, which
/// stamps every datagram when it arrives (the test's tasks may be delayed; the stamps are not).
final class NotifyListener: Sendable {
    var path: String { socket.path }
    private let socket: UnixDatagramSocket
    /// Shared with the reader thread.
    private final class Inbox: Sendable {
        let received = Mutex<[(at: Date, text: String)]>([])
        let stopped = Mutex(false)
    }

    private let inbox = Inbox()
    var messages: [(at: Date, text: String)] { inbox.received.withLock { $0 } }

    init() throws {
        // The reader checks for the stop every 100 ms; it holds the socket until it ends.
        socket = try UnixDatagramSocket(receiveTimeout: .milliseconds(100))
        let thread = Thread { [socket, inbox] in
            while !inbox.stopped.withLock({ $0 }) {
                guard let text = socket.receive() else { continue }
                inbox.received.withLock { $0.append((Date(), text)) }
            }
        }
        thread.start()
    }

    deinit { inbox.stopped.withLock { $0 = true } }

    /// Kept for the callers that poll: the reader thread already collects every datagram.
    func poll() {}

    /// Lines received so far (each datagram split at newlines), in order.
    var lines: [String] { messages.flatMap { $0.text.split(separator: "\n").map(String.init) } }

    /// Polls until a line equal to `line` arrived; false at the deadline.
    func wait(for line: String, timeout: TimeInterval) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            poll()
            if lines.contains(line) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}

enum AgentTestFiles {
    /// The collector token written to `token` by ``directory(_:)``.
    static let token = "cpt_secret_token"

    static func directory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-\(label)-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try PrivateFile.secret(token, at: url.appendingPathComponent("token"))
        try PrivateFile.agentCredential(password: "cam-secret-pw", at: url.appendingPathComponent("cam"))
        return url
    }

    /// An agent.yaml in `directory` (the `targets:` lines given as YAML list items).
    @discardableResult
    static func writeConfig(
        in directory: URL,
        collectorPort: Int,
        extra: String = "",
        targets: [String]
    ) throws -> URL {
        let url = directory.appendingPathComponent("agent.yaml")
        let text = """
            site: loop-test
            collector: {url: "http://127.0.0.1:\(collectorPort)", token_file: \(directory.path)/token}
            credentials_dir: \(directory.path)
            spool: {path: \(directory.path)/spool.sqlite}
            log_level: debug
            jitter: 0s
            \(extra)
            targets:
            \(targets.joined(separator: "\n"))

            """
        let temporary = directory.appendingPathComponent("agent.yaml.tmp")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw AgentProcessError("rename: errno \(errno)") }
        return url
    }

    /// A free loopback port with nothing listening (connections are refused).
    static func closedPort() throws -> Int {
        let reserved = try ReservedPort()
        reserved.release()
        return reserved.port
    }
}
