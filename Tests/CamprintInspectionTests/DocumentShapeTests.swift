import CamprintInspection
import CamprintSignatures
import Testing

/// ISAPI and HTTP documents in the shapes other than deviceInfo that Hikvision firmware answers
/// with (capability and ability XML, event pushes, status answers), one-line summaries, quoted
/// challenges, and the brand rules of the verdict.
@Suite struct DocumentShapeTests {
    static let database = try? SignatureDatabase.load(includeOperatorDirectory: false)

    static func identify(_ text: String) throws -> EvidenceIdentification {
        let database = try #require(database)
        return EvidenceIdentification(
            evidence: EvidenceReader.read(name: "t.txt", bytes: Array(text.utf8)),
            database: database
        )
    }

    static func values(_ result: EvidenceIdentification, _ key: String) -> [String] {
        result.observations.filter { $0.field.rawValue == key }.map(\.value)
    }

    @Test func capabilityNotationWithoutNamespaceIsHikvision() throws {
        // The shape of an ISAPI /System/time/capabilities answer (Samples/captures/hikvision-family,
        // centreon-plugins#3211) and of HCNetSDK ability XML.
        let text = """
            <Time version="1.0">
            <timeMode opt="NTP,manual,platform">NTP</timeMode>
            <timeType opt="local,UTC">local</timeType>
            <portNo min="1" max="65535">80</portNo>
            </Time>
            """
        let result = try Self.identify(text)
        #expect(Self.values(result, "isapi.schema") == ["hikvision-capability"])
        #expect(result.identity.verdict == .hikvision)
        let ability = try Self.identify(
            "log: <IpViewDevAbility version=\"2.0\">\n<LocalAbility>\n<inputVolume min=\"0\" max=\"10\"/>\n"
                + "</LocalAbility>\n<supportUnitType opt=\"OutDoorDevice,OutDoorFenceDevice\"/>\n"
                + "<outdoorUnitIP  opt=\"ipv4\"/>\n</IpViewDevAbility>"
        )
        #expect(Self.values(ability, "isapi.schema") == ["hikvision-capability"])
    }

    @Test func oneOptionAttributeIsNotCapabilityNotation() throws {
        let result = try Self.identify("<select><option opt=\"a,b\">a</option><size>3</size></select>")
        #expect(Self.values(result, "isapi.schema").isEmpty)
        #expect(result.identity.verdict == .unknown)
    }

    @Test func jsonEventAlertIsHikvisionEventPush() throws {
        let text = """
            {"ipAddress": "10.0.0.5", "portNo": 80, "protocol": "HTTP", "dateTime": "2024-08-26T12:32:28+01:00",
             "activePostCount": 1, "eventType": "AccessControllerEvent", "eventState": "active",
             "eventDescription": "Access Controller Event",
             "AccessControllerEvent": {"majorEventType": 5, "subEventType": 21}}
            """
        let result = try Self.identify(text)
        #expect(Self.values(result, "isapi.schema") == ["hikvision-event-alert"])
        #expect(result.identity.verdict == .hikvision)
        // An event without ISAPI's activePostCount is not one.
        let other = try Self.identify(#"{"eventType": "motion", "eventState": "active", "channel": 1}"#)
        #expect(Self.values(other, "isapi.schema").isEmpty)
    }

    @Test func responseStatusWithSubStatusCodeIsISAPI() throws {
        let text =
            #"{"requestURL": "/ISAPI/System/x", "statusCode": 4, "statusString": "Invalid Operation", "subStatusCode": "notSupport"}"#
        let result = try Self.identify(text)
        #expect(Self.values(result, "isapi.schema").contains("hikvision-response-status"))
        #expect(result.identity.verdict == .hikvision)
        // Uniview LAPI's answer has StatusCode/StatusString but SubResponseCode.
        let lapi = try Self.identify(
            #"{"Response": {"ResponseURL": "/LAPI/V1.0/System/DeviceInfo", "ResponseCode": 0, "SubResponseCode": 0, "StatusCode": 0, "StatusString": "Succeed"}}"#
        )
        #expect(Self.values(lapi, "isapi.schema").isEmpty)
        #expect(lapi.identity.verdict != .hikvision)
    }

    @Test func summaryLineWithHikvisionSerialLayoutIsDeviceInfo() throws {
        let result = try Self.identify("Model: DS-I114W, Serial: DS-I114W20171106AAWR123556070, Firmware: V5.4.81")
        #expect(Self.values(result, "isapi.model") == ["DS-I114W"])
        #expect(Self.values(result, "isapi.serial-number") == ["DS-I114W20171106AAWR123556070"])
        #expect(result.identity.verdict == .hikvision)
        // Another maker's summary: the serial does not extend the model.
        let other = try Self.identify("Model: IPC-HDW1230T1, Serial: 4J0B1C2PAJ12345, Firmware: 2.800.0000000.16.R")
        #expect(Self.values(other, "isapi.model").isEmpty)
        #expect(other.identity.verdict != .hikvision)
    }

    @Test func quotedChallengeWithQopIsHTTP() throws {
        let text = """
            //WWW-Authenticate: Digest qop="auth", realm="DS-2CD2310FD-I", nonce="4d6a4931516a51304e554d364e445935595759785954553d", stale="TRUE"
            """
        let result = try Self.identify(text)
        #expect(Self.values(result, "http.auth.realm") == ["DS-2CD2310FD-I"])
        #expect(Self.values(result, "http.auth.nonce-style") == ["hex-of-base64"])
        #expect(result.identity.verdict == .hikvision)
        #expect(result.identity.model == "DS-2CD2310FD-I")
        let dahua = try Self.identify(
            #" * Digest realm="Login to ND021811019863", qop="auth", nonce="211955164", opaque="9a20""#
        )
        #expect(dahua.identity.verdict == .other)
        #expect(dahua.identity.vendor == "Dahua")
    }

    @Test func hikvisionOwnBrandsAndNeutralBrandingStayHikvision() throws {
        let database = try #require(Self.database)
        let ezviz = IdentityEngine.identify(
            [Observation(.sadpProbeMatch, "true"), Observation(.sadpDeviceDescription, "CS-C6TC-32WFR")],
            database: database
        )
        #expect(ezviz.verdict == .hikvision)
        #expect(ezviz.brand == "Ezviz")
        let doorStation = IdentityEngine.identify(
            [
                Observation(.isapiNamespace, "http://www.isapi.org/ver20/XMLSchema"),
                Observation(.isapiSystemContact, "STD-CGI"), Observation(.isapiModel, "DS-KV8213-WME1(C)"),
            ],
            database: database
        )
        #expect(doorStation.verdict == .hikvision)
        let neutral = IdentityEngine.identify(
            [Observation(.isapiNamespace, "http://www.std-cgi.com/ver20/XMLSchema")],
            database: database
        )
        #expect(neutral.verdict == .hikvision)
    }
}
