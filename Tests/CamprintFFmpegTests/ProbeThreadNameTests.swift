import CamprintFFmpeg
import CamprintTestSupport
import Foundation
import Testing

/// The libav work runs on a thread named `camprint-ffmpeg`, which leak checks count by name.
@Suite struct ProbeThreadNameTests {
    static func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .newlines) }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/task"), "needs /proc"))
    func probeThreadIsNamed() async throws {
        let listener = try LoopbackListener()
        // A silent server keeps the probe thread blocked in avformat_open_input for the deadline.
        async let result = MediaProbe.run(
            input: "rtsp://127.0.0.1:\(listener.port)/live",
            options: MediaProbeOptions(deadline: .seconds(3))
        )
        var seen = false
        for _ in 0..<50 where !seen {
            seen = Self.threadNames().contains("camprint-ffmpeg")
            if !seen { try await Task.sleep(for: .milliseconds(50)) }
        }
        _ = await result
        withExtendedLifetime(listener) {}
        #expect(seen, "no thread named camprint-ffmpeg while a probe ran: \(Set(Self.threadNames()))")
    }
}
