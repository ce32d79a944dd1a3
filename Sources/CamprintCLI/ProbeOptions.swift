import ArgumentParser
import CamprintClients
import CamprintFFmpeg
import CamprintProbe
import CamprintReport
import CamprintWire
import Foundation

/// Where `camprint probe` takes credentials from: never argv.
struct ProbeCredentialOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "File with the user name and password: `username:password` on one line, `username=U` and `password=P` lines, or the user on line 1 and the password on line 2.",
            valueName: "file"
        )
    )
    var credentials: String?

    @Option(help: "User name; the password comes from --password-file or the CAMPRINT_PASSWORD environment variable.")
    var username: String?

    @Option(help: ArgumentHelp("File holding the password (one trailing newline is ignored).", valueName: "file"))
    var passwordFile: String?

    func validate() throws {
        if credentials != nil, username != nil || passwordFile != nil {
            throw ValidationError("give either --credentials FILE or --username U with --password-file F, not both")
        }
        if passwordFile != nil, username == nil {
            throw ValidationError("--password-file needs --username")
        }
    }

    /// The credentials, or `nil` when none were configured. Errors never quote file contents.
    func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProbeCredentials? {
        if let credentials {
            let text = try Self.read(credentials, what: "credentials file")
            return try Self.parseCredentialsFile(text, path: credentials)
        }
        guard let username else { return nil }
        if let passwordFile {
            return ProbeCredentials(
                username: username,
                password: CredentialFile.password(try Self.read(passwordFile, what: "password file"))
            )
        }
        guard let password = environment["CAMPRINT_PASSWORD"], !password.isEmpty else {
            throw CommandFailure.usage("--username needs a password: --password-file F or CAMPRINT_PASSWORD")
        }
        return ProbeCredentials(username: username, password: password)
    }

    static func parseCredentialsFile(_ text: String, path: String) throws -> ProbeCredentials {
        guard let credentials = CredentialFile.parse(text) else {
            throw CommandFailure.usage("\(path): expected \(CredentialFile.layouts)")
        }
        return credentials
    }

    static func read(_ path: String, what: String) throws -> String {
        do {
            return try CredentialFile.read(path, what: what)
        } catch {
            throw CommandFailure.usage(error.message)
        }
    }
}

/// `10s`, `500ms`, `1m`, `1.5s` or a bare number of seconds, at most an hour (CamprintWire's
/// one duration parser, ``DurationText``).
struct DurationArgument: ExpressibleByArgument, Sendable, CustomStringConvertible {
    var duration: Duration
    var description: String

    init(_ duration: Duration, description: String) {
        self.duration = duration
        self.description = description
    }

    init?(argument: String) {
        guard let duration = DurationText.parse(argument, maximum: .seconds(3600)) else { return nil }
        self.duration = duration
        self.description = argument
    }

    var defaultValueDescription: String { description }
}

/// `--transport tcp|udp|auto` for the media plane.
enum TransportArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case tcp
    case udp
    case auto

    var mediaTransport: MediaTransport {
        switch self {
        case .tcp: .tcp
        case .udp: .udp
        case .auto: .auto
        }
    }
}

/// `--fail-on`: which verdicts make `camprint probe` exit 1.
enum FailOnArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// `hikvision` or `hikvision-oem`.
    case hikvision
    case hikvisionOEM = "hikvision-oem"
    case clone

    func matches(_ verdict: Verdict) -> Bool {
        switch self {
        case .hikvision: verdict == .hikvision || verdict == .hikvisionOEM
        case .hikvisionOEM: verdict == .hikvisionOEM
        case .clone: verdict == .clone
        }
    }
}

/// The HTTP device-information channels of `camprint probe` (banner, ISAPI, ONVIF).
struct ProbeHTTPOptions: ParsableArguments {
    @Option(help: ArgumentHelp("HTTP port of the banner and ISAPI requests.", valueName: "port"))
    var httpPort = 80

    @Option(
        help: ArgumentHelp(
            "ONVIF Device service URL (default http://<RTSP host>:<http port>/onvif/device_service; applies to every target).",
            valueName: "url"
        )
    )
    var onvifURL: String?

    @Flag(help: "No HTTP requests at all (banner, ISAPI, ONVIF).")
    var noHTTP = false

    @Flag(help: "No ONVIF requests.")
    var noONVIF = false

    @Flag(
        name: .customLong("onvif-auth"),
        help: """
            Also send the ONVIF requests that need the password (GetDeviceInformation, GetNetworkInterfaces, \
            GetScopes). Off by default: a WS-Security token is made on the camera's clock and a hostile camera \
            can replay it against another device with the same password.
            """
    )
    var onvifAuthentication = false

    func validate() throws {
        if !(1...65535).contains(httpPort) { throw ValidationError("--http-port must be 1-65535") }
        if let onvifURL, ONVIFEndpoint(url: onvifURL) == nil {
            throw ValidationError("--onvif-url must be http://host[:port]/path")
        }
    }

    /// `nil` with --no-http.
    var settings: HTTPChannelSettings? {
        guard !noHTTP else { return nil }
        return HTTPChannelSettings(
            port: httpPort,
            onvif: !noONVIF,
            onvifURL: onvifURL.flatMap { ONVIFEndpoint(url: $0) },
            onvifAuthentication: onvifAuthentication
        )
    }
}
