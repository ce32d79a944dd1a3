import Foundation

/// Where failed logins are reported: one line per failure, on every channel, so that tests and
/// people can count attempts across RTSP, HTTP, ISAPI and ONVIF:
///
///     auth-failure camera=<label> channel=<rtsp|http|isapi|onvif> user=<name>
///
/// The user name is printed with spaces, `=` and non-printable characters percent-escaped; the
/// password is never printed.
public final class AuthFailureLog: Sendable {
    public enum Channel: String, Sendable {
        case rtsp, http, isapi, onvif
    }

    private let sink: @Sendable (String) -> Void

    /// Lines go to `sink` (without the line feed).
    public init(sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// Writes to standard error.
    public static let standardError = AuthFailureLog { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func record(camera: String, channel: Channel, user: String?) {
        sink("auth-failure camera=\(Self.escape(camera)) channel=\(channel.rawValue) user=\(Self.escape(user ?? "-"))")
    }

    /// Percent-escapes bytes outside printable ASCII, space, `%` and `=`; at most 64 bytes kept.
    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8.prefix(64) {
            if byte > 0x20, byte < 0x7f, byte != UInt8(ascii: "%"), byte != UInt8(ascii: "=") {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                out += "%" + hex2(byte).uppercased()
            }
        }
        return out.isEmpty ? "-" : out
    }
}
