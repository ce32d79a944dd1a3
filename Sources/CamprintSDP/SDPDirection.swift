/// RFC 8866 §6.7 media direction attributes.
public enum SDPDirection: String, Hashable, Sendable, Encodable, CaseIterable {
    case recvonly
    case sendrecv
    case sendonly
    case inactive
}
