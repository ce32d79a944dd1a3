public import Foundation
public import Testing

/// Locates the real-device captures in `../shared/corpus/real` beside the checkout.
///
/// The corpus is never committed (see DESIGN.md, Data); tests that need it use
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
