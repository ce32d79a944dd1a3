import CamprintFFmpeg
import CamprintTestSupport
import Foundation
import Testing

@Suite(.dedicatedExecutor) struct DeadlineTests {
    /// Accepts and never answers: the interrupt callback must end the open at the deadline.
    @Test(arguments: [MediaTransport.tcp, .auto])
    func silentServerHitsTheDeadline(transport: MediaTransport) async throws {
        let listener = try LoopbackListener()
        let deadline = Duration.milliseconds(1500)
        let clock = ContinuousClock()
        let started = clock.now
        let result = await MediaProbe.run(
            input: "rtsp://user:hunter22@127.0.0.1:\(listener.port)/live",
            options: MediaProbeOptions(transport: transport, deadline: deadline)
        )
        let elapsed = clock.now - started
        withExtendedLifetime(listener) {}
        guard case .deadlineExceeded(let phase, let milliseconds, _) = result.failure else {
            Issue.record("expected deadlineExceeded, got \(String(describing: result.failure))")
            return
        }
        #expect(phase == .open)
        #expect(milliseconds == 1500)
        // The probe's own wall time, measured on its thread: the test task itself may resume late
        // when the whole suite keeps the cooperative pool busy.
        let probeTime = Duration.milliseconds(Int(result.timings.total))
        #expect(probeTime >= deadline - .milliseconds(1) && probeTime < deadline + .seconds(1), "\(probeTime)")
        #expect(elapsed >= deadline)
        #expect(!"\(result)".contains("hunter22"))
    }

    @Test func refusedConnectionFailsFastAndPrecisely() async throws {
        let listener = try LoopbackListener()
        listener.close()
        let clock = ContinuousClock()
        let started = clock.now
        let result = await MediaProbe.run(
            input: "rtsp://admin:hunter22@127.0.0.1:\(listener.port)/live",
            options: MediaProbeOptions(deadline: .seconds(5))
        )
        let elapsed = clock.now - started
        guard case .ffmpeg(let error) = result.failure else {
            Issue.record("expected an FFmpeg error, got \(String(describing: result.failure))")
            return
        }
        #expect(error.function == "avformat_open_input")
        #expect(error.code == -111, "\(error)")  // AVERROR(ECONNREFUSED)
        #expect(error.message.localizedCaseInsensitiveContains("refused"), "\(error)")
        // Well before the 5 s deadline: a refusal is not waited out. Measured on the probe's own
        // thread: the test task may resume late when the suite keeps the cooperative pool busy.
        #expect(result.timings.total < 4000, "\(result.timings.total) ms (test saw \(elapsed))")
        #expect(
            result.log.contains { $0.text.contains("refused") },
            "TCP child-context error not routed: \(result.log)"
        )
        let encoded = try String(decoding: JSONEncoder().encode(result), as: UTF8.self)
        #expect(!encoded.contains("hunter22"))
    }

    @Test func cancellingTheTaskAbortsTheOpen() async throws {
        let listener = try LoopbackListener()
        let clock = ContinuousClock()
        let started = clock.now
        let port = listener.port
        let task = Task {
            await MediaProbe.run(
                input: "rtsp://127.0.0.1:\(port)/live",
                options: MediaProbeOptions(deadline: .seconds(20))
            )
        }
        try await Task.sleep(for: .milliseconds(500))
        task.cancel()
        let result = await task.value
        let elapsed = clock.now - started
        withExtendedLifetime(listener) {}
        guard case .cancelled(let phase, _) = result.failure else {
            Issue.record("expected cancelled, got \(String(describing: result.failure))")
            return
        }
        #expect(phase == .open)
        // Before the 20 s deadline: cancellation interrupts the open (probe's own time, see above;
        // the cancel itself is sent by a test task that a busy pool may wake late).
        #expect(result.timings.total < 15000, "\(result.timings.total) ms (test saw \(elapsed))")
    }
}

@Suite struct RedactionTests {
    @Test(arguments: [
        (
            "rtsp://admin:pa55word@10.0.0.1/x", "connect rtsp://admin:pa55word@10.0.0.1:554/x failed",
            "connect rtsp://***@10.0.0.1:554/x failed"
        ),
        ("rtsp://admin:pa55word@10.0.0.1/x", "password pa55word echoed", "password *** echoed"),
        ("rtsp://admin:p%40ss%3Aw0rd@h/x", "decoded p@ss:w0rd here", "decoded *** here"),
        ("rtsp://admin:pa55word@h/x", "Authorization: Basic YWRtaW46cGE1NXdvcmQ=", "Authorization: Basic ***"),
        ("rtsp://h/x", "nothing rtsp://u:p@other/ here", "nothing rtsp://***@other/ here"),
    ])
    func redacts(url: String, text: String, expected: String) {
        #expect(MediaProbe.redactCredentials(of: url, in: text) == expected)
    }
}
