import CamprintRTSP
import CamprintSignatures

/// HTTP responses in conversation text → observations (docs/field-keys.md, `http.*`).
enum HTTPObservations {
    /// Body markers (docs/signals.md §4.1), as `(marker, text to find)`. An ISAPI `userCheck`
    /// body is a document: the device document reader reads it wherever it stands
    /// (`isapi.schema` = `hikvision-user-check`).
    static let pageMarkers: [(String, String)] = [
        ("doc-page-login-asp", "/doc/page/login.asp"),
        ("goahead-document-error", "Document Error: Not Found"),
    ]

    static func extract(_ responses: [HTTPResponseText]) -> [Observation] {
        var observations: [Observation] = []
        for response in responses {
            observations.append(Observation(.httpStatus, String(response.statusCode)))
            for header in response.headers {
                let name = header.name.lowercased()
                guard !name.isEmpty, name.count <= 64,
                    name.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "-" || $0 == "_" })
                else { continue }
                observations.append(Observation(.httpHeader(name), header.value))
            }
            for value in response.values("WWW-Authenticate") {
                for challenge in AuthenticateChallenge.parseAll(" " + value) {
                    if let realm = challenge.realm {
                        observations.append(Observation(.httpAuthRealm, realm))
                        if let mac = ValueClassifier.macFromRealm(realm) {
                            observations += MACObservations.extract(mac)
                        }
                    }
                    if let nonce = challenge.nonce {
                        observations.append(
                            Observation(.httpAuthNonceStyle, ValueClassifier.nonceStyle(nonce, http: true))
                        )
                    }
                    if challenge.scheme.lowercased() == "digest" {
                        for name in ValueClassifier.digestExtensionParameters(challenge) {
                            observations.append(Observation(.httpAuthExtension, name))
                        }
                    }
                }
            }
            for (marker, text) in pageMarkers where response.body.contains(text) {
                observations.append(Observation(.httpPageMarker, marker))
            }
        }
        return observations
    }
}
