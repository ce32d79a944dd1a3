import CamprintClients
import CamprintDigest
import Crypto
import Foundation
import Synchronization

/// An HTTP camera persona for the device-information tests, in the shapes the emulator
/// (camprint-testcam) serves: `GET /` with a Server header and a login page, ISAPI `deviceInfo`
/// behind HTTP Digest (MD5, qop=auth), ONVIF Device service with WS-Security PasswordDigest
/// checked against the CAMERA clock (±300 s). Written for these tests, not copied from captures.
struct TestCameraHTTP: Sendable {
    var username = "admin"
    var password = "Sup3r-S3cret!pw"
    /// The camera's clock, seconds since 1970.
    var cameraTime: Int
    var isapiAccepts = true
    var onvifAccepts = true
    /// The whole Device service behind HTTP Digest (no WS-Security), GetSystemDateAndTime included.
    var onvifNeedsHTTPDigest = false
    var realm = "DS-2CD2143G2-I"
    var nonce = "4e5449334d7a4d354e546b364e6a49344e6a41314d6a593d"

    static let isapiXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
        <deviceName>IP CAMERA</deviceName>
        <deviceID>48423230-3132-3334-3536-c056e3a1b2c3</deviceID>
        <model>DS-2CD2143G2-I</model>
        <serialNumber>DS-2CD2143G2-I20230314AAWRK12345678</serialNumber>
        <macAddress>c0:56:e3:a1:b2:c3</macAddress>
        <firmwareVersion>V5.7.3</firmwareVersion>
        <firmwareReleasedDate>build 220112</firmwareReleasedDate>
        <encoderVersion>V7.3</encoderVersion>
        <encoderReleasedDate>build 211223</encoderReleasedDate>
        <deviceType>IPCamera</deviceType>
        <telecontrolID>88</telecontrolID>
        </DeviceInfo>
        """

    static func soap(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" \
        xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" \
        xmlns:ter="http://www.onvif.org/ver10/error"><env:Body>\(body)</env:Body></env:Envelope>
        """
    }

    func systemDateAndTime() -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(cameraTime))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return Self.soap(
            """
            <tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>\
            <tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>\
            <tt:TimeZone><tt:TZ>CST-8:00:00</tt:TZ></tt:TimeZone>\
            <tt:UTCDateTime><tt:Time><tt:Hour>\(c.hour ?? 0)</tt:Hour><tt:Minute>\(c.minute ?? 0)</tt:Minute>\
            <tt:Second>\(c.second ?? 0)</tt:Second></tt:Time><tt:Date><tt:Year>\(c.year ?? 0)</tt:Year>\
            <tt:Month>\(c.month ?? 0)</tt:Month><tt:Day>\(c.day ?? 0)</tt:Day></tt:Date></tt:UTCDateTime>\
            <tt:LocalDateTime><tt:Time><tt:Hour>1</tt:Hour><tt:Minute>2</tt:Minute><tt:Second>3</tt:Second></tt:Time>\
            <tt:Date><tt:Year>1999</tt:Year><tt:Month>1</tt:Month><tt:Day>1</tt:Day></tt:Date></tt:LocalDateTime>\
            </tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>
            """
        )
    }

    static let deviceInformation = soap(
        """
        <tds:GetDeviceInformationResponse><tds:Manufacturer>HIKVISION</tds:Manufacturer>\
        <tds:Model>DS-2CD2143G2-I</tds:Model><tds:FirmwareVersion>V5.7.3 build 220112</tds:FirmwareVersion>\
        <tds:SerialNumber>DS-2CD2143G2-I20230314AAWRK12345678</tds:SerialNumber>\
        <tds:HardwareId>88</tds:HardwareId></tds:GetDeviceInformationResponse>
        """
    )

    static let notAuthorized = soap(
        """
        <env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:NotAuthorized</env:Value>\
        </env:Subcode></env:Code><env:Reason><env:Text xml:lang="en">Sender not Authorized</env:Text></env:Reason>\
        </env:Fault>
        """
    )

    func respond(_ request: SeenHTTPRequest) -> ServerAction {
        switch (request.method, request.target) {
        case ("GET", "/"):
            return .sendAndClose(
                TestHTTPServer.response(
                    "200 OK",
                    headers: ["Server: webserver", "Content-Type: text/html"],
                    body:
                        "<html><head><title>login</title><script src=\"/doc/script/lib/seajs/sea.js\"></script></head></html>"
                )
            )
        case ("GET", "/ISAPI/System/deviceInfo"):
            if let authorization = request.header("Authorization"), isapiAccepts,
                digestIsValid(authorization, method: "GET")
            {
                return .sendAndClose(
                    TestHTTPServer.response(
                        "200 OK",
                        headers: ["Content-Type: application/xml; charset=\"UTF-8\""],
                        body: Self.isapiXML
                    )
                )
            }
            return .sendAndClose(
                TestHTTPServer.response(
                    "401 Unauthorized",
                    headers: [
                        "WWW-Authenticate: Digest qop=\"auth\", realm=\"\(realm)\", nonce=\"\(nonce)\", stale=\"FALSE\""
                    ],
                    body:
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><userCheck><statusValue>401</statusValue></userCheck>"
                )
            )
        case ("POST", "/onvif/device_service"):
            return .sendAndClose(onvif(request))
        default:
            return .sendAndClose(TestHTTPServer.response("404 Not Found"))
        }
    }

    func onvif(_ request: SeenHTTPRequest) -> [UInt8] {
        let xml = ["Content-Type: application/soap+xml; charset=utf-8"]
        if onvifNeedsHTTPDigest {
            guard onvifAccepts, let authorization = request.header("Authorization"),
                digestIsValid(authorization, method: "POST")
            else {
                return TestHTTPServer.response(
                    "401 Unauthorized",
                    headers: ["WWW-Authenticate: Digest qop=\"auth\", realm=\"\(realm)\", nonce=\"\(nonce)\""]
                )
            }
        } else if request.body.contains("GetSystemDateAndTime") {
            return TestHTTPServer.response("200 OK", headers: xml, body: systemDateAndTime())
        }
        guard onvifNeedsHTTPDigest || (onvifAccepts && usernameTokenIsValid(request.body)) else {
            return TestHTTPServer.response("400 Bad Request", headers: xml, body: Self.notAuthorized)
        }
        if request.body.contains("GetDeviceInformation") {
            return TestHTTPServer.response("200 OK", headers: xml, body: Self.deviceInformation)
        }
        if request.body.contains("GetNetworkInterfaces") {
            return TestHTTPServer.response(
                "200 OK",
                headers: xml,
                body: Self.soap(
                    "<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token=\"eth0\"><tt:Info>"
                        + "<tt:HwAddress>c0:56:e3:a1:b2:c3</tt:HwAddress></tt:Info></tds:NetworkInterfaces>"
                        + "</tds:GetNetworkInterfacesResponse>"
                )
            )
        }
        return TestHTTPServer.response(
            "200 OK",
            headers: xml,
            body: Self.soap(
                "<tds:GetScopesResponse><tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef>"
                    + "<tt:ScopeItem>onvif://www.onvif.org/name/HIKVISION</tt:ScopeItem></tds:Scopes>"
                    + "</tds:GetScopesResponse>"
            )
        )
    }

    /// RFC 7616 with qop=auth, MD5.
    func digestIsValid(_ header: String, method: String) -> Bool {
        guard let received = ReceivedDigest(header: header), received.username == username,
            received.realm == realm, received.nonce == nonce, received.qop == "auth", received.nonceCount != nil,
            received.clientNonce != nil
        else { return false }
        return received.isValid(password: password, method: method, algorithms: [.md5])
    }

    /// WSS UsernameToken PasswordDigest with `Created` within ±300 s of the camera clock.
    func usernameTokenIsValid(_ body: String) -> Bool {
        guard let user = Self.element("Username", in: body), user == username,
            let digest = Self.element("Password", in: body), let nonceText = Self.element("Nonce", in: body),
            let nonceBytes = Data(base64Encoded: nonceText).map(Array.init),
            let created = Self.element("Created", in: body),
            let createdDate = ISO8601DateFormatter().date(from: created),
            abs(Int(createdDate.timeIntervalSince1970) - cameraTime) <= 300
        else { return false }
        let expected = Data(Insecure.SHA1.hash(data: nonceBytes + Array(created.utf8) + Array(password.utf8)))
            .base64EncodedString()
        return digest == expected
    }

    static func element(_ name: String, in body: String) -> String? {
        let opens = ["<wsse:\(name)>", "<wsse:\(name) ", "<wsu:\(name)>"]
        guard let open = opens.lazy.compactMap({ body.range(of: $0) }).first,
            let start = body.range(of: ">", range: open.lowerBound..<body.endIndex),
            let end = body.range(of: "</", range: start.upperBound..<body.endIndex)
        else { return nil }
        return String(body[start.upperBound..<end.lowerBound])
    }
}
