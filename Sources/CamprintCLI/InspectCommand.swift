public import ArgumentParser
import CamprintCodecs
import CamprintInspection
import Foundation

/// `camprint inspect FILE...`: shows what the parsers see in saved evidence.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what camprint's parsers see in files of saved evidence.",
        discussion: """
            The kind of each file is detected from its content: RTSP text (a saved response, a \
            transcript, a client log), a bare SDP, an Annex B stream (.h264/.h265), a single NAL \
            unit without start code (.nal), a Hikvision IMKH header, an avcC/hvcC box. Use - to read \
            standard input.

            Examples:
              camprint inspect describe.txt
              camprint inspect --format json camera.sdp stream.h265
              camprint inspect --codec h265 sps.nal
            """
    )

    @Argument(help: ArgumentHelp("Files to read (- for standard input).", valueName: "file"))
    var files: [String]

    @Option(help: "Codec of Annex B streams and NAL units when the name and content do not tell (h264 or h265).")
    var codec: VideoCodec?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file, e.g. camprint inspect describe.txt") }
    }

    func run() async throws {
        var results: [ParsedEvidence] = []
        var unreadable = 0
        for file in files {
            do {
                let bytes = try EvidenceFile.read(file)
                results.append(EvidenceReader.read(name: file, bytes: bytes, codec: codec))
            } catch {
                StandardError.write("camprint: \(file): \(error)")
                unreadable += 1
            }
        }
        switch output.format {
        case .table: TerminalOutput.print(results.map(EvidenceTextRenderer.render).joined(separator: "\n\n"))
        case .json, .jsonl: try JSONOutput.print(results, format: output.format)
        }
        if unreadable > 0 { throw ExitCode(2) }
    }
}

/// `--codec h264|h265`: the raw values of CamprintCodecs' one codec enum.
extension VideoCodec: ExpressibleByArgument {}

/// Reading evidence files with a size bound and errors a person can act on.
enum EvidenceFile {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readData(ofLength: EvidenceReader.maximumBytes))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(description: "no such file")
        }
        guard !isDirectory.boolValue else { throw ReadError(description: "is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ReadError(description: "permission denied") }
        defer { try? handle.close() }
        return Array(try handle.read(upToCount: EvidenceReader.maximumBytes) ?? Data())
    }
}
