import CamprintSignatures
import Testing

@testable import CamprintInspection

/// Discovery answers as a sweep receives them: an SSDP M-SEARCH answer and NOTIFY, a UPnP device
/// description, a WS-Discovery ProbeMatches, a SADP ProbeMatch and a Dahua DHIP answer with its
/// binary header (shapes and values from the captures in Samples/captures).
@Suite struct DiscoveryEvidenceTests {
    static func observations(_ text: String) -> [String: [String]] {
        observations(Array(text.utf8))
    }

    static func observations(_ bytes: [UInt8]) -> [String: [String]] {
        let evidence = EvidenceReader.read(name: "answer", bytes: bytes)
        return Dictionary(grouping: ObservationExtractor.observations(from: evidence), by: \.field.rawValue)
            .mapValues { $0.map(\.value) }
    }

    @Test func ssdpSearchAnswerIsReadAsSSDPNotAsAWebServer() {
        let answer =
            "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\n"
            + "LOCATION: http://192.168.1.102:51578/rootdesc1.xml\r\n"
            + "SERVER: Linux/2.6.35, UPnP/1.0, Portable SDK for UPnP devices/1.6.6\r\n"
            + "ST: upnp:rootdevice\r\nUSN: uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::upnp:rootdevice\r\n\r\n"
        let found = Self.observations(answer)
        #expect(found["ssdp.server"] == ["Linux/2.6.35, UPnP/1.0, Portable SDK for UPnP devices/1.6.6"])
        #expect(found["ssdp.st"] == ["upnp:rootdevice"])
        #expect(found["ssdp.usn"]?.first?.hasPrefix("uuid:Upnp-BasicDevice-1_0-") == true)
        #expect(found["ssdp.location"] == ["http://192.168.1.102:51578/rootdesc1.xml"])
        #expect(found["http.header.server"] == nil)
    }

    @Test func ssdpNotifyIsReadToo() {
        let notify =
            "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
            + "SERVER: Linux UPnP/1.0 Hikvision/1.0\r\nUSN: uuid:abc::upnp:rootdevice\r\n\r\n"
        let found = Self.observations(notify)
        #expect(found["ssdp.st"] == ["upnp:rootdevice"])
        #expect(found["ssdp.server"] == ["Linux UPnP/1.0 Hikvision/1.0"])
        #expect(found["http.status"] == nil)
    }

    @Test func upnpDescriptionGivesTheRootDeviceOnly() {
        let description = """
            <?xml version="1.0"?>
            <root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major></specVersion>
            <device><deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>
            <friendlyName>AXIS M1014 - ACCC8E270AD8</friendlyName><manufacturer>AXIS</manufacturer>
            <modelName>AXIS M1014</modelName><modelNumber>M1014</modelNumber>
            <serialNumber>ACCC8E270AD8</serialNumber><UDN>uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8</UDN>
            <serviceList><service><serviceType>urn:axis-com:service:BasicService:1</serviceType></service></serviceList>
            <presentationURL>http://192.168.1.102:80/</presentationURL></device></root>
            """
        let evidence = EvidenceReader.read(name: "desc.xml", bytes: Array(description.utf8))
        #expect(evidence.devices.map(\.kind) == [.upnpDeviceDescription])
        let found = Self.observations(description)
        #expect(found["upnp.manufacturer"] == ["AXIS"])
        #expect(found["upnp.model-name"] == ["AXIS M1014"])
        #expect(found["upnp.serial-number"] == ["ACCC8E270AD8"])
        #expect(found["upnp.udn"] == ["uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8"])
        #expect(found["upnp.presentation-url"] == ["http://192.168.1.102:80/"])
        #expect(found["onvif.manufacturer"] == nil)
    }

    @Test func wsDiscoveryProbeMatchesIsReadLikeHello() {
        let probeMatches = """
            <?xml version="1.0" encoding="UTF-8"?>
            <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><SOAP-ENV:Body><d:ProbeMatches>
            <d:ProbeMatch><d:Types>dn:NetworkVideoTransmitter</d:Types>
            <d:Scopes>onvif://www.onvif.org/name/HIKVISION%20DS-2CD2143G2-I onvif://www.onvif.org/location/city/hangzhou</d:Scopes>
            <d:XAddrs>http://192.168.1.64/onvif/device_service</d:XAddrs></d:ProbeMatch>
            </d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>
            """
        let evidence = EvidenceReader.read(name: "probe", bytes: Array(probeMatches.utf8))
        #expect(evidence.devices.map(\.kind) == [.wsDiscoveryProbeMatch])
        #expect(
            Self.observations(probeMatches)["onvif.scope"]?.contains(
                "onvif://www.onvif.org/name/HIKVISION%20DS-2CD2143G2-I"
            ) == true
        )
    }

    @Test func sadpProbeMatchWithSaltIsSADP() {
        let answer = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <ProbeMatch><Uuid>8282F1DB-2FA6-4709-B261-3C6B6A48CA17</Uuid><Types>inquiry</Types>
            <Encrypt>true</Encrypt><DeviceType>44322</DeviceType><DeviceDescription>DS-7804HQH-K1</DeviceDescription>
            <DeviceSN>DS-7804HQH-K10420190822CCCHD53257168WCVU</DeviceSN><MAC>68-6d-bc-ee-f8-f0</MAC></ProbeMatch>
            """
        let found = Self.observations(answer)
        #expect(found["sadp.device-description"] == ["DS-7804HQH-K1"])
        #expect(found["mac.oui"] == ["68:6D:BC"])
    }

    @Test func dhipAnswerWithItsBinaryHeaderIsRead() {
        let json =
            #"{"mac":"58:10:8c:4d:3b:fa","method":"client.notifyDevInfo","params":{"deviceInfo":{"#
            + #""DeviceClass":"MHDX","DeviceType":"MHDX 1016","Manufacturer":"Intelbras","SerialNo":"O9RF220012635","#
            + #""Vendor":"Intelbras","Version":"3.210.IB01.3","VideoInputChannels":16}}}"#
        var header: [UInt8] = [0x20, 0, 0, 0, 0x44, 0x48, 0x49, 0x50] + [UInt8](repeating: 0, count: 8)
        let length = UInt32(json.utf8.count)
        let lengthBytes = (0..<4).map { UInt8((length >> (8 * $0)) & 0xFF) }
        header += lengthBytes + [0, 0, 0, 0] + lengthBytes + [0, 0, 0, 0]
        #expect(header.count == 32)
        let evidence = EvidenceReader.read(name: "dhip.bin", bytes: header + Array(json.utf8))
        #expect(evidence.devices.map(\.kind) == [.dhipDeviceInfo])
        let found = Self.observations(header + Array(json.utf8))
        #expect(found["dhip.method"] == ["client.notifyDevInfo"])
        #expect(found["dhip.vendor"] == ["Intelbras"])
        #expect(found["dhip.device-type"] == ["MHDX 1016"])
        #expect(found["isapi.device-type"] == nil)
        #expect(found["mac.oui"] == ["58:10:8C"])
    }

    @Test func dictDumpAfterAURLOnALogLineIsRead() {
        let line =
            "http://192.168.17.205/ISAPI/System/deviceInfo {'@version': '2.0', '@xmlns': "
            + "'http://www.isapi.org/ver20/XMLSchema', 'deviceName': 'Network Video Recorder', "
            + "'model': 'DS-7608NI-I2/8P'}"
        let found = Self.observations(line)
        #expect(found["isapi.model"] == ["DS-7608NI-I2/8P"])
        #expect(found["isapi.namespace"] == ["http://www.isapi.org/ver20/XMLSchema"])
    }

    @Test func responseStatusRequestURLIsAPath() {
        let status = """
            <ResponseStatus version="1.0" xmlns="urn:psialliance-org">
            <requestURL>/ISAPI/Event/notification/alertStream</requestURL>
            <statusCode>4</statusCode>
            </ResponseStatus>
            """
        let found = Self.observations(status)
        #expect(found["isapi.request-url"] == ["/ISAPI/Event/notification/alertStream"])
        #expect(found["isapi.namespace"] == ["urn:psialliance-org"])
    }
}
