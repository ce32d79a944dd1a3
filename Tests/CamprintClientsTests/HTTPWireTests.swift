import CamprintClients
import Foundation
import Testing

@Suite("HTTP client pieces: framing, WS-Security, ONVIF time")
struct HTTPWireTests {
    /// ONVIF Application Programmer's Guide §6.1.1.3 example token.
    @Test func passwordDigestOfTheONVIFGuideExample() {
        let digest = WSSecurityUsernameToken.digest(
            nonce: Array(Data(base64Encoded: "LKqI6G/AikKCQrN0zqZFlg==") ?? Data()),
            created: "2010-09-16T07:50:45Z",
            password: "userpassword"
        )
        #expect(digest == "tuOSpGlFlIXsozq4HFNeeGeFLEI=")
    }

    @Test(arguments: [
        (0, "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"), (1_780_010_800, "2026-05-28T23:26:40Z"),
    ])
    func xsDateTimeRoundTrip(seconds: Int, text: String) throws {
        #expect(ONVIFSystemDateAndTime.xsDateTime(secondsSince1970: seconds) == text)
        let xml = """
            <s:Envelope xmlns:s="x" xmlns:tt="y"><s:Body><tt:UTCDateTime><tt:Time><tt:Hour>\(text.dropFirst(11).prefix(2))</tt:Hour>\
            <tt:Minute>\(text.dropFirst(14).prefix(2))</tt:Minute><tt:Second>\(text.dropFirst(17).prefix(2))</tt:Second>\
            </tt:Time><tt:Date><tt:Year>\(text.prefix(4))</tt:Year><tt:Month>\(text.dropFirst(5).prefix(2))</tt:Month>\
            <tt:Day>\(text.dropFirst(8).prefix(2))</tt:Day></tt:Date></tt:UTCDateTime></s:Body></s:Envelope>
            """
        #expect(try ONVIFSystemDateAndTime.parse(Array(xml.utf8)).secondsSince1970 == seconds)
    }

    @Test func onvifEndpointParsing() {
        #expect(
            ONVIFEndpoint(url: "http://10.0.0.5/onvif/device_service")?.description
                == "http://10.0.0.5:80/onvif/device_service"
        )
        #expect(ONVIFEndpoint(url: "http://u:p@[::1]:8080/x")?.description == "http://[::1]:8080/x")
        #expect(ONVIFEndpoint(url: "https://10.0.0.5/") == nil)
        #expect(ONVIFEndpoint(url: "http://10.0.0.5:99999/") == nil)
    }
}
