import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP connection to an emulated camera's web server: `GET /` (banner page), the persona's
/// protected path (401 challenge), `GET /ISAPI/System/deviceInfo` (Digest), a recorder's
/// `GET /ISAPI/ContentMgmt/InputProxy/channels[/status]` (Digest) and the ONVIF device service. Failed logins count in the camera's shared lockout counter and are logged.
/// Runs on the channel's event loop only.
final class HTTPCameraHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let camera: Camera
    private let http: HTTPPersona
    private let log: AuthFailureLog
    private let limits: HTTPLimits
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// Set once a response that closes the connection was sent; later input is ignored.
    private var finished = false
    private var nonce: String?
    /// The request being answered is a HEAD: headers only (RFC 9110 §9.3.2).
    private var answeringHEAD = false

    static let isapiDeviceInfoPath = "/isapi/system/deviceinfo"
    /// A recorder's IP channels and their status (persona `http.isapi.input_proxy`).
    static let inputProxyChannelsPath = "/isapi/contentmgmt/inputproxy/channels"
    static let inputProxyStatusPath = "/isapi/contentmgmt/inputproxy/channels/status"
    static let inputProxyPaths: Set<String> = [inputProxyChannelsPath, inputProxyStatusPath]
    static let defaultONVIFPath = "/onvif/device_service"

    init(camera: Camera, http: HTTPPersona, log: AuthFailureLog, limits: HTTPLimits) {
        self.camera = camera
        self.http = http
        self.log = log
        self.limits = limits
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !finished else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            let headBytes =
                head.uri.utf8.count + head.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
            if headBytes > limits.maxHeadBytes {
                respond(context: context, status: 431, close: true)
                return
            }
            if let length = head.headers.first(name: "Content-Length").flatMap({ Int($0) }),
                length > limits.maxBodyBytes
            {
                respond(context: context, status: 413, close: true)
                return
            }
            self.head = head
            body = []
        case .body(var buffer):
            guard head != nil else { return }
            if body.count + buffer.readableBytes > limits.maxBodyBytes {
                respond(context: context, status: 413, close: true)
                return
            }
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            handle(context: context, head: head, body: body)
            body = []
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !finished else { return }
        if let parserError = error as? HTTPParserError, parserError == .headerOverflow {
            respond(context: context, status: 431, close: true)
        } else {
            respond(context: context, status: 400, close: true)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            finished = true
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: Routing

    private func handle(context: ChannelHandlerContext, head: HTTPRequestHead, body: [UInt8]) {
        let close = !head.isKeepAlive
        answeringHEAD = head.method == .HEAD
        let path = String(head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        let values = textValues(context: context)
        let isRead = head.method == .GET || head.method == .HEAD
        if path == "/" {
            guard isRead else { return respond(context: context, status: 405, close: close) }
            return page(context: context, http.root, defaultStatus: 200, values: values, close: close)
        }
        if let protected = http.protected, path == protected.path {
            guard isRead else { return respond(context: context, status: 405, close: close) }
            let unauthorized = protected.unauthorized ?? Page.empty
            guard
                authorize(
                    context: context,
                    head: head,
                    channel: .http,
                    page: unauthorized,
                    values: values,
                    close: close
                )
            else { return }
            return page(context: context, protected.ok ?? Page.empty, defaultStatus: 200, values: values, close: close)
        }
        if Self.inputProxyPaths.contains(path.lowercased()), let isapi = http.isapi, !isapi.inputProxy.isEmpty {
            guard isRead else { return respond(context: context, status: 405, close: close) }
            let unauthorized = http.protected?.unauthorized ?? Page.empty
            guard
                authorize(
                    context: context,
                    head: head,
                    channel: .isapi,
                    page: unauthorized,
                    values: values,
                    close: close
                )
            else { return }
            let xml =
                path.lowercased() == Self.inputProxyStatusPath
                ? ISAPIDocument.inputProxyStatus(isapi) : ISAPIDocument.inputProxyChannels(isapi, values: values)
            return respond(
                context: context,
                status: 200,
                contentType: "application/xml",
                body: Array(xml.utf8),
                close: close
            )
        }
        if path.lowercased() == Self.isapiDeviceInfoPath, let isapi = http.isapi {
            guard isRead else { return respond(context: context, status: 405, close: close) }
            let unauthorized = http.protected?.unauthorized ?? Page.empty
            guard
                authorize(
                    context: context,
                    head: head,
                    channel: .isapi,
                    page: unauthorized,
                    values: values,
                    close: close
                )
            else { return }
            let xml = ISAPIDocument.deviceInfo(isapi, values: values)
            return respond(
                context: context,
                status: 200,
                contentType: "application/xml",
                body: Array(xml.utf8),
                close: close
            )
        }
        if let discovery = camera.persona.discovery, let ssdp = discovery.ssdp, path == ssdp.description_path {
            guard isRead else { return respond(context: context, status: 405, close: close) }
            return ssdpDescription(context: context, discovery: discovery, close: close)
        }
        if let onvif = http.onvif, path == (onvif.path ?? Self.defaultONVIFPath) {
            guard head.method == .POST else { return respond(context: context, status: 405, close: close) }
            return ONVIFExchange(handler: self, context: context, onvif: onvif, values: values, close: close)
                .answer(head: head, body: body)
        }
        page(context: context, http.notFound, defaultStatus: 404, values: values, close: close)
    }

    typealias Page = HTTPPersona.Page

    /// The UPnP device description an SSDP answer's `LOCATION` points at (persona
    /// `discovery.ssdp.description`; 404 when the persona has none). No credentials needed.
    private func ssdpDescription(context: ChannelHandlerContext, discovery: DiscoveryPersona, close: Bool) {
        let address = context.channel.localAddress
        let values = DiscoveryAnswers.values(
            identity: camera.config.identity,
            host: address?.ipAddress ?? "",
            httpPort: address?.port ?? 80,
            rtspPort: nil,
            started: Double(camera.startMicroseconds) / 1_000_000
        )
        let answers = DiscoveryAnswers(persona: discovery, values: values)
        guard let xml = answers.ssdpDescription(httpValues: [:]) else {
            return page(context: context, http.notFound, defaultStatus: 404, values: values, close: close)
        }
        respond(context: context, status: 200, contentType: "text/xml", body: Array(xml.utf8), close: close)
    }

    func textValues(context: ChannelHandlerContext) -> [String: String] {
        var values = camera.config.identity
        if let mac = values["mac"] {
            values["mac_colon"] = HTTPText.colonMAC(mac)
            values["mac_COLON"] = HTTPText.colonMAC(mac).uppercased()
        }
        values["server_ip"] = context.channel.localAddress?.ipAddress
        values["http_port"] = context.channel.localAddress?.port.map(String.init)
        values["realm"] = realm
        values["isapi_namespace"] = http.isapi?.namespace
        return values
    }

    var realm: String {
        if let realm = http.realm { return HTTPText.render(realm, camera.config.identity) }
        return camera.persona.auth.realm.render(TemplateValues(camera.config.identity)) ?? ""
    }

    private func page(
        context: ChannelHandlerContext,
        _ page: Page,
        defaultStatus: Int,
        values: [String: String],
        close: Bool
    ) {
        let headers = (page.headers ?? []).map { HTTPText.render($0, values) }
        respond(
            context: context,
            status: page.status ?? defaultStatus,
            headers: headers,
            contentType: page.content_type,
            body: Array(HTTPText.render(page.body ?? "", values).utf8),
            close: close
        )
    }

    // MARK: Authentication

    /// The `WWW-Authenticate` lines of a 401 (the nonce is kept for the connection).
    func challengeLines(values: [String: String]) -> [String] {
        let nonce = self.nonce ?? HTTPNonce.make(http.nonceStyle, now: camera.now())
        self.nonce = nonce
        var values = values
        values["nonce"] = nonce
        return http.challenges.map { "WWW-Authenticate: " + HTTPText.render($0, values) }
    }

    /// HTTP Digest (and Basic when the persona allows it). Returns false when the request was
    /// answered (401, or 403 while locked out).
    private func authorize(
        context: ChannelHandlerContext,
        head: HTTPRequestHead,
        channel: AuthFailureLog.Channel,
        page: Page,
        values: [String: String],
        close: Bool
    ) -> Bool {
        guard let credentials = camera.config.credentials else { return true }
        if camera.isLockedOut() {
            respond(context: context, status: 403, close: close)
            return false
        }
        let header = head.headers.first(name: "Authorization")
        let outcome = AuthorizationCheck.check(
            header: header,
            method: head.method.rawValue,
            credentials: credentials,
            realm: realm,
            digest: true,
            basic: http.basic
        )
        if outcome == .accepted, camera.config.faults.unauthorized_forever != true {
            camera.recordSuccessfulLogin()
            return true
        }
        if outcome == .rejected, recordFailure(channel: channel, user: AuthorizationCheck.user(in: header)) {
            respond(context: context, status: 403, close: close)
            return false
        }
        let rendered = HTTPText.render(page.body ?? "", values)
        respond(
            context: context,
            status: 401,
            headers: challengeLines(values: values) + (page.headers ?? []).map { HTTPText.render($0, values) },
            contentType: page.content_type,
            body: Array(rendered.utf8),
            close: close
        )
        return false
    }

    /// Logs a failed login and counts it; true when it starts a lockout.
    func recordFailure(channel: AuthFailureLog.Channel, user: String?) -> Bool {
        log.record(camera: camera.config.label, channel: channel, user: user)
        return camera.recordFailedLogin()
    }

    var cameraState: Camera { camera }

    // MARK: Output

    func respond(
        context: ChannelHandlerContext,
        status: Int,
        headers extra: [String] = [],
        contentType: String? = nil,
        body: [UInt8] = [],
        close: Bool
    ) {
        var headers = HTTPHeaders()
        if let server = http.server { headers.add(name: "Server", value: server) }
        for line in http.headers + extra {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.add(name: name, value: value)
        }
        if let contentType, !contentType.isEmpty { headers.add(name: "Content-Type", value: contentType) }
        headers.add(name: "Content-Length", value: String(body.count))
        let closing = close || status == 413 || status == 431
        if closing { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(
            version: .http1_1,
            status: HTTPResponseStatus(statusCode: status),
            headers: headers
        )
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !body.isEmpty, !answeringHEAD {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))),
                promise: nil
            )
        }
        if closing {
            finished = true
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

extension HTTPPersona.Page {
    static let empty = HTTPPersona.Page(status: nil, headers: nil, content_type: nil, body: nil)
}
