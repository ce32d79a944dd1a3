import NIOCore
import NIOEmbedded
import Testing

@testable import CamprintAgent

/// The metrics endpoint's connection handling on an in-memory channel: the pipeline of
/// ``AgentMetricsServer/configure(_:)`` and ``AgentMetricsServer/serve(_:render:)`` on a
/// `NIOAsyncTestingChannel` (no socket, no clock). The cap on open
/// connections lives in the accept loop, not here: AgentMetricsTests checks it over sockets.
@Suite("agent metrics handler (in memory)", .timeLimit(.minutes(1)))
struct AgentMetricsHandlerTests {
    /// A connected in-memory connection with the server's pipeline, served by `render` in a task.
    struct Served {
        let channel: NIOAsyncTestingChannel
        let task: Task<Void, Never>

        init(render: @escaping @Sendable () async -> String = { "camprint_test 1\n" }) async throws {
            let channel = NIOAsyncTestingChannel()
            try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9465))
            let connection = try await channel.testingEventLoop.executeInContext {
                try AgentMetricsServer.configure(channel)
            }
            self.channel = channel
            task = Task { await AgentMetricsServer.serve(connection, render: render) }
        }

        /// Bytes from the client. Errors are not thrown: a request the parser refuses reaches the end
        /// of the pipeline as an error after the 400 was written, and a closed connection refuses more.
        func send(_ text: String) async { _ = try? await channel.writeInbound(ByteBuffer(string: text)) }

        /// What IdleStateHandler sends down the pipeline when nothing was read for its timeout.
        func idle() async throws {
            try await channel.testingEventLoop.executeInContext {
                channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
            }
        }

        /// Waits until the handler is done (it closes the connection), then everything it wrote.
        func response() async throws -> String {
            await task.value
            var text = ""
            while let part = try await channel.readOutbound(as: IOData.self) {
                if case .byteBuffer(let buffer) = part { text += String(buffer: buffer) }
            }
            return text
        }
    }

    @Test func getMetricsAnswersThePrometheusText() async throws {
        let served = try await Served()
        await served.send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let response = try await served.response()
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(response)")
        #expect(response.contains("\r\nContent-Type: \(AgentMetricsServer.contentType)\r\n"), "\(response)")
        #expect(response.contains("\r\nContent-Length: 16\r\n"), "\(response)")
        #expect(response.contains("\r\nConnection: close\r\n"), "\(response)")
        #expect(response.hasSuffix("\r\n\r\ncamprint_test 1\n"), "\(response)")
        #expect(!served.channel.isActive, "each answer closes its connection")
    }

    @Test func queryStringIsIgnoredAndHeadHasNoBody() async throws {
        let withQuery = try await Served()
        await withQuery.send("GET /metrics?x=1 HTTP/1.1\r\n\r\n")
        #expect(try await withQuery.response().hasSuffix("camprint_test 1\n"))
        let head = try await Served()
        await head.send("HEAD /metrics HTTP/1.1\r\n\r\n")
        let response = try await head.response()
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n") && response.hasSuffix("\r\n\r\n"), "\(response)")
    }

    @Test(arguments: ["/", "/metrics/", "/metricsx", "/api/v1/reports"])
    func otherPathsAre404(path: String) async throws {
        let served = try await Served()
        await served.send("GET \(path) HTTP/1.1\r\n\r\n")
        let response = try await served.response()
        #expect(response.hasPrefix("HTTP/1.1 404 Not Found\r\n"), "\(response)")
        #expect(response.hasSuffix("not found\n"), "\(response)")
        #expect(!served.channel.isActive)
    }

    @Test func otherMethodsAre405() async throws {
        let served = try await Served()
        await served.send("DELETE /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        #expect(try await served.response().hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
    }

    @Test func garbageIsAnswered400AndClosed() async throws {
        let served = try await Served {
            Issue.record("rendered for garbage")
            return ""
        }
        await served.send("\u{16}\u{03}\u{01}\u{00} not HTTP at all\r\n\r\n")
        let response = try await served.response()
        #expect(response.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(response)")
        #expect(!served.channel.isActive)
    }

    @Test func oversizedHeadersAreAnswered400AndClosed() async throws {
        let served = try await Served {
            Issue.record("rendered for oversized headers")
            return ""
        }
        // NIO's HTTP parser bounds a request head at 80 KiB.
        await served.send("GET /metrics HTTP/1.1\r\nX-Filler: \(String(repeating: "a", count: 90 * 1024))\r\n\r\n")
        let response = try await served.response()
        #expect(response.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(response)")
        #expect(!served.channel.isActive)
    }

    @Test func oversizedBodyIsAnswered413AndClosed() async throws {
        let served = try await Served {
            Issue.record("rendered for an oversized body")
            return ""
        }
        let size = AgentMetricsServer.maxRequestBodyBytes + 1
        await served.send("POST /metrics HTTP/1.1\r\nContent-Length: \(size)\r\n\r\n")
        await served.send(String(repeating: "b", count: size))
        let response = try await served.response()
        #expect(response.hasPrefix("HTTP/1.1 413 Payload Too Large\r\n"), "\(response)")
        #expect(response.hasSuffix("request too large\n"), "\(response)")
        #expect(!served.channel.isActive)
    }

    /// The idle event (what IdleStateHandler sends after ``AgentMetricsServer/idleTimeout`` without a
    /// read; fired here by hand, no clock involved): a silent or half-sent request is closed unanswered.
    @Test(arguments: ["", "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"])
    func anIncompleteRequestIsClosedWhenIdle(sent: String) async throws {
        let served = try await Served {
            Issue.record("rendered for an incomplete request")
            return ""
        }
        if !sent.isEmpty { await served.send(sent) }
        try await served.idle()
        let response = try await served.response()
        // (NIO's decoder reports the truncated head as the connection closes; its 400 goes nowhere
        // on a real socket, already closed.)
        #expect(!response.contains("200 OK"), "\(response)")
        #expect(!served.channel.isActive)
    }

    /// A complete request is being answered, not idle: a slow `render` keeps its connection.
    @Test func aRequestBeingAnsweredIsNotClosedWhenIdle() async throws {
        let (release, releaseNow) = AsyncStream.makeStream(of: Void.self)
        let served = try await Served {
            for await _ in release { break }
            return "camprint_slow 1\n"
        }
        await served.send("GET /metrics HTTP/1.1\r\n\r\n")
        try await served.idle()
        #expect(served.channel.isActive)
        releaseNow.yield()
        let response = try await served.response()
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n") && response.hasSuffix("camprint_slow 1\n"), "\(response)")
    }
}
