/// `GET /ISAPI/System/deviceInfo`: `<DeviceInfo version="2.0" xmlns="…">` with one child element per
/// persona field, in order (element names and order as in the real devices' documents, e.g.
/// corpus/real/no-license/hikvision_isapi/DS-2CD2146G2-ISU.json; docs/signals.md §4.2).
enum ISAPIDocument {
    static func deviceInfo(_ isapi: HTTPPersona.ISAPI, values: [String: String]) -> String {
        var text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        text += #"<DeviceInfo version="\#(XMLText.escape(isapi.version))" xmlns="\#(XMLText.escape(isapi.namespace))">"#
        text += "\n"
        for field in isapi.fields {
            text += "<\(field.name)>\(XMLText.escape(HTTPText.render(field.value, values)))</\(field.name)>\n"
        }
        return text + "</DeviceInfo>\n"
    }

    /// `GET /ISAPI/ContentMgmt/InputProxy/channels`: element names and order of a real recorder's
    /// list (Samples/captures/hikvision-family/hikvision-isapi-inputproxy-nvr-10-18-176-64-01.txt);
    /// the camera's password is never in it (nor in the real one).
    static func inputProxyChannels(_ isapi: HTTPPersona.ISAPI, values: [String: String]) -> String {
        var text = #"<?xml version="1.0" encoding="UTF-8" ?>"# + "\n"
        text +=
            #"<InputProxyChannelList version="\#(XMLText.escape(isapi.version))" size="\#(isapi.inputProxy.count)">"#
        text += "\n"
        for channel in isapi.inputProxy {
            text += "<InputProxyChannel>\n<id>\(channel.id)</id>\n<name>\(escaped(channel.name, values))</name>\n"
            text += "<sourceInputPortDescriptor>\n"
            text += "<proxyProtocol>\(escaped(channel.proto, values))</proxyProtocol>\n"
            text += "<addressingFormatType>ipaddress</addressingFormatType>\n"
            text += "<ipAddress>\(escaped(channel.address, values))</ipAddress>\n"
            text += "<managePortNo>\(channel.port)</managePortNo>\n<srcInputPort>1</srcInputPort>\n"
            text += "<userName>admin</userName>\n<streamType>auto</streamType>\n"
            if let model = channel.model { text += "<model>\(escaped(model, values))</model>\n" }
            if let serial = channel.serial { text += "<serialNumber>\(escaped(serial, values))</serialNumber>\n" }
            if let firmware = channel.firmware {
                text += "<firmwareVersion>\(escaped(firmware, values))</firmwareVersion>\n"
            }
            if let manufacturer = channel.manufacturer {
                text += "<manufacturer>\(escaped(manufacturer, values))</manufacturer>\n"
            }
            text += "<deviceID></deviceID>\n</sourceInputPortDescriptor>\n"
            text += "<certificateValidationEnabled>false</certificateValidationEnabled>\n"
            text += "<defaultAdminPortEnabled>false</defaultAdminPortEnabled>\n"
            text += "<enableAnr>false</enableAnr>\n<enableTiming>true</enableTiming>\n</InputProxyChannel>\n"
        }
        return text + "</InputProxyChannelList>\n"
    }

    /// `GET /ISAPI/ContentMgmt/InputProxy/channels/status`: one `InputProxyChannelStatus` per channel
    /// with id, online and chanDetectResult (Samples/captures/hikvision-family/
    /// hikvision-isapi-inputproxy-status-ds7708-01.txt), gathered in a list.
    static func inputProxyStatus(_ isapi: HTTPPersona.ISAPI) -> String {
        var text = #"<?xml version="1.0" encoding="UTF-8" ?>"# + "\n"
        text += #"<InputProxyChannelStatusList version="\#(XMLText.escape(isapi.version))" "#
        text += #"xmlns="\#(XMLText.escape(isapi.namespace))">"# + "\n"
        for channel in isapi.inputProxy {
            let online = channel.online ?? true
            let detect = channel.detect ?? (online ? "connect" : "offline")
            text += "<InputProxyChannelStatus>\n<id>\(channel.id)</id>\n<online>\(online)</online>\n"
            text += "<chanDetectResult>\(XMLText.escape(detect))</chanDetectResult>\n</InputProxyChannelStatus>\n"
        }
        return text + "</InputProxyChannelStatusList>\n"
    }

    private static func escaped(_ text: String, _ values: [String: String]) -> String {
        XMLText.escape(HTTPText.render(text, values))
    }
}
