public import ArgumentParser
import CamprintWire
import Foundation

/// `camprint-testcam`: the emulator's command line (swift-argument-parser).
///
/// Prints `READY <host:port> <persona> <path>[ http=<host:port>]…` for every camera once it is
/// bound, then runs until killed.
public struct TestcamCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "camprint-testcam",
        abstract: "An RTSP camera emulator on loopback, built from real captures, for tests and the demo.",
        usage: """
            camprint-testcam --persona NAME --media FILE [--listen HOST:PORT]
                             [--user NAME --password-file FILE | --no-auth]
                             [--fault NAME[=VALUE]]... [options]
            camprint-testcam --fleet FILE [--personas DIR] [--allow-non-loopback]
            camprint-testcam --replay FILE.pcap[ng] [--listen HOST:PORT]
            """,
        discussion: """
            Each emulated camera answers as a real model does — its persona: status lines, header \
            order and spelling, Digest realm and nonce style, session ids, SDP, RTP packetisation \
            and, for personas with an `http:` section, a web page, ISAPI and ONVIF — and streams \
            the media file it is given. Fault modes make it misbehave the way broken or hostile \
            cameras do. It listens on loopback only unless --allow-non-loopback.

            Three ways to run it:
              one camera  --persona NAME --media FILE: answers on any path of --listen
              a fleet     --fleet FILE: many cameras (personas, media, ports, logins,
                          faults, HTTP sides, discovery, replays); see Samples/fleets/
              a replay    --replay FILE.pcap[ng]: a recorded real RTSP session served
                          back, announced as `READY <host:port> replay <path>`

            Personas (Samples/personas/*.yaml; --personas DIR or CAMPRINT_PERSONAS elsewhere): \
            hikvision-ipc hikvision-nvr hikvision-oem clone-imkh dahua-ipc uniview-ipc axis reolink \
            live555-generic gstreamer-generic. Media: raw .h264/.h265 (decode order = presentation \
            order: no B-frames) or any container libavformat reads (.mp4, .mkv, .ts; B-frames \
            allowed, RTP timestamps follow pts); scripts/make-sample-media.sh makes some.

            Once it listens it prints one line per camera, `READY <host:port> <persona> <path>`, \
            followed by ` http=<host:port>` when the camera also serves HTTP (--http-listen, or \
            `http_base_port` in a fleet), ` discovery=<channel>,…` when it answers SADP (UDP \
            37020), WS-Discovery (3702), SSDP (1900) or DHIP (37810) on its own address (a fleet \
            with `hosts:`), and ` rtsp=off` for a camera without RTSP (port 0). Failed logins on \
            any channel are logged on stderr as \
            `auth-failure camera=<index> channel=<rtsp|http|isapi|onvif> user=<name>`.

            Fault modes (--fault, repeatable; a fleet's `faults:` takes the same names):
              hang-after-accept         accept the connection, never answer
              hang-after-options        answer OPTIONS, then nothing
              drip                      send every response one byte per second
              garbage                   answer every request with random bytes
              huge-header               add a 1 MB header to every response
              truncated-sdp             cut the SDP inside its video section
              close-mid-stream-after=S  close the connection S seconds after PLAY
              setup-status=CODE         answer SETUP with CODE (453 Not Enough Bandwidth…)
              describe-status=CODE      answer DESCRIBE with CODE (503, 404…)
              all-status=CODE           answer every request with CODE (a busy camera)
              unauthorized-forever      401 for any credentials
              lockout=N/S               after N failed logins, 403 for S seconds
              no-keyframe-seconds=S     no IDR/IRAP picture for S seconds after PLAY
              no-parameter-sets         no SPS/PPS/VPS in the stream nor in the SDP
              no-sdp-parameter-sets     no sprop-* in the SDP (still sent in band)
              own-path-only             404 on any path but the camera's own

            Examples:
              one camera, no login, on 127.0.0.1:8554:
                camprint-testcam --persona hikvision-ipc \\
                  --media Samples/h264/testsrc_1280x720_25fps_baseline.h264 --no-auth
              with a login and its HTTP side, the camera's clock three hours ahead:
                camprint-testcam --persona hikvision-ipc --media clip.h264 --user admin \\
                  --password-file pw.txt --http-listen 127.0.0.1:8080 --clock-offset 10800
              a camera that drips, and one that locks out after three failed logins:
                camprint-testcam --persona axis --media clip.h264 --no-auth --fault drip
                camprint-testcam --persona dahua-ipc --media clip.h264 --user admin \\
                  --password-file pw.txt --fault lockout=3/60
              a fleet, and a fleet on many addresses with discovery:
                camprint-testcam --fleet Samples/fleets/demo.yaml
                camprint-testcam --fleet Samples/fleets/discovery.yaml
              a recorded session:
                camprint-testcam --replay session.pcapng --listen 127.0.0.1:8554

            Exit codes: 2 usage error, 1 could not start (unreadable file, port in use, \
            non-loopback address); otherwise it runs until killed.
            """
    )

    @Option(help: ArgumentHelp("The persona to emulate (a file NAME.yaml of --personas).", valueName: "name"))
    var persona: String?

    @Option(help: ArgumentHelp("The video to stream: raw H.264/H.265 or a container.", valueName: "file"))
    var media: String?

    @Option(help: ArgumentHelp("Where to listen (IPv6 as [::1]:PORT; port 0 picks one).", valueName: "host:port"))
    var listen = "127.0.0.1:8554"

    @Option(help: ArgumentHelp("The camera's stream path (default: the persona's).", valueName: "path"))
    var path: String?

    @Option(help: ArgumentHelp("The user name the camera accepts (with --password-file).", valueName: "name"))
    var user: String?

    @Option(help: ArgumentHelp("A file holding the password (never on the command line).", valueName: "file"))
    var passwordFile: String?

    @Flag(help: "No login at all.")
    var noAuth = false

    @Flag(help: "Send frames as fast as the socket takes them instead of in real time.")
    var fast = false

    @Option(help: ArgumentHelp("Frame rate instead of the one the SPS gives (0 to 240).", valueName: "n"))
    var fps: Double?

    @Option(
        name: .customLong("fault"),
        help: ArgumentHelp("A fault mode, NAME or NAME=VALUE (listed below); repeatable.", valueName: "fault")
    )
    var faults: [String] = []

    @Option(help: ArgumentHelp("Where the personas are (default Samples/personas).", valueName: "dir"))
    var personas: String?

    @Option(help: ArgumentHelp("A fleet file: many cameras at once.", valueName: "file"))
    var fleet: String?

    @Option(help: ArgumentHelp("Serve a recorded RTSP session from a pcap or pcapng file.", valueName: "file"))
    var replay: String?

    @Flag(help: "Allow listening on addresses outside 127.0.0.0/8 and ::1.")
    var allowNonLoopback = false

    @Option(
        help: ArgumentHelp(
            "Where the camera's HTTP side listens (personas with an http: section).",
            valueName: "host:port"
        )
    )
    var httpListen: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("The camera clock minus real time (ONVIF time, RTSP Date).", valueName: "seconds")
    )
    var clockOffset: Double?

    @Flag(help: "Stream on a clock shared since start: a client joins mid-GOP.")
    var live = false

    @Option(help: ArgumentHelp("How long a Digest nonce is valid (default 60).", valueName: "seconds"))
    var nonceLifetime: Double?

    public init() {}

    public mutating func validate() throws {
        do {
            _ = try options()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The options of a camera or a fleet, checked (`nil` in replay mode).
    func options() throws(PersonaError) -> TestcamCommandLine.Options? {
        if replay != nil {
            let given: [(String, Bool)] = [
                ("--persona", persona != nil), ("--media", media != nil), ("--path", path != nil),
                ("--user", user != nil), ("--password-file", passwordFile != nil), ("--no-auth", noAuth),
                ("--fast", fast), ("--fps", fps != nil), ("--fault", !faults.isEmpty),
                ("--personas", personas != nil), ("--fleet", fleet != nil), ("--http-listen", httpListen != nil),
                ("--clock-offset", clockOffset != nil), ("--live", live), ("--nonce-lifetime", nonceLifetime != nil),
            ]
            if let flag = given.first(where: { $0.1 }) { throw PersonaError("--replay does not take \(flag.0)") }
            return nil
        }
        var options = TestcamCommandLine.Options()
        options.persona = persona
        options.media = media
        options.listen = listen
        options.path = path
        options.user = user
        options.passwordFile = passwordFile
        options.noAuth = noAuth
        options.fast = fast
        if let fps {
            guard fps > 0, fps <= 240 else { throw PersonaError("--fps needs a number in 0…240") }
            options.fps = fps
        }
        for fault in faults { try options.faults.apply(flag: fault) }
        options.personaDirectory = personas
        options.fleet = fleet
        options.allowNonLoopback = allowNonLoopback
        options.httpListen = httpListen
        options.live = live
        if let nonceLifetime {
            guard nonceLifetime > 0 else { throw PersonaError("--nonce-lifetime needs a positive number of seconds") }
            options.nonceLifetime = nonceLifetime
        }
        if let clockOffset {
            guard abs(clockOffset) <= 10 * 365 * 86_400 else {
                throw PersonaError("--clock-offset needs a number of seconds")
            }
            options.clockOffset = clockOffset
        }
        if fleet == nil, persona == nil || media == nil {
            throw PersonaError("--persona and --media are required (or --fleet, or --replay)")
        }
        if !noAuth, fleet == nil, (user == nil) != (passwordFile == nil) {
            throw PersonaError("--user and --password-file go together")
        }
        return options
    }

    /// Runs until killed; throws `ExitCode(1)` when it cannot start.
    public func run() async throws {
        if let replay {
            let code = await ReplayCommandLine.run(capture: replay, listen: listen, allowNonLoopback: allowNonLoopback)
            throw ExitCode(code)
        }
        guard let options = try options() else { return }
        let code = await TestcamCommandLine.serve(options)
        throw ExitCode(code)
    }
}

/// What `camprint-testcam` runs: the checked options, the listeners they describe, the server.
public enum TestcamCommandLine {
    /// One camera's or a fleet's options, as checked by ``TestcamCommand``.
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

        public init() {}

        /// `camprint-testcam` arguments (without the program name), parsed and checked as the
        /// command does; replay arguments are refused here.
        public init(arguments: [String]) throws {
            guard let options = try TestcamCommand.parse(arguments).options() else {
                throw PersonaError("--replay: no camera options")
            }
            self = options
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

    /// Parses `arguments` and runs: help on stdout (0), a usage error on stderr (2), else
    /// ``TestcamCommand/run()`` until killed (1 when it cannot start).
    public static func run(arguments: [String]) async -> Int32 {
        let command: TestcamCommand
        do {
            command = try TestcamCommand.parse(arguments)
        } catch {
            if TestcamCommand.exitCode(for: error) == .success {
                FileHandle.standardOutput.write(Data((TestcamCommand.fullMessage(for: error) + "\n").utf8))
                return 0
            }
            FileHandle.standardError.write(Data((TestcamCommand.fullMessage(for: error) + "\n").utf8))
            return 2
        }
        do {
            try await command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            FileHandle.standardError.write(Data("camprint-testcam: \(error)\n".utf8))
            return 1
        }
    }

    /// Starts the listeners `options` describe (and a fleet's replays), prints the READY lines and
    /// runs until killed; returns 1 when it cannot start.
    static func serve(_ options: Options) async -> Int32 {
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
