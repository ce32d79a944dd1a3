import CamprintRTSP
import CamprintWire
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain blocking TCP client (POSIX sockets), so that tests see exactly what a naive client sees.
final class SocketClient {
    private let fd: Int32
    private(set) var received: [UInt8] = []
    private var decoder = RTSPFrameDecoder()

    init(port: Int, host: String = "127.0.0.1") throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ClientError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw ClientError("connect to \(host):\(port) failed")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads what arrives within `timeout` seconds (one recv). Returns nil on timeout, [] on close.
    func receiveOnce(timeout: Double) -> [UInt8]? {
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 { return nil }
        let chunk = Array(buffer[0..<count])
        received.append(contentsOf: chunk)
        return chunk
    }

    /// Reads until a response is complete (skipping interleaved frames), or the deadline passes.
    func response(timeout: Double = 5) throws -> RTSPResponse {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            while let frame = try decoder.next() {
                if case .response(let response) = frame { return response }
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw ClientError("no complete response within \(timeout) s") }
            guard let chunk = receiveOnce(timeout: min(left, 1)) else { continue }
            if chunk.isEmpty { throw ClientError("connection closed before a complete response") }
            decoder.append(chunk)
        }
    }

    /// Interleaved frames received within `seconds`; stops early when the connection closes.
    func interleaved(for seconds: Double, upTo limit: Int = .max) throws -> (frames: [(UInt8, [UInt8])], closed: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        var frames: [(UInt8, [UInt8])] = []
        while deadline.timeIntervalSinceNow > 0, frames.count < limit {
            while let frame = try decoder.next() {
                if case .interleaved(let channel, let payload) = frame { frames.append((channel, payload.bytes)) }
            }
            guard let chunk = receiveOnce(timeout: min(deadline.timeIntervalSinceNow, 0.5)) else { continue }
            if chunk.isEmpty { return (frames, true) }
            decoder.append(chunk)
        }
        return (frames, false)
    }

    func request(_ method: String, _ url: String, cseq: Int, headers: [(String, String)] = []) throws -> RTSPResponse {
        var text = "\(method) \(url) RTSP/1.0\r\nCSeq: \(cseq)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        send(text + "\r\n")
        return try response()
    }
}

struct ClientError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
