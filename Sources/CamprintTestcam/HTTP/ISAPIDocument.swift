/// `GET /ISAPI/System/deviceInfo`: `<DeviceInfo version="2.0" xmlns="…">` with one child element per
/// persona field, in order (element names and order as in the real devices' documents, e.g.
/// corpus/real/no-license/hikvision_isapi/DS-2CD2146G2-ISU.json; fingerprints.md §4.2).
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
}
