import CamprintInspection
import CamprintProbe
import CamprintReport
import CamprintSignatures

/// Evidence of a probe → observations → identity.
enum ProbeIdentity {
    static func identify(control: ControlPlaneResult, database: SignatureDatabase) -> ReportIdentity {
        // TODO(observations): feed control.responses / control.sessionDescription through the
        // observations API of CamprintInspection once it is on main; until then nothing is matched.
        .unknown
    }
}
