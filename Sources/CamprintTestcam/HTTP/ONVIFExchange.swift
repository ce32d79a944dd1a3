import NIOCore
import NIOHTTP1

/// One `POST` to the ONVIF device service: `GetSystemDateAndTime` without authentication;
/// `GetDeviceInformation`, `GetNetworkInterfaces` and `GetScopes` with a WS-Security
/// UsernameToken (PasswordDigest, `Created` within ±300 s of the camera's clock) or, when the
/// persona allows it, HTTP Digest. Wrong or missing credentials get the `ter:NotAuthorized` fault
/// (ONVIF Core §5.11.2.3) with the persona's HTTP status.
struct ONVIFExchange {
    let handler: HTTPCameraHandler
    let context: ChannelHandlerContext
    let onvif: HTTPPersona.ONVIF
    let values: [String: String]
    let close: Bool

    static let contentType = "application/soap+xml; charset=utf-8"
    static let authenticatedOperations: Set<String> = ["GetDeviceInformation", "GetNetworkInterfaces", "GetScopes"]

    func answer(head: HTTPRequestHead, body: [UInt8]) {
        let request: SOAPRequest
        do {
            request = try SOAPRequest.parse(body)
        } catch {
            return fault(
                status: 400,
                code: "env:Sender",
                subcode: "ter:WellFormed",
                reason: "XML Well-formed violation"
            )
        }
        let operation = request.operation ?? ""
        if operation == "GetSystemDateAndTime" {
            return send(ONVIFDocument.systemDateAndTime(handler.cameraState.now()))
        }
        guard Self.authenticatedOperations.contains(operation) else {
            return fault(
                status: 500,
                code: "env:Receiver",
                subcode: "ter:ActionNotSupported",
                reason: "Optional Action Not Implemented"
            )
        }
        guard authorized(head: head, request: request) else { return }
        switch operation {
        case "GetDeviceInformation":
            send(ONVIFDocument.deviceInformation(onvif, values: values))
        case "GetNetworkInterfaces":
            let mac = values["mac_colon"] ?? "00:00:00:00:00:00"
            send(ONVIFDocument.networkInterfaces(mac: mac, address: values["server_ip"] ?? "127.0.0.1"))
        default:
            send(ONVIFDocument.scopes((onvif.scopes ?? []).map { HTTPText.render($0, values) }))
        }
    }

    /// Returns false when the request was answered with a fault (or 403 while locked out).
    private func authorized(head: HTTPRequestHead, request: SOAPRequest) -> Bool {
        let camera = handler.cameraState
        guard let credentials = camera.config.credentials else { return true }
        if camera.isLockedOut() {
            fault(status: 403, code: "env:Sender", subcode: "ter:NotAuthorized", reason: "Sender not Authorized")
            return false
        }
        let forever = camera.config.faults.unauthorized_forever == true
        var rejectedUser: String?
        switch WSSecurity.check(request, credentials: credentials, now: camera.now()) {
        case .accepted where !forever:
            camera.recordSuccessfulLogin()
            return true
        case .accepted:
            rejectedUser = credentials.user
        case .rejected(let user):
            rejectedUser = user
        case .missing:
            let header = head.headers.first(name: "Authorization")
            if onvif.http_digest == true, header != nil {
                let outcome = AuthorizationCheck.check(
                    header: header,
                    method: head.method.rawValue,
                    credentials: credentials,
                    realm: handler.realm,
                    digest: true,
                    basic: false
                )
                if outcome == .accepted, !forever {
                    camera.recordSuccessfulLogin()
                    return true
                }
                rejectedUser = AuthorizationCheck.user(in: header) ?? "-"
            }
        }
        if let rejectedUser, handler.recordFailure(channel: .onvif, user: rejectedUser) {
            fault(status: 403, code: "env:Sender", subcode: "ter:NotAuthorized", reason: "Sender not Authorized")
            return false
        }
        fault(
            status: onvif.fault_status ?? 400,
            code: "env:Sender",
            subcode: "ter:NotAuthorized",
            reason: "Sender not Authorized"
        )
        return false
    }

    private func send(_ body: String, status: Int = 200, headers: [String] = []) {
        let xml = ONVIFDocument.envelope(body, extra: onvif.namespaces ?? [:])
        handler.respond(
            context: context,
            status: status,
            headers: headers,
            contentType: Self.contentType,
            body: Array(xml.utf8),
            close: close
        )
    }

    private func fault(status: Int, code: String, subcode: String, reason: String) {
        let challenge = status == 401 && onvif.http_digest == true ? handler.challengeLines(values: values) : []
        send(ONVIFDocument.fault(code: code, subcode: subcode, reason: reason), status: status, headers: challenge)
    }
}
