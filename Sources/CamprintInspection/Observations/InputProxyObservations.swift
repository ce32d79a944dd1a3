public import CamprintSignatures
import Foundation

/// What a recorder (NVR/DVR) says about the camera of one of its IP channels (Hikvision ISAPI
/// `InputProxyChannel`, Samples/captures/hikvision-family/hikvision-isapi-inputproxy-*) →
/// observations for THAT camera's identity (docs/field-keys.md, `isapi.input-proxy.*`).
///
/// These observations never join the recorder's own evidence: the recorder's report reads its
/// deviceInfo, each camera behind it gets a report of its own from these.
public enum InputProxyObservations {
    /// One channel's facts, each `nil` or empty when the recorder did not give it.
    public struct Channel: Hashable, Sendable {
        public var proxyProtocol: String?
        public var manufacturer: String?
        public var model: String?
        public var serialNumber: String?
        public var firmwareVersion: String?

        public init(
            proxyProtocol: String? = nil,
            manufacturer: String? = nil,
            model: String? = nil,
            serialNumber: String? = nil,
            firmwareVersion: String? = nil
        ) {
            self.proxyProtocol = proxyProtocol
            self.manufacturer = manufacturer
            self.model = model
            self.serialNumber = serialNumber
            self.firmwareVersion = firmwareVersion
        }
    }

    /// Longest value kept (a recorder is a device on the network, its text is bounded like any).
    static let maximumValueLength = 128

    public static func extract(_ channel: Channel) -> [Observation] {
        let fields: [(FieldKey, String?)] = [
            (.isapiInputProxyProtocol, channel.proxyProtocol),
            (.isapiInputProxyManufacturer, channel.manufacturer),
            (.isapiInputProxyModel, channel.model),
            (.isapiInputProxySerialNumber, channel.serialNumber),
            (.isapiInputProxyFirmwareVersion, channel.firmwareVersion),
        ]
        return fields.compactMap { key, value in
            guard let value else { return nil }
            let trimmed = String(value.prefix(maximumValueLength)).trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : Observation(key, trimmed)
        }
    }
}
