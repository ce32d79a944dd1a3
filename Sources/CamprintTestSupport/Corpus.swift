public import Foundation
public import Testing

/// Locates the real-device captures in `../shared/corpus/real` beside the checkout.
///
/// The corpus is never committed (README, Samples and captures); tests that need it use
/// `.enabled(if: Corpus.isAvailable, Corpus.skipReason)` so that they skip with a clear message
/// when the folder is absent. `CAMPRINT_CORPUS` overrides the location.
public enum Corpus {
    /// The package root, found from this file's path (`Sources/CamprintTestSupport/Corpus.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `…/shared/corpus/real`, or `CAMPRINT_CORPUS` when set.
    public static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["CAMPRINT_CORPUS"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/real")
    }()

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("MANIFEST.md").path)
    }

    public static let skipReason: Comment =
        "real-device corpus not found at ../shared/corpus/real (set CAMPRINT_CORPUS)"

    /// Paths relative to ``root`` of every file under `folder` whose name ends with one of
    /// `extensions` (all files when empty), sorted.
    public static func files(under folder: String = "", extensions: [String] = []) -> [String] {
        let base = folder.isEmpty ? root : root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = folder.isEmpty ? relative : folder + "/" + relative
            var isDirectory: ObjCBool = false
            guard
                FileManager.default.fileExists(
                    atPath: root.appendingPathComponent(path).path,
                    isDirectory: &isDirectory
                ),
                !isDirectory.boolValue
            else { continue }
            // Labelled excerpts with `# ` provenance headers are read through ``Captures``.
            if path.hasPrefix(Captures.snippetsFolder + "/") { continue }
            if extensions.isEmpty || extensions.contains(where: { path.hasSuffix($0) }) {
                found.append(path)
            }
        }
        return found.sorted()
    }

    /// The bytes of a corpus file given relative to ``root``.
    public static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }
}

/// The project's own `Samples/` folder (generated or hand-written fixtures, committed).
public enum Samples {
    public static let root: URL = Corpus.packageRoot.appendingPathComponent("Samples")

    public static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// Paths relative to `Samples/` under `folder`, sorted; empty when the folder is absent.
    public static func files(under folder: String) -> [String] {
        let base = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.map { folder + "/" + $0 }.sorted()
    }
}

/// Labelled captures from public sources: `no-license/snippets/` of the corpus (label from the
/// file name, see its README) and `Samples/captures/` (label in the header, see its README).
/// Each starts with `# ` header lines; ``body`` is what follows them, as `camprint identify` sees
/// it in scripts/eval.py.
public enum Captures {
    public static let snippetsFolder = "no-license/snippets"

    public struct File: Sendable, CustomStringConvertible {
        public var path: String
        public var label: String
        public var body: [UInt8]
        public var description: String { path }
    }

    public static func all() -> [File] {
        var files: [File] = []
        let snippets = Corpus.root.appendingPathComponent(snippetsFolder)
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: snippets.path)) ?? []).sorted()
        where name.hasSuffix(".txt") {
            guard let data = FileManager.default.contents(atPath: snippets.appendingPathComponent(name).path) else {
                continue
            }
            let label =
                name.hasPrefix("hikvision-oem-")
                ? "hikvision-oem" : name.hasPrefix("hikvision-") || name.hasPrefix("ezviz-") ? "hikvision" : "other"
            files.append(File(path: snippetsFolder + "/" + name, label: label, body: split(Array(data)).body))
        }
        let captures = Samples.root.appendingPathComponent("captures")
        if let walker = FileManager.default.enumerator(atPath: captures.path) {
            var paths: [String] = []
            while let relative = walker.nextObject() as? String {
                if relative.hasSuffix(".txt") { paths.append(relative) }
            }
            for relative in paths.sorted() {
                guard let data = FileManager.default.contents(atPath: captures.appendingPathComponent(relative).path)
                else { continue }
                let (header, body) = split(Array(data))
                guard let label = header["label"]?.split(separator: " ").first.map(String.init) else { continue }
                files.append(File(path: "Samples/captures/" + relative, label: label, body: body))
            }
        }
        return files
    }

    /// `# key: value` header lines, then the body after the blank lines that follow them.
    static func split(_ bytes: [UInt8]) -> (header: [String: String], body: [UInt8]) {
        var header: [String: String] = [:]
        var index = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: "#") {
            let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
            let line = String(decoding: bytes[index..<end], as: UTF8.self).dropFirst()
            if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if header[key] == nil { header[key] = value }
            }
            index = end + 1
        }
        while index < bytes.count, bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
        return (header, Array(bytes[min(index, bytes.count)...]))
    }
}
