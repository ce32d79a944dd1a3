import CamprintRTSP
public import CamprintReport
import CamprintWire

extension ControlPlaneResult {
    /// The `rtsp` section of the report: every exchange as text, credentials and user-info removed.
    public var reportSection: ReportRTSP {
        ReportRTSP(
            finalURL: URLRedaction.redact(finalURL.description),
            redirects: redirects.map(URLRedaction.redact),
            peer: exchanges.last?.peer,
            authentication: authentication.map {
                ReportAuthentication(
                    scheme: $0.scheme,
                    algorithm: $0.algorithm,
                    qop: $0.qop,
                    realm: $0.realm,
                    sentInClear: $0.sentInClear,
                    accepted: $0.accepted
                )
            },
            exchanges: exchanges.map(\.reportExchange),
            sdp: sdpBytes.isEmpty ? nil : URLRedaction.redactAll(in: ASCII.string(sdpBytes)),
            tornDown: tornDown,
            durationMs: duration.milliseconds,
            streamSearch: streamSearch.map {
                ReportStreamSearch(
                    path: $0.foundPath,
                    authenticationRequired: $0.foundBehindAuthentication,
                    requests: $0.requests,
                    limit: $0.limit,
                    tried: $0.tried,
                    hintedVendors: $0.hintedVendors
                )
            }
        )
    }

    /// The report's `error`, when the probe failed.
    public var reportError: ReportError? {
        failure.map { ReportError(code: $0.code, message: $0.message) }
    }
}

extension RTSPExchange {
    var reportExchange: ReportRTSPExchange {
        ReportRTSPExchange(
            method: request.method,
            url: URLRedaction.redact(request.uri),
            statusCode: response?.statusCode,
            roundTripMs: roundTrip?.milliseconds,
            request: URLRedaction.redactAll(in: ASCII.string(request.serialize())),
            response: URLRedaction.redactAll(in: String(decoding: rawResponse, as: UTF8.self)),
            responseBytes: rawResponse.count
        )
    }
}

extension Duration {
    /// Milliseconds with microsecond precision.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds / 1_000_000_000_000) / 1000
    }
}
