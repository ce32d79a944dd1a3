import CamprintAgent
import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("long-running agent pieces")
struct AgentServiceTests {
    @Test func fingerprintIgnoresIdsAndTimingsButSeesIdentityChanges() {
        var first = TestReports.make(id: "one", serial: "DS-1234")
        first.durationMs = 120
        var second = TestReports.make(id: "two", observedAt: "2026-11-27T00:00:00Z", serial: "DS-1234")
        second.durationMs = 900
        #expect(IdentityFingerprint.of(first) == IdentityFingerprint.of(second))
        let upgraded = TestReports.make(id: "three", serial: "DS-1234", firmware: "V5.8.0 build 240101")
        #expect(IdentityFingerprint.of(first) != IdentityFingerprint.of(upgraded))
        let down = TestReports.make(id: "four", serial: "DS-1234", status: .unreachable)
        #expect(IdentityFingerprint.of(first) != IdentityFingerprint.of(down))
    }

    @Test func reloadFlagIsTakenOnce() {
        let signals = AgentSignals()
        #expect(!signals.takeReload())
        signals.requestReload()
        #expect(signals.takeReload())
        #expect(!signals.takeReload())
        #expect(!signals.stopRequested)
        signals.requestStop()
        #expect(signals.stopRequested)
    }

    @Test func notifierWithoutSocketIsANoOp() {
        #expect(!SystemdNotifier(environment: [:]).notify("READY=1"))
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "30000000"]) == .seconds(30))
    }

    #if canImport(Glibc)
        @Test func notifierSendsDatagramsToNotifySocket() throws {
            let path = "/tmp/camprint-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            #expect(descriptor >= 0)
            defer {
                close(descriptor)
                unlink(path)
            }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in bytes.enumerated() { raw[index] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            #expect(bound == 0, "bind \(path): errno \(errno)")
            let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
            #expect(notifier.notify("READY=1"))
            #expect(notifier.notify("WATCHDOG=1"))
            var received: [String] = []
            for _ in 0..<2 {
                var buffer = [UInt8](repeating: 0, count: 256)
                let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if count > 0 { received.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
            }
            #expect(received == ["READY=1", "WATCHDOG=1"])
        }
    #endif
}
