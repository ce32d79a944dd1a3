public import CamprintSignatures

/// Combines signature matches into an ``Identity`` (README, Signatures).
///
/// Verdict logic (docs/signals.md §5, §7):
/// 1. Matches are sorted into Hikvision firmware evidence (`hikvision` hints, and `oem` hints whose
///    vendor is Hikvision), Hikvision wire format (`hikvision-compatible`), OEM brand names (`oem`
///    without vendor), non-Hikvision evidence (`other`, `clone`) and `neutral` facts.
/// 2. Hikvision firmware is ESTABLISHED by non-copyable (semi or strong) Hikvision signals scoring at
///    least ``establishingScore`` (or that score + 0.1 together with copyable wire format), or by
///    copyable Hikvision signals in two different fields; a single copyable signal (IMKH header, a
///    template line, a URL path) never is, nor is one weak generic behaviour.
/// 3. With non-Hikvision evidence present: if established firmware evidence is also present, the
///    stronger side wins (noisy-OR of weights) and the other side is reported as a contradiction;
///    otherwise the verdict is `clone` when the Hikvision wire format is imitated (wire-format
///    score ≥ ``cloneImitationThreshold`` or an explicit clone signal), else `other` with the
///    best-supported vendor.
/// 4. Established Hikvision firmware with an OEM naming signal (a brand that rebadges Hikvision,
///    a non-`DS-` model) is `hikvision-oem`, else `hikvision`. Hikvision's own brands (Ezviz,
///    HiWatch, HiLook) and its neutral firmware branding (std-cgi.com namespace, `STD-CGI`
///    placeholders, found on Hikvision-branded door stations too) are `hikvision`.
/// 5. Only copyable Hikvision format, only an OEM brand, only neutral facts, or nothing: `unknown`.
///
/// Confidence is the noisy-OR of the supporting weights (1 − Π(1 − w)), capped at
/// ``copyableOnlyCap`` when Hikvision rests on copyable signals only, and scaled by
/// (1 − ½ · opposing score) when evidence contradicts it.
public enum IdentityEngine {
    /// Wire-format imitation score from which a device with non-Hikvision firmware is a `clone`.
    public static let cloneImitationThreshold = 0.25
    /// Score (noisy-OR) the non-copyable Hikvision evidence needs to establish Hikvision firmware on
    /// its own; with copyable Hikvision wire format beside it, the total needs 0.1 more. Weak generic
    /// behaviour (lower-case SSRC 0.1, no Server header 0.15, Date last 0.2) therefore never
    /// establishes Hikvision alone: Luckfox/Reolink replies carry exactly such signals.
    public static let establishingScore = 0.35
    /// Weight from which one non-copyable Hikvision signal counts toward establishing Hikvision
    /// firmware; weaker behaviours (SSRC case, absent Server header, stale quoting, header
    /// positions) are shared with other makers' firmware and only add confidence.
    public static let decisiveWeight = 0.3
    /// Highest confidence for a Hikvision verdict resting on copyable signals only.
    public static let copyableOnlyCap = 0.6

    /// Matches the observations against the database, then decides.
    public static func identify(_ observations: [Observation], database: SignatureDatabase) -> Identity {
        identify(matches: database.match(observations))
    }

    public static func identify(matches input: [Match]) -> Identity {
        let groups = classify(input)
        let matches = groups.matches
        let hikvisionFirmware = groups.hikvisionFirmware
        let wireFormat = groups.wireFormat
        let oemBrands = groups.oemBrands
        let against = groups.against
        let nonCopyableHikvision = groups.nonCopyableHikvision
        let established = groups.established
        let hikvisionScore = groups.hikvisionScore
        let againstScore = groups.againstScore
        let imitation = groups.imitation

        var decision = Decision()
        if !against.isEmpty, established, noisyOr(nonCopyableHikvision) >= againstScore {
            decision = hikvisionDecision(firmware: hikvisionFirmware, wireFormat: wireFormat, oemBrands: oemBrands)
            decision.confidence = hikvisionScore * (1 - againstScore / 2)
            decision.contradictions.append(
                "non-Hikvision evidence \(describe(against)) contradicts Hikvision firmware evidence "
                    + describe(nonCopyableHikvision)
            )
            decision.opposing = against
        } else if !against.isEmpty {
            let clones = against.filter { $0.implies.verdict == .clone }
            let (vendor, vendorMatches) = bestVendor(against)
            decision.supporting = vendorMatches.isEmpty ? against : vendorMatches + clones
            decision.vendor = vendor
            decision.brand = (against + oemBrands).compactMap(\.implies.brand).first
            if !clones.isEmpty || imitation >= cloneImitationThreshold {
                decision.verdict = .clone
                decision.supporting = against + hikvisionFirmware + wireFormat
                decision.confidence = noisyOr(against) * (0.5 + imitation / 2)
                decision.contradictions.append(
                    "Hikvision wire format \(describe(hikvisionFirmware + wireFormat)) from non-Hikvision firmware "
                        + describe(against)
                )
            } else {
                decision.verdict = .other
                decision.confidence = noisyOr(decision.supporting) * (1 - hikvisionScore / 2)
                decision.opposing = hikvisionFirmware + wireFormat
                if !decision.opposing.isEmpty {
                    decision.contradictions.append(
                        "weak Hikvision-style signals \(describe(decision.opposing)) on \(vendor ?? "non-Hikvision") firmware"
                    )
                }
            }
            if !nonCopyableHikvision.isEmpty {
                decision.contradictions.append(
                    "Hikvision firmware evidence \(describe(nonCopyableHikvision)) outweighed by "
                        + describe(against)
                )
            }
        } else if established {
            decision = hikvisionDecision(firmware: hikvisionFirmware, wireFormat: wireFormat, oemBrands: oemBrands)
            decision.confidence = nonCopyableHikvision.isEmpty ? min(hikvisionScore, copyableOnlyCap) : hikvisionScore
        } else {
            decision.verdict = .unknown
            decision.brand = oemBrands.compactMap(\.implies.brand).first
            decision.supporting = hikvisionFirmware + wireFormat + oemBrands
            if !hikvisionFirmware.isEmpty || !wireFormat.isEmpty {
                decision.contradictions.append(
                    "only copyable Hikvision wire format \(describe(hikvisionFirmware + wireFormat)): "
                        + "Hikvision or a Hikvision-compatible clone"
                )
            }
        }
        return decision.identity(all: matches)
    }

    static let hikvision = "Hikvision"

    /// How the engine sorts matches before deciding (step 1 and 2 of the verdict logic).
    public struct Classification: Sendable {
        /// Unique by rule, strongest first.
        public var matches: [Match]
        public var hikvisionFirmware: [Match]
        public var wireFormat: [Match]
        public var oemBrands: [Match]
        public var against: [Match]
        public var nonCopyableHikvision: [Match]
        /// Fields of copyable Hikvision firmware matches.
        public var copyableHikvisionFields: Set<FieldKey>
        /// Hikvision firmware is established (a non-copyable signal, or copyable ones in two fields).
        public var established: Bool
        public var hikvisionScore: Double
        public var againstScore: Double
        public var imitation: Double
    }

    public static func classify(_ input: [Match]) -> Classification {
        var seen: Set<String> = []
        let matches = input.filter { seen.insert($0.ruleID).inserted }.sorted { $0.weight > $1.weight }
        let hikvisionFirmware = matches.filter {
            $0.implies.verdict == .hikvision || ($0.implies.verdict == .oem && $0.implies.vendor == hikvision)
        }
        let wireFormat = matches.filter { $0.implies.verdict == .hikvisionCompatible }
        let against = matches.filter {
            ($0.implies.verdict == .other || $0.implies.verdict == .clone) && $0.implies.vendor != hikvision
        }
        let nonCopyableHikvision = hikvisionFirmware.filter { $0.copyable != .copyable }
        let copyableHikvisionFields = Set(hikvisionFirmware.filter { $0.copyable == .copyable }.map(\.field))
        return Classification(
            matches: matches,
            hikvisionFirmware: hikvisionFirmware,
            wireFormat: wireFormat,
            oemBrands: matches.filter { $0.implies.verdict == .oem && $0.implies.vendor == nil },
            against: against,
            nonCopyableHikvision: nonCopyableHikvision,
            copyableHikvisionFields: copyableHikvisionFields,
            established: noisyOr(nonCopyableHikvision.filter { $0.weight >= decisiveWeight }) >= establishingScore,
            hikvisionScore: noisyOr(hikvisionFirmware + wireFormat),
            againstScore: noisyOr(against),
            imitation: noisyOr(hikvisionFirmware.filter { $0.copyable == .copyable } + wireFormat)
        )
    }

    private static func hikvisionDecision(firmware: [Match], wireFormat: [Match], oemBrands: [Match]) -> Decision {
        var decision = Decision()
        decision.vendor = hikvision
        decision.supporting = firmware + wireFormat + oemBrands
        let oemSignals = firmware.filter { $0.implies.verdict == .oem } + oemBrands
        // Hikvision's own brands (Ezviz, HiWatch, HiLook: `verdict: hikvision` with a brand) stay
        // `hikvision`; the brand is still reported.
        let ownBrand = firmware.filter { $0.implies.verdict == .hikvision }.compactMap(\.implies.brand).first {
            $0 != hikvision
        }
        let brand = oemSignals.compactMap(\.implies.brand).first { $0 != hikvision }
        if oemSignals.isEmpty {
            decision.verdict = .hikvision
            decision.brand = ownBrand
        } else {
            decision.verdict = .hikvisionOEM
            decision.brand = brand ?? ownBrand
        }
        return decision
    }

    /// The vendor with the highest noisy-OR score, and its matches.
    private static func bestVendor(_ matches: [Match]) -> (String?, [Match]) {
        let byVendor = Dictionary(grouping: matches.filter { $0.implies.vendor != nil }) { $0.implies.vendor ?? "" }
        guard
            let best = byVendor.max(by: {
                noisyOr($0.value) < noisyOr($1.value) || (noisyOr($0.value) == noisyOr($1.value) && $0.key > $1.key)
            })
        else { return (nil, []) }
        return (best.key, best.value)
    }

    static func noisyOr(_ matches: [Match]) -> Double {
        1 - matches.reduce(1.0) { $0 * (1 - min(max($1.weight, 0), 1)) }
    }

    private static func describe(_ matches: [Match]) -> String {
        "(" + matches.prefix(4).map { "\($0.field)=\($0.value)" }.joined(separator: ", ")
            + (matches.count > 4 ? ", …" : "") + ")"
    }
}

/// The verdict being built, before it becomes an ``Identity``.
private struct Decision {
    var verdict: Verdict = .unknown
    var vendor: String?
    var brand: String?
    var confidence = 0.0
    var supporting: [Match] = []
    var opposing: [Match] = []
    var contradictions: [String] = []

    func identity(all matches: [Match]) -> Identity {
        let supportIDs = Set(supporting.map(\.ruleID))
        let opposingIDs = Set(opposing.map(\.ruleID))
        let evidence = matches.map { match in
            let role: Evidence.Role =
                supportIDs.contains(match.ruleID)
                ? .supports : opposingIDs.contains(match.ruleID) ? .contradicts : .neutral
            return Evidence(match, role: role)
        }
        // Descriptive fields come from supporting evidence first, then neutral facts.
        let describing = supporting + matches.filter { $0.implies.verdict == .neutral }
        let model = describing.lazy.compactMap { $0.captures["model"] }.first
        let firmware =
            describing.lazy.compactMap { $0.captures["firmware"] }.first
            ?? describing.lazy.compactMap { match in
                guard let version = match.captures["server_version"], let family = match.implies.family else {
                    return nil
                }
                return family + " " + version
            }.first
        let family = supporting.lazy.compactMap(\.implies.family).first
        let deviceType =
            supporting.lazy.compactMap(\.implies.deviceType).first
            ?? describing.lazy.compactMap { $0.captures["device_type"] }.first
        return Identity(
            verdict: verdict,
            vendor: verdict == .unknown ? nil : vendor,
            brand: brand,
            model: model,
            firmware: firmware,
            family: family,
            deviceType: deviceType,
            confidence: min(max(verdict == .unknown ? 0 : confidence, 0), 1),
            evidence: evidence,
            contradictions: contradictions
        )
    }
}
