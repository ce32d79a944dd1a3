import CamprintRTSP
import Foundation

/// Fetches device information over HTTP during a probe (README, `camprint probe`): the `GET /` banner (no
/// credentials), Hikvision ISAPI `deviceInfo` (unauthenticated first; one Digest attempt), and
/// ONVIF Device service (`GetSystemDateAndTime`, then `GetDeviceInformation`,
/// `GetNetworkInterfaces`, `GetScopes` with a WS-Security digest on the camera's clock).
///
/// Safety: credentials are used only when the RTSP control plane accepted them; the first
/// rejected authenticated request stops every authenticated request after it, on every channel
/// (cameras share one lockout counter); a port that refuses a connection is not tried again.
public struct DeviceInfoClient: Sendable {
    public var options: DeviceInfoOptions
    public var http: HTTPClient
    /// The Digest `cnonce` generator.
    public var clientNonce: @Sendable () -> String
    /// The WS-Security nonce generator.
    public var securityNonce: @Sendable () -> [UInt8]
    /// The local clock, seconds since 1970 (fixed in tests).
    public var localTime: @Sendable () -> Int

    public init(
        options: DeviceInfoOptions,
        http: HTTPClient = HTTPClient(),
        clientNonce: @escaping @Sendable () -> String = ControlPlaneClient.randomClientNonce,
        securityNonce: @escaping @Sendable () -> [UInt8] = WSSecurityUsernameToken.randomNonce,
        localTime: @escaping @Sendable () -> Int = DeviceInfoClient.systemTime
    ) {
        self.options = options
        self.http = http
        self.clientNonce = clientNonce
        self.securityNonce = securityNonce
        self.localTime = localTime
    }

    /// The system clock, whole seconds since 1970.
    @Sendable public static func systemTime() -> Int {
        Int(Date().timeIntervalSince1970)
    }

    /// Runs the enabled channels until `deadline`; never throws.
    /// `credentialsAccepted`: the RTSP control plane authenticated with `credentials`.
    public func run(
        credentials: ProbeCredentials?,
        credentialsAccepted: Bool,
        deadline: ContinuousClock.Instant
    ) async -> DeviceInfoResult {
        var run = DeviceInfoRun(
            client: self,
            credentials: credentialsAccepted ? credentials : nil,
            deadline: deadline
        )
        let start = ContinuousClock.now
        if options.banner { await run.banner() }
        if options.isapi { await run.isapi() }
        if let endpoint = options.onvif { await run.onvif(endpoint) }
        run.result.duration = ContinuousClock.now - start
        return run.result
    }
}

/// The state of one run of the channels.
struct DeviceInfoRun {
    let client: DeviceInfoClient
    var credentials: ProbeCredentials?
    let deadline: ContinuousClock.Instant
    var result = DeviceInfoResult()
    /// `host:port` that could not be connected to.
    var unreachable: Set<String> = []

    init(client: DeviceInfoClient, credentials: ProbeCredentials?, deadline: ContinuousClock.Instant) {
        self.client = client
        self.credentials = credentials
        self.deadline = deadline
    }

    var options: DeviceInfoOptions { client.options }

    // MARK: Banner

    mutating func banner() async {
        let request = HTTPRequestMessage(method: "GET", target: "/", headers: userAgentHeader)
        var exchange = await send(request, channel: .banner, operation: "GET /", host: options.host, port: options.port)
        if let response = exchange.response { exchange.outcome = Self.outcome(status: response.statusCode) }
        result.exchanges.append(exchange)
    }

    // MARK: ISAPI

    mutating func isapi() async {
        let path = DeviceInfoOptions.isapiDeviceInfoPath
        let request = HTTPRequestMessage(method: "GET", target: path, headers: userAgentHeader)
        var first = await send(
            request,
            channel: .isapi,
            operation: "deviceInfo",
            host: options.host,
            port: options.port
        )
        guard let response = first.response else {
            result.exchanges.append(first)
            return
        }
        first.outcome = Self.outcome(status: response.statusCode)
        result.exchanges.append(first)
        guard response.statusCode == 401,
            let second = await digestRetry(response, path: path, operation: "deviceInfo")
        else { return }
        if second.outcome == .ok, options.recorderChannels, let response = second.response,
            Self.isRecorder(deviceInfo: response.body)
        {
            await recorderChannels()
        }
    }

    // MARK: Recorder channels

    /// `deviceType` values of recorders in ISAPI deviceInfo (`NVR`, `DVR`, `HybirdNVR`, `XVR`, …).
    static func isRecorder(deviceInfo body: [UInt8]) -> Bool {
        let text = String(decoding: body.prefix(64 << 10), as: UTF8.self)
        guard let open = text.range(of: "<deviceType>"),
            let close = text.range(of: "</deviceType>", range: open.upperBound..<text.endIndex)
        else { return false }
        let value = text[open.upperBound..<close.lowerBound].lowercased()
        return ["nvr", "dvr", "hvr", "xvr", "recorder"].contains { value.contains($0) }
    }

    /// The recorder's IP channels and their status, each by the same Digest dance as deviceInfo
    /// (an unauthenticated request for a fresh challenge, then one authenticated request: a nonce
    /// is never reused). Only after the recorder accepted the credentials on deviceInfo; a
    /// rejection stops every authenticated request after it.
    mutating func recorderChannels() async {
        guard
            let list = await authenticatedGet(
                DeviceInfoOptions.isapiInputProxyChannelsPath,
                operation: DeviceInfoOptions.inputProxyChannelsOperation
            )
        else { return }
        let channels: [RecorderChannel]
        do {
            channels = try RecorderChannelDocument.parse(list.response?.body ?? [])
        } catch {
            markLast(error)
            return
        }
        var status: [RecorderChannel] = []
        if !channels.isEmpty,
            let answer = await authenticatedGet(
                DeviceInfoOptions.isapiInputProxyStatusPath,
                operation: DeviceInfoOptions.inputProxyStatusOperation
            )
        {
            do {
                status = try RecorderChannelDocument.parse(answer.response?.body ?? [])
            } catch {
                markLast(error)
            }
        }
        result.recorderChannels = RecorderChannelDocument.merging(channels, status: status)
    }

    /// Records a parse failure on the last exchange.
    mutating func markLast(_ failure: RecorderChannelDocument.Failure) {
        guard let index = result.exchanges.indices.last else { return }
        result.exchanges[index].outcome =
            failure == .documentTypeDeclaration ? .refusedDocumentType : .invalidXML(failure.description)
    }

    /// GET `path` on the ISAPI port: unauthenticated first; on 401 one Digest request with the
    /// credentials. The exchange whose answer is 2xx, or `nil`.
    mutating func authenticatedGet(_ path: String, operation: String) async -> DeviceInfoExchange? {
        let host = options.host
        let port = options.port
        guard credentials != nil else {
            result.exchanges.append(skipped(.isapi, operation, host: host, port: port, path: path))
            return nil
        }
        let request = HTTPRequestMessage(method: "GET", target: path, headers: userAgentHeader)
        var first = await send(request, channel: .isapi, operation: operation, host: host, port: port)
        guard let response = first.response else {
            result.exchanges.append(first)
            return nil
        }
        first.outcome = Self.outcome(status: response.statusCode)
        result.exchanges.append(first)
        if first.outcome == .ok { return first }
        guard response.statusCode == 401,
            let second = await digestRetry(response, path: path, operation: operation)
        else { return nil }
        return second.outcome == .ok ? second : nil
    }

    /// After a 401 on `path`: one Digest request with the credentials (Basic would send the
    /// password in clear over plain HTTP: never). Appends the exchange, or why it was not made, and
    /// returns it; an answer that declares a DTD is refused, a rejection stops later logins.
    mutating func digestRetry(_ response: HTTPFetchedResponse, path: String, operation: String) async
        -> DeviceInfoExchange?
    {
        let host = options.host
        let port = options.port
        guard let credentials else {
            result.exchanges.append(skipped(.isapi, operation, host: host, port: port, path: path))
            return nil
        }
        let challenges = response.values("WWW-Authenticate").compactMap { AuthenticateChallenge(parsing: $0) }
        guard let choice = AuthenticationChoice.choose(from: challenges), case .digest = choice else {
            result.exchanges.append(
                DeviceInfoExchange(
                    channel: .isapi,
                    operation: operation,
                    url: Self.url(host: host, port: port, path: path),
                    outcome: .skippedBasicOnly
                )
            )
            return nil
        }
        let authorization = choice.headerValue(
            credentials: credentials,
            method: "GET",
            uri: path,
            clientNonce: client.clientNonce()
        )
        let authenticated = HTTPRequestMessage(
            method: "GET",
            target: path,
            headers: userAgentHeader + [HTTPHeaderField(name: "Authorization", value: authorization)]
        )
        var second = await send(
            authenticated,
            channel: .isapi,
            operation: operation,
            host: host,
            port: port,
            authenticated: true
        )
        if let answer = second.response {
            second.outcome = Self.outcome(status: answer.statusCode, authenticated: true)
            if second.outcome == .ok, !XMLSafety.isSafe(answer.body) { second.outcome = .refusedDocumentType }
        }
        noteRejection(second)
        result.exchanges.append(second)
        return second
    }

    // MARK: ONVIF

    mutating func onvif(_ endpoint: ONVIFEndpoint) async {
        let timeRequest = ONVIFRequest.message(.getSystemDateAndTime, path: endpoint.path)
        var timeExchange = await send(
            timeRequest,
            channel: .onvif,
            operation: ONVIFRequest.Operation.getSystemDateAndTime.rawValue,
            host: endpoint.host,
            port: endpoint.port
        )
        var cameraTime: Int?
        if let response = timeExchange.response {
            timeExchange.outcome = Self.onvifOutcome(response, authenticated: false)
            if timeExchange.outcome == .ok {
                do {
                    let time = try ONVIFSystemDateAndTime.parse(response.body)
                    cameraTime = time.secondsSince1970
                } catch .documentTypeDeclaration {
                    timeExchange.outcome = .refusedDocumentType
                } catch .invalidXML(let reason) {
                    timeExchange.outcome = .invalidXML(reason)
                } catch {
                    timeExchange.outcome = .error("no UTCDateTime in the answer")
                }
            }
        }
        let received = client.localTime()
        result.exchanges.append(timeExchange)
        guard let timeResponse = timeExchange.response else { return }
        let operations: [ONVIFRequest.Operation] = [.getDeviceInformation, .getNetworkInterfaces, .getScopes]
        // Some devices put the whole Device service behind HTTP authentication, even the
        // unauthenticated GetSystemDateAndTime (ONVIF Core §5.12.1): their 401 carries the Digest
        // challenge to use instead of WS-Security.
        if timeResponse.statusCode == 401,
            let choice = AuthenticationChoice.choose(
                from: timeResponse.values("WWW-Authenticate").compactMap { AuthenticateChallenge(parsing: $0) }
            ),
            case .digest = choice
        {
            await onvifOverHTTPDigest(endpoint, operations: operations, choice: choice)
            return
        }
        guard let cameraTime else {
            for operation in operations {
                result.exchanges.append(
                    DeviceInfoExchange(
                        channel: .onvif,
                        operation: operation.rawValue,
                        url: endpoint.description,
                        outcome: .skippedNoTime
                    )
                )
            }
            return
        }
        let offset = cameraTime - received
        result.clockOffsetSeconds = offset
        for operation in operations {
            guard let credentials = onvifCredentials else {
                result.exchanges.append(
                    skipped(.onvif, operation.rawValue, host: endpoint.host, port: endpoint.port, path: endpoint.path)
                )
                continue
            }
            let token = WSSecurityUsernameToken(
                username: credentials.username,
                password: credentials.password,
                nonce: client.securityNonce(),
                created: ONVIFSystemDateAndTime.xsDateTime(secondsSince1970: client.localTime() + offset)
            )
            let request = ONVIFRequest.message(operation, path: endpoint.path, security: token)
            var exchange = await send(
                request,
                channel: .onvif,
                operation: operation.rawValue,
                host: endpoint.host,
                port: endpoint.port,
                authenticated: true
            )
            if let response = exchange.response {
                exchange.outcome = Self.onvifOutcome(response, authenticated: true)
            }
            noteRejection(exchange)
            result.exchanges.append(exchange)
        }
    }

    /// The ONVIF fallback: the SOAP requests without a WS-Security header, authenticated by HTTP
    /// Digest (RFC 7616) with the challenge of the Device service's 401. Each request carries a fresh
    /// client nonce; a rejection stops the credentials everywhere, as on the other channels.
    mutating func onvifOverHTTPDigest(
        _ endpoint: ONVIFEndpoint,
        operations: [ONVIFRequest.Operation],
        choice: AuthenticationChoice
    ) async {
        for operation in operations {
            guard let credentials = onvifCredentials else {
                result.exchanges.append(
                    skipped(.onvif, operation.rawValue, host: endpoint.host, port: endpoint.port, path: endpoint.path)
                )
                continue
            }
            let message = ONVIFRequest.message(operation, path: endpoint.path)
            let authorization = choice.headerValue(
                credentials: credentials,
                method: message.method,
                uri: endpoint.path,
                clientNonce: client.clientNonce()
            )
            var request = message
            request.headers.append(HTTPHeaderField(name: "Authorization", value: authorization))
            var exchange = await send(
                request,
                channel: .onvif,
                operation: operation.rawValue,
                host: endpoint.host,
                port: endpoint.port,
                authenticated: true
            )
            if let response = exchange.response {
                exchange.outcome = Self.onvifOutcome(response, authenticated: true)
            }
            noteRejection(exchange)
            result.exchanges.append(exchange)
        }
    }

    // MARK: Helpers

    var userAgentHeader: [HTTPHeaderField] { [HTTPHeaderField(name: "User-Agent", value: options.userAgent)] }

    mutating func noteRejection(_ exchange: DeviceInfoExchange) {
        guard exchange.authenticated, exchange.outcome == .authFailed else { return }
        result.credentialsRejected = true
        credentials = nil
    }

    /// The credentials for the ONVIF requests that need them: only with
    /// ``DeviceInfoOptions/onvifAuthentication``.
    var onvifCredentials: ProbeCredentials? { client.options.onvifAuthentication ? credentials : nil }

    func skipped(_ channel: DeviceInfoChannel, _ operation: String, host: String, port: Int, path: String)
        -> DeviceInfoExchange
    {
        DeviceInfoExchange(
            channel: channel,
            operation: operation,
            url: Self.url(host: host, port: port, path: path),
            outcome: result.credentialsRejected
                ? .skippedCredentialsRejected
                : channel == .onvif && credentials != nil && !client.options.onvifAuthentication
                    ? .skippedONVIFAuthenticationOff : .skippedNoCredentials
        )
    }

    /// Sends one request (recorded as skipped when the deadline has passed). A connect
    /// failure marks `host:port` unreachable; later requests there are recorded as skipped.
    mutating func send(
        _ request: HTTPRequestMessage,
        channel: DeviceInfoChannel,
        operation: String,
        host: String,
        port: Int,
        authenticated: Bool = false
    ) async -> DeviceInfoExchange {
        let url = Self.url(host: host, port: port, path: request.target)
        let key = "\(host)|\(port)"
        if unreachable.contains(key) {
            return DeviceInfoExchange(channel: channel, operation: operation, url: url, outcome: .skippedUnreachable)
        }
        let now = ContinuousClock.now
        guard deadline - now > .milliseconds(20) else {
            return DeviceInfoExchange(channel: channel, operation: operation, url: url, outcome: .skippedDeadline)
        }
        let requestDeadline = min(deadline, now + options.requestTimeout)
        let outcome = await client.http.send(request, host: host, port: port, deadline: requestDeadline)
        let duration = ContinuousClock.now - now
        switch outcome {
        case .success(let response):
            return DeviceInfoExchange(
                channel: channel,
                operation: operation,
                url: url,
                authenticated: authenticated,
                statusCode: response.statusCode,
                duration: duration,
                outcome: .ok,
                request: request.redacted,
                response: response
            )
        case .failure(let failure):
            // Nothing listening, or a listener that never answers: not asked again.
            if failure.isConnectFailure || failure.isTimeout { unreachable.insert(key) }
            return DeviceInfoExchange(
                channel: channel,
                operation: operation,
                url: url,
                authenticated: authenticated,
                duration: duration,
                outcome: .error(failure.description),
                request: request.redacted
            )
        }
    }

    static func url(host: String, port: Int, path: String) -> String {
        ONVIFEndpoint(host: host, port: port, path: path).description
    }

    static func outcome(status: Int, authenticated: Bool = false) -> DeviceInfoOutcome {
        switch status {
        case 200..<300: .ok
        case 404: .notFound
        case 401, 403: authenticated ? .authFailed : .authRequired
        default: .status(status)
        }
    }

    /// ONVIF answers a rejected WS-Security token with a SOAP fault (`ter:NotAuthorized`,
    /// HTTP 400 or 500) or with 401.
    static func onvifOutcome(_ response: HTTPFetchedResponse, authenticated: Bool) -> DeviceInfoOutcome {
        if !XMLSafety.isSafe(response.body) { return .refusedDocumentType }
        let notAuthorized = response.bodyText.contains("NotAuthorized")
        if response.statusCode == 401 || response.statusCode == 403 || notAuthorized {
            return authenticated ? .authFailed : .authRequired
        }
        return outcome(status: response.statusCode)
    }
}
