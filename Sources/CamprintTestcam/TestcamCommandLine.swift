import CamprintWire
import Foundation

/// `camprint-testcam` command line.
///
///     camprint-testcam --persona NAME --media FILE [--listen 127.0.0.1:PORT] [--path /…]
///                      [--user NAME --password-file FILE | --no-auth] [--fast] [--fps N]
///                      [--fault NAME[=VALUE]]… [--personas DIR] [--allow-non-loopback]
///                      [--http-listen 127.0.0.1:PORT] [--clock-offset SECONDS]
///                      [--live] [--nonce-lifetime SECONDS]
///     camprint-testcam --fleet FILE [--personas DIR] [--allow-non-loopback]
///
/// Prints `READY <host:port> <persona> <path>[ http=<host:port>]` for every camera once it is bound.
public enum TestcamCommandLine {
    public static let usage = """
        usage: camprint-testcam --persona NAME --media FILE [--listen 127.0.0.1:PORT] [--path /PATH]
                                [--user NAME --password-file FILE | --no-auth] [--fast] [--fps N]
                                [--fault NAME[=VALUE]]... [--personas DIR] [--allow-non-loopback]
                                [--http-listen 127.0.0.1:PORT] [--clock-offset SECONDS]
                                [--live] [--nonce-lifetime SECONDS]
               camprint-testcam --fleet FILE [--personas DIR] [--allow-non-loopback]
               camprint-testcam --replay FILE.pcap[ng] [--listen 127.0.0.1:PORT] [--allow-non-loopback]
        faults: hang-after-accept hang-after-options drip garbage huge-header truncated-sdp
                close-mid-stream-after=SECONDS setup-status=CODE describe-status=CODE all-status=CODE
                unauthorized-forever lockout=N/SECONDS no-keyframe-seconds=SECONDS no-parameter-sets
                no-sdp-parameter-sets own-path-only
        """

    public struct Options: Sendable {
        public var persona: String?
        public var media: String?
        public var listen = "127.0.0.1:8554"
        public var path: String?
        public var user: String?
        public var passwordFile: String?
        public var noAuth = false
        public var fast = false
        public var fps: Double?
        public var faults = FaultConfig()
        public var personaDirectory: String?
        public var fleet: String?
        public var allowNonLoopback = false
        /// `host:port` of the camera's HTTP server (ONVIF, ISAPI, web page), for personas with `http:`.
        public var httpListen: String?
        /// The camera clock's offset from real time, in seconds (overrides the persona's).
        public var clockOffset: Double?
        /// Stream on a clock shared since start: clients join mid-GOP.
        public var live = false
        /// Digest nonce validity in seconds (else the persona's, 60 by default).
        public var nonceLifetime: Double?

        public init(arguments: [String]) throws(PersonaError) {
            var iterator = arguments.makeIterator()
            func value(_ flag: String) throws(PersonaError) -> String {
                guard let next = iterator.next() else { throw PersonaError("\(flag) needs a value") }
                return next
            }
            while let argument = iterator.next() {
                switch argument {
                case "--persona": persona = try value(argument)
                case "--media": media = try value(argument)
                case "--listen": listen = try value(argument)
                case "--path": path = try value(argument)
                case "--user": user = try value(argument)
                case "--password-file": passwordFile = try value(argument)
                case "--no-auth": noAuth = true
                case "--fast": fast = true
                case "--fps":
                    guard let rate = Double(try value(argument)), rate > 0, rate <= 240 else {
                        throw PersonaError("--fps needs a number in 0…240")
                    }
                    fps = rate
                case "--fault": try faults.apply(flag: try value(argument))
                case "--personas": personaDirectory = try value(argument)
                case "--fleet": fleet = try value(argument)
                case "--allow-non-loopback": allowNonLoopback = true
                case "--http-listen": httpListen = try value(argument)
                case "--live": live = true
                case "--nonce-lifetime":
                    guard let seconds = Double(try value(argument)), seconds > 0 else {
                        throw PersonaError("--nonce-lifetime needs a positive number of seconds")
                    }
                    nonceLifetime = seconds
                case "--clock-offset":
                    guard let offset = Double(try value(argument)), abs(offset) <= 10 * 365 * 86_400 else {
                        throw PersonaError("--clock-offset needs a number of seconds")
                    }
                    clockOffset = offset
                default: throw PersonaError("unknown argument \(argument)")
                }
            }
            if fleet == nil, persona == nil || media == nil {
                throw PersonaError("--persona and --media are required (or --fleet)")
            }
            if !noAuth, fleet == nil, (user == nil) != (passwordFile == nil) {
                throw PersonaError("--user and --password-file go together")
            }
        }
    }

    /// Splits `host:port` (`[::1]:8554` for IPv6; CamprintWire's ``HostPort``); port 0 asks
    /// the system for one.
    static func hostPort(_ text: String) throws(PersonaError) -> (String, Int) {
        guard let parsed = HostPort(text, ports: 0...65535), let port = parsed.port else {
            throw PersonaError("--listen wants HOST:PORT, got \(text)")
        }
        return (parsed.host, port)
    }

    /// The fleet file and the folder its relative paths are resolved against: the current
    /// directory when the fleet path is relative (`Samples/fleets/demo.yaml` names
    /// `Samples/media/…`), else the fleet's folder.
    static func loadFleet(_ fleetPath: String) throws(PersonaError) -> (file: FleetFile, base: String) {
        guard let data = FileManager.default.contents(atPath: fleetPath),
            let text = String(data: data, encoding: .utf8)
        else { throw PersonaError("cannot read fleet file \(fleetPath)") }
        let fleet = try FleetFile(yaml: text)
        let base = URL(fileURLWithPath: fleetPath).deletingLastPathComponent().path
        return (fleet, fleetPath.hasPrefix("/") ? base : FileManager.default.currentDirectoryPath)
    }

    /// Starts the replays of `fleet` (read by ``loadFleet(_:)``); returns their READY lines.
    static func startReplays(
        _ fleet: (file: FleetFile, base: String),
        allowNonLoopback: Bool,
        servers: inout [ReplayServer]
    ) async throws -> [String] {
        var lines: [String] = []
        for replay in fleet.file.replayListeners(baseDirectory: fleet.base) {
            guard let data = FileManager.default.contents(atPath: replay.capture) else {
                throw PersonaError("fleet replay: cannot read \(replay.capture)")
            }
            let recording = try RecordedSession(capture: Array(data))
            let server = ReplayServer()
            servers.append(server)
            let port = try await server.start(
                recording,
                host: replay.host,
                port: replay.port,
                allowNonLoopback: allowNonLoopback
            )
            lines.append("READY \(BoundListener.address(host: replay.host, port: port)) replay \(recording.path)")
        }
        return lines
    }

    /// Builds the listeners the options describe.
    public static func listeners(_ options: Options, cache: MediaCache = MediaCache()) throws(PersonaError)
        -> [ListenerSpec]
    {
        try listeners(options, fleet: options.fleet.map(loadFleet), cache: cache)
    }

    /// ``listeners(_:cache:)`` with the fleet file already read (`run` starts its replays too).
    static func listeners(_ options: Options, fleet: (file: FleetFile, base: String)?, cache: MediaCache)
        throws(PersonaError) -> [ListenerSpec]
    {
        let personaDirectory = options.personaDirectory ?? Persona.defaultDirectory()
        if let fleet {
            return try fleet.file.listeners(
                baseDirectory: fleet.base,
                personaDirectory: personaDirectory,
                cache: cache
            )
        }
        guard let personaName = options.persona, let mediaPath = options.media else { return [] }
        let persona = try Persona.load(personaName, directory: personaDirectory)
        let media = try cache.source(mediaPath)
        var credentials: Credentials?
        if !options.noAuth, let user = options.user, let file = options.passwordFile {
            credentials = Credentials(user: user, password: try PasswordFile.read(file))
        }
        let (host, port) = try hostPort(options.listen)
        var http: HTTPListen?
        if let text = options.httpListen {
            guard persona.http != nil else {
                throw PersonaError("--http-listen: persona \(persona.name) has no http: section")
            }
            let (httpHost, httpPort) = try hostPort(text)
            http = HTTPListen(host: httpHost, port: httpPort)
        }
        let camera = CameraConfig(
            persona: persona,
            media: media,
            path: options.path,
            credentials: credentials,
            faults: options.faults,
            fast: options.fast,
            framesPerSecond: options.fps,
            label: "0",
            http: http,
            clockOffsetSeconds: options.clockOffset,
            live: options.live ? true : nil,
            nonceLifetimeSeconds: options.nonceLifetime
        )
        return [ListenerSpec(host: host, port: port, cameras: [camera])]
    }

    /// What `--help` prints: the usage, then what the emulator is for and where personas live.
    public static let help = """
        camprint-testcam: an RTSP camera emulator on loopback, built from real captures.

        \(usage)

        Personas (Samples/personas/*.yaml): hikvision-ipc hikvision-nvr hikvision-oem clone-imkh
        dahua-ipc uniview-ipc axis reolink live555-generic gstreamer-generic. Media: raw .h264/.h265
        (decode order = presentation order: no B-frames) or any container libavformat reads (.mp4,
        .mkv, .ts; B-frames allowed, RTP timestamps follow pts); scripts/make-sample-media.sh makes
        some. --live: the stream runs on a clock shared since start, so a client joins mid-GOP.
        Digest nonces expire after --nonce-lifetime seconds (default 60): then 401 with stale=TRUE. Prints one line
        `READY <host:port> <persona> <path>` per camera once it listens, followed by
        ` http=<host:port>` when the camera also serves HTTP (personas with an `http:` section and
        --http-listen, or `http_base_port` in a fleet: web page, ISAPI, ONVIF); runs until killed.
        Failed logins on any channel are logged on stderr as
        `auth-failure camera=<index> channel=<rtsp|http|isapi|onvif> user=<name>`.
        A fleet file may also list `replays:` (`capture:` a pcap/pcapng, `port:`, `host:`): recorded
        real sessions served as with --replay, announced as `READY <host:port> replay <path>`.
        Discovery: in a fleet with `hosts:` (each camera on its own address), cameras whose persona
        has a `discovery:` section answer SADP (UDP 37020), WS-Discovery (3702), SSDP (1900) and DHIP
        (37810) on their address, unicast to the sender; the READY line then ends in
        ` discovery=<channel>,…`. Fleet `discovery: false` turns this off; a camera's
        `discovery: [sadp]` keeps only those channels, `rtsp: false` drops its RTSP listener
        (READY shows port 0 and ` rtsp=off`). With `hosts:` every camera gets base_port and
        http_base_port on its own address (Samples/fleets/discovery.yaml, sweep-200.yaml).

        Examples:
          camprint-testcam --persona hikvision-ipc --media Samples/media/h264_1920x1080_gop2.h264 --no-auth
          camprint-testcam --persona dahua-ipc --media clip.h264 --user admin --password-file pw.txt
          camprint-testcam --persona axis --media clip.h264 --no-auth --fault drip
          camprint-testcam --persona hikvision-ipc --media clip.h264 --user admin --password-file pw.txt \\
                           --http-listen 127.0.0.1:8080 --clock-offset 10800
          camprint-testcam --fleet Samples/fleets/demo.yaml
          camprint-testcam --fleet Samples/fleets/discovery.yaml
        """

    /// Runs until killed. Returns an exit code on failure to start.
    public static func run(arguments: [String]) async -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            FileHandle.standardOutput.write(Data((help + "\n").utf8))
            return 0
        }
        if arguments.contains("--replay") { return await ReplayCommandLine.run(arguments: arguments) }
        let options: Options
        do {
            options = try Options(arguments: arguments)
        } catch {
            FileHandle.standardError.write(Data("camprint-testcam: \(error)\n\(usage)\n".utf8))
            return 2
        }
        let server = TestcamServer()
        var replays: [ReplayServer] = []
        do {
            let fleet = try options.fleet.map(loadFleet)
            let specs = try listeners(options, fleet: fleet, cache: MediaCache())
            let bound = try await server.start(specs, allowNonLoopback: options.allowNonLoopback)
            var replayLines: [String] = []
            if let fleet {
                replayLines = try await startReplays(
                    fleet,
                    allowNonLoopback: options.allowNonLoopback,
                    servers: &replays
                )
            }
            for line in bound.flatMap(\.readyLines) + replayLines {
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("camprint-testcam: \(error)\n".utf8))
            await server.shutdown()
            for replay in replays { await replay.shutdown() }
            return 1
        }
        while true { try? await Task.sleep(for: .seconds(3600)) }
    }
}
