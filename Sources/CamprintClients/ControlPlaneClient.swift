import CamprintDigest
import CamprintRTSP
import CamprintReport
import CamprintSDP
import CamprintWire
public import NIOCore
import NIOPosix

/// The native RTSP control plane (RFC 2326 §10.1, §10.2; README, `camprint probe`): OPTIONS, DESCRIBE without credentials,
/// and DESCRIBE with credentials once, only when the server answered 401 and credentials were
/// given. Every response is kept byte for byte with its round-trip time.
///
/// Safety (README, `camprint probe`): one connection at a time, one authentication attempt per probe (a second
/// 401 is `auth_failed`, never retried), 453/503 honoured, TEARDOWN for any session handed out,
/// every step bounded by ``ControlPlaneOptions`` so a dead camera costs its timeout only.
public struct ControlPlaneClient: Sendable {
    public var options: ControlPlaneOptions
    /// The Digest `cnonce` generator (fixed in tests).
    public var clientNonce: @Sendable () -> String
    /// The vendors a bare address's first answers point to, most likely first (the pipeline asks
    /// its identity engine); they rank ``StreamPaths`` for the search. `nil`: the list's order.
    public var vendorHints: (@Sendable ([RTSPExchange]) -> [String])?
    let group: any EventLoopGroup

    /// `eventLoopGroup` defaults to NIO's process-wide `MultiThreadedEventLoopGroup.singleton`.
    public init(
        options: ControlPlaneOptions = ControlPlaneOptions(),
        eventLoopGroup: (any EventLoopGroup)? = nil,
        clientNonce: @escaping @Sendable () -> String = ControlPlaneClient.randomClientNonce,
        vendorHints: (@Sendable ([RTSPExchange]) -> [String])? = nil
    ) {
        self.vendorHints = vendorHints
        self.options = options
        self.group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        self.clientNonce = clientNonce
    }

    /// 16 random bytes as hex.
    @Sendable public static func randomClientNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// Probes `url`; never throws: every outcome is in the result.
    public func probe(_ url: RTSPURL, credentials: ProbeCredentials? = nil) async -> ControlPlaneResult {
        let eventLoop = group.next()
        let options = options
        let clientNonce = clientNonce
        let vendorHints = vendorHints
        // Every step runs on the connection's event loop (see EventLoopTaskExecutor).
        return await withTaskExecutorPreference(EventLoopTaskExecutor(eventLoop)) {
            var run = ControlPlaneRun(
                url: url,
                credentials: credentials,
                options: options,
                eventLoop: eventLoop,
                clientNonce: clientNonce,
                vendorHints: vendorHints
            )
            await run.execute()
            return run.result
        }
    }
}

/// The state of one probe.
struct ControlPlaneRun {
    var result: ControlPlaneResult
    var credentials: ProbeCredentials?
    let options: ControlPlaneOptions
    let eventLoop: any EventLoop
    let clientNonce: @Sendable () -> String
    let vendorHints: (@Sendable ([RTSPExchange]) -> [String])?
    let start = NIODeadline.now()
    let totalDeadline: NIODeadline
    var sequence = 0
    var authenticationUsed = false
    var session: String?

    init(
        url: RTSPURL,
        credentials: ProbeCredentials?,
        options: ControlPlaneOptions,
        eventLoop: any EventLoop,
        clientNonce: @escaping @Sendable () -> String,
        vendorHints: (@Sendable ([RTSPExchange]) -> [String])? = nil
    ) {
        self.vendorHints = vendorHints
        self.result = ControlPlaneResult(url: url)
        self.credentials = credentials
        self.options = options
        self.eventLoop = eventLoop
        self.clientNonce = clientNonce
        self.totalDeadline = start + .nanoseconds(options.totalTimeout.nanoseconds)
    }

    mutating func execute() async {
        var url = result.url
        while true {
            do throws(ControlPlaneFailure) {
                let next = try await probeOnce(url)
                guard let next else { break }
                guard result.redirects.count < options.maximumRedirects else {
                    throw .tooManyRedirects(count: options.maximumRedirects)
                }
                let otherHost = next.host.lowercased() != url.host.lowercased()
                if otherHost, !options.followRedirectsToOtherHosts {
                    throw .redirectToOtherHost(location: URLRedaction.redact(next.description))
                }
                // Credentials go only to the host, port and scheme they were given for: a redirect
                // that changes any of them (rtsps → rtsp included) continues without them.
                if otherHost || next.port != url.port || next.scheme != url.scheme {
                    if credentials != nil { result.credentialsDropped = true }
                    credentials = nil
                }
                result.redirects.append(next.description)
                url = next
                result.finalURL = next
            } catch {
                result.failure = error
                break
            }
        }
        result.duration = .nanoseconds((NIODeadline.now() - start).nanoseconds)
    }

    /// One connection: OPTIONS, DESCRIBE (±auth), TEARDOWN if needed. Returns a redirect target.
    private mutating func probeOnce(_ url: RTSPURL) async throws(ControlPlaneFailure) -> RTSPURL? {
        var connection = try await connect(url)
        do throws(ControlPlaneFailure) {
            let redirect = try await converse(url, connection: &connection)
            await tearDown(url, connection: connection)
            await connection.close()
            return redirect
        } catch {
            await tearDown(url, connection: connection)
            await connection.close()
            throw error
        }
    }

    private mutating func converse(
        _ url: RTSPURL,
        connection: inout RTSPConnection
    ) async throws(ControlPlaneFailure) -> RTSPURL? {
        let options = try await send("OPTIONS", url, connection: connection)
        if options.statusCode == 453 || options.statusCode == 503 { throw .busy(statusLine: Self.statusLine(options)) }
        if self.options.searchesStreamPath, url.path == "/", result.redirects.isEmpty {
            return try await searchStream(url, connection: &connection)
        }
        let describe = try await describe(url, connection: &connection)
        if describe.statusCode == 401 { throw .authRequired(realm: Self.challenges(describe).first?.realm) }
        return try handleDescribe(describe, url: url)
    }

    /// DESCRIBE, and when it gets 401 and credentials were given, DESCRIBE once more with them.
    /// Returns a 401 when no credentials were given (or, with `requestLimit`, when answering it
    /// would exceed the limit). A 401 to the credentials is `auth_failed`, and so is a 401 after
    /// credentials were refused before; `answerAgainOnceAccepted` (the search of a bare address)
    /// answers a new path's 401 with credentials the camera already accepted on another path.
    private mutating func describe(
        _ url: RTSPURL,
        connection: inout RTSPConnection,
        answerAgainOnceAccepted: Bool = false,
        requestLimit: Int? = nil
    ) async throws(ControlPlaneFailure) -> RTSPResponse {
        var describe = try await send("DESCRIBE", url, connection: connection)
        guard describe.statusCode == 401, let credentials else { return describe }
        let challenges = Self.challenges(describe)
        if authenticationUsed {
            let acceptedBefore = result.authentication?.accepted == true
            guard answerAgainOnceAccepted, acceptedBefore else {
                if let record = result.authentication { throw .authFailed(scheme: record.scheme, realm: record.realm) }
                throw .authRequired(realm: challenges.first?.realm)
            }
        }
        if let requestLimit, sequence >= requestLimit { return describe }
        guard let choice = AuthenticationChoice.choose(from: challenges) else {
            throw .authUnsupported(schemes: challenges.map(\.scheme))
        }
        // Basic is the password itself (RFC 7617 §4): only over TLS to a verified
        // certificate, or where the operator allowed it for this target.
        if case .basic(let challenge) = choice, !self.options.isVerifiedTLS(url), !self.options.allowBasic {
            throw .basicRefused(realm: challenge.realm)
        }
        authenticationUsed = true
        if !connection.isActive || describe.headers.value("Connection")?.lowercased() == "close" {
            await connection.close()
            connection = try await connect(url)
        }
        var record = AuthenticationRecord(
            scheme: choice.schemeName,
            algorithm: nil,
            qop: nil,
            realm: nil,
            sentInClear: false,
            accepted: false
        )
        switch choice {
        case .digest(let challenge, let algorithm):
            record.algorithm = algorithm.rawValue
            record.qop = challenge.qop.isEmpty ? nil : "auth"
            record.realm = challenge.realm
        case .basic(let challenge):
            record.realm = challenge.realm
            record.sentInClear = !self.options.isVerifiedTLS(url)
        }
        result.authentication = record
        let nonce = clientNonce()
        describe = try await send("DESCRIBE", url, connection: connection) { method, uri in
            choice.headerValue(credentials: credentials, method: method, uri: uri, clientNonce: nonce)
        }
        if describe.statusCode == 401 {
            result.authentication?.accepted = false
            throw .authFailed(scheme: record.scheme, realm: record.realm)
        }
        result.authentication?.accepted = true
        return describe
    }

    static func challenges(_ response: RTSPResponse) -> [AuthenticateChallenge] {
        response.headers.all("WWW-Authenticate").flatMap { AuthenticateChallenge.parseAll($0.value) }
    }

    /// The search of a bare address (issue 17, item 3): DESCRIBE on `/` (OPTIONS on `/` was just
    /// sent), then the paths of ``StreamPaths`` ranked by the vendors the answers so far point to,
    /// on one connection at a time, until a DESCRIBE answers with a stream, at most
    /// ``StreamPaths/requestLimit`` requests in all and within the probe's deadline. A 401 without
    /// credentials on `/` ends it as today (every path would ask); on a vendor path it means the
    /// path exists (`/` did not ask): that path is reported, behind authentication. With
    /// credentials each 401 is answered once; a refusal ends the search (`auth_failed`). 403 ends
    /// it too (a camera that forbids may be locking out), 453/503 as everywhere.
    private mutating func searchStream(
        _ base: RTSPURL,
        connection: inout RTSPConnection
    ) async throws(ControlPlaneFailure) -> RTSPURL? {
        let limit = StreamPaths.requestLimit
        result.streamSearch = StreamSearchRecord(limit: limit)
        var paths = ["/"]
        var index = 0
        var lastFailure: ControlPlaneFailure?
        while index < paths.count {
            let path = paths[index]
            index += 1
            guard sequence < limit else { break }
            guard NIODeadline.now() < totalDeadline else {
                throw .totalTimeout(step: "the search of the stream's path", after: options.totalTimeout)
            }
            var url = base
            url.path = path
            if !connection.isActive {
                await connection.close()
                connection = try await connect(url)
            }
            result.streamSearch?.tried.append(path)
            let response: RTSPResponse
            do throws(ControlPlaneFailure) {
                response = try await describe(
                    url,
                    connection: &connection,
                    answerAgainOnceAccepted: true,
                    requestLimit: limit
                )
            } catch {
                result.streamSearch?.requests = sequence
                throw error
            }
            result.streamSearch?.requests = sequence
            if path == "/" {
                let hints = vendorHints?(result.exchanges) ?? []
                result.streamSearch?.hintedVendors = hints
                paths += StreamPaths.ranked(vendors: hints).map(\.path).filter { $0 != "/" }
            }
            switch response.statusCode {
            case 200..<300:
                do throws(ControlPlaneFailure) {
                    _ = try handleDescribe(response, url: url)
                } catch {
                    // Not a usable stream here (no SDP, no video): try the next path.
                    result.sdpBytes = []
                    result.sessionDescription = nil
                    result.contentBase = nil
                    lastFailure = error
                    continue
                }
                result.finalURL = url
                result.streamSearch?.foundPath = path
                return nil
            case 301, 302, 303, 307, 308:
                result.streamSearch?.foundPath = path
                return try handleDescribe(response, url: url)
            case 401:
                let realm = Self.challenges(response).first?.realm
                // With credentials a 401 here means answering it would exceed the limit.
                guard credentials == nil else { break }
                if path != "/" {
                    result.finalURL = url
                    result.streamSearch?.foundPath = path
                    result.streamSearch?.foundBehindAuthentication = true
                }
                throw .authRequired(realm: realm)
            case 403: throw .forbidden(statusLine: Self.statusLine(response))
            case 453, 503: throw .busy(statusLine: Self.statusLine(response))
            default: lastFailure = nil
            }
        }
        if let lastFailure { throw lastFailure }
        throw .streamNotFound(
            paths: result.streamSearch?.tried.count ?? 0,
            requests: result.streamSearch?.requests ?? sequence,
            limit: limit
        )
    }

    private mutating func handleDescribe(_ describe: RTSPResponse, url: RTSPURL) throws(ControlPlaneFailure) -> RTSPURL?
    {
        let line = Self.statusLine(describe)
        switch describe.statusCode {
        case 200..<300: break
        case 301, 302, 303, 307, 308:
            guard let location = describe.headers.value("Location"), !location.isEmpty else {
                throw .invalidRedirect(reason: "\(line) without Location")
            }
            do {
                return try url.resolving(location: location)
            } catch {
                throw .invalidRedirect(reason: error.description)
            }
        case 403: throw .forbidden(statusLine: line)
        case 404: throw .notFound(statusLine: line)
        case 453, 503: throw .busy(statusLine: line)
        default: throw .unexpectedStatus(step: "DESCRIBE", statusLine: line)
        }
        result.contentBase = describe.headers.value("Content-Base") ?? describe.headers.value("Content-Location")
        result.sdpBytes = describe.body.bytes
        guard !describe.body.bytes.isEmpty else { throw .invalidSDP(reason: "the body is empty") }
        let description: SessionDescription
        do {
            description = try SessionDescription(parsing: describe.body.bytes)
        } catch {
            throw .invalidSDP(reason: String(describing: error))
        }
        result.sessionDescription = description
        let video = description.media.filter { $0.media.media.lowercased() == "video" }
        guard !video.isEmpty else { throw .noVideo(media: description.media.map(\.media.media)) }
        let codecs = video.flatMap(Self.videoCodecs)
        let supported = codecs.contains { ["H264", "H265", "HEVC"].contains($0.uppercased()) }
        if !supported, !codecs.isEmpty { throw .unsupportedCodec(codecs: codecs) }
        return nil
    }

    /// Encoding names of a video section: `a=rtpmap` names, else RFC 3551 static payload types.
    static func videoCodecs(_ media: MediaDescription) -> [String] {
        let mapped = media.attributes.rtpMaps.map(\.encodingName)
        if !mapped.isEmpty { return mapped }
        let staticTypes = [26: "JPEG", 31: "H261", 32: "MPV", 33: "MP2T", 34: "H263"]
        return media.media.payloadTypes.map { staticTypes[$0] ?? "payload type \($0)" }
    }

    // MARK: Steps

    func connect(_ url: RTSPURL) async throws(ControlPlaneFailure) -> RTSPConnection {
        let (resolveDeadline, resolveIsTotal) = stepDeadline(options.resolveTimeout)
        let addresses: [SocketAddress]
        do {
            addresses = try await HostResolver.resolve(
                host: url.host,
                port: url.port,
                eventLoop: eventLoop,
                timeout: .nanoseconds((resolveDeadline - .now()).nanoseconds)
            ).get()
        } catch HostResolver.Failure.notFound(let reason) {
            throw .dnsFailure(host: url.host, reason: reason)
        } catch {
            if resolveIsTotal { throw .totalTimeout(step: "DNS lookup", after: options.totalTimeout) }
            throw .resolveTimeout(host: url.host, after: options.resolveTimeout)
        }
        var lastFailure = ControlPlaneFailure.totalTimeout(step: "connect", after: options.totalTimeout)
        for address in addresses {
            let (deadline, isTotal) = stepDeadline(options.connectTimeout)
            let remaining = Duration.nanoseconds((deadline - .now()).nanoseconds)
            guard remaining > .zero else { break }
            do {
                return try await RTSPConnection.open(
                    to: address,
                    tls: url.isTLS,
                    caFile: options.caFile,
                    serverName: url.isIPv6Literal || address.ipAddress == url.host ? nil : url.host,
                    eventLoop: eventLoop,
                    timeout: remaining
                )
            } catch {
                if case .connectTimeout(let peer, _) = error {
                    lastFailure =
                        isTotal
                        ? .totalTimeout(step: "connect to \(peer)", after: options.totalTimeout)
                        : .connectTimeout(address: peer, after: options.connectTimeout)
                } else {
                    lastFailure = error
                }
            }
        }
        throw lastFailure
    }

    /// Sends one request and returns its response; records the exchange either way.
    private mutating func send(
        _ method: String,
        _ url: RTSPURL,
        connection: RTSPConnection,
        authorization: ((String, String) -> String)? = nil
    ) async throws(ControlPlaneFailure) -> RTSPResponse {
        sequence += 1
        let uri = url.description
        var headers = RTSPHeaders([RTSPHeader("CSeq", String(sequence)), RTSPHeader("User-Agent", options.userAgent)])
        if method == "DESCRIBE" { headers.append(RTSPHeader("Accept", "application/sdp")) }
        if let session, method == "TEARDOWN" { headers.append(RTSPHeader("Session", session)) }
        var recorded = headers
        if let authorization {
            let value = authorization(method, uri)
            headers.append(RTSPHeader("Authorization", value))
            let scheme = value.split(separator: " ").first.map(String.init) ?? "?"
            recorded.append(RTSPHeader("Authorization", "\(scheme) (redacted)"))
        }
        let request = RTSPRequest(method: method, uri: uri, headers: headers)
        var exchange = RTSPExchange(
            request: RTSPRequest(method: method, uri: uri, headers: recorded),
            response: nil,
            rawResponse: [],
            roundTrip: nil,
            peer: connection.peer
        )
        let (deadline, isTotal) = stepDeadline(options.readTimeout)
        let sentAt = NIODeadline.now()
        let response: RTSPResponse
        do {
            let received = try await connection.exchange(request.serialize(), deadline: deadline)
            response = received.response
            exchange.response = response
            exchange.rawResponse = received.raw
            exchange.roundTrip = .nanoseconds((received.completedAt - sentAt).nanoseconds)
            result.exchanges.append(exchange)
        } catch {
            switch error {
            case .decode(_, let partial), .timeout(let partial, _), .closed(let partial, _):
                exchange.rawResponse = partial
            case .tls, .io: break
            }
            result.exchanges.append(exchange)
            throw Self.failure(error, step: method, peer: connection.peer, isTotal: isTotal, options: options)
        }
        if let firstLine = Self.foreignProtocol(response) { throw .notRTSP(firstLine: firstLine) }
        result.challenges += response.headers.all("WWW-Authenticate").flatMap {
            AuthenticateChallenge.parseAll($0.value)
        }
        if let value = response.headers.value("Session"), session == nil {
            session = SessionHeader(parsing: value).id
        }
        return response
    }

    private mutating func tearDown(_ url: RTSPURL, connection: RTSPConnection) async {
        guard session != nil, connection.isActive, totalDeadline > .now() else { return }
        _ = try? await send("TEARDOWN", url, connection: connection)
        result.tornDown = true
        session = nil
    }

    /// `min(now + step, total)` and whether the total is the binding one.
    private func stepDeadline(_ step: Duration) -> (NIODeadline, Bool) {
        let stepDeadline = NIODeadline.now() + .nanoseconds(step.nanoseconds)
        return stepDeadline < totalDeadline ? (stepDeadline, false) : (totalDeadline, true)
    }

    static func statusLine(_ response: RTSPResponse) -> String {
        Excerpt.make(Array("\(response.version) \(response.statusCode) \(response.reasonPhrase)".utf8))
    }

    /// A response whose version is not RTSP: the decoder accepts only `RTSP/x.y` status lines,
    /// so this stays a guard for parsers that grow laxer.
    static func foreignProtocol(_ response: RTSPResponse) -> String? {
        response.version.hasPrefix("RTSP/") ? nil : statusLine(response)
    }

    static func failure(
        _ failure: RTSPReadFailure,
        step: String,
        peer: String,
        isTotal: Bool,
        options: ControlPlaneOptions
    ) -> ControlPlaneFailure {
        switch failure {
        case .timeout(_, let received):
            if isTotal { return .totalTimeout(step: step, after: options.totalTimeout) }
            return .readTimeout(step: step, receivedBytes: received, after: options.readTimeout)
        case .closed(_, let received): return .closedEarly(step: step, receivedBytes: received)
        case .tls(let reason): return .tlsFailure(reason: reason)
        case .io(let reason): return .networkUnreachable(address: peer, reason: reason)
        case .decode(let error, let prefix):
            let line = prefix.prefix { $0 != 0x0D && $0 != 0x0A }
            let text = Excerpt.make(Array(line))
            let printable = !line.isEmpty && line.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
            let foreign = ["HTTP/", "SSH-", "220 ", "220-", "+OK", "<"]
            if printable, foreign.contains(where: { line.starts(with: Array($0.utf8)) }) {
                return .notRTSP(firstLine: text)
            }
            return .malformed(step: step, reason: error.description)
        }
    }
}
