import CamprintWire

/// Bytes of a test message written with `\n` line ends, converted to CRLF unless `lf` is set.
func message(_ text: String, lf: Bool = false) -> [UInt8] {
    let bytes = Array(text.utf8)
    guard !lf else { return bytes }
    var output: [UInt8] = []
    for byte in bytes {
        if byte == 0x0A { output.append(0x0D) }
        output.append(byte)
    }
    return output
}

extension Array where Element == Quirk {
    func codes() -> [String] { map(\.code) }
}
