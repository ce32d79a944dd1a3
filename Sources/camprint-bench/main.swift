// camprint-bench: parser throughput, printed as numbers (never asserted). Run by `make bench`.
//
//   camprint-bench --stream FILE.h264 [--corpus DIR] [--runs N]
//
// Each figure is the median of N runs (default 7) with the best run beside it, measured in
// this process on one core.
import CamprintCodecs
import CamprintRTSP
import CamprintSDP
import Foundation

struct Options {
    var stream: String?
    var corpus = "../shared/corpus/real"
    var runs = 7

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--stream": stream = iterator.next()
            case "--corpus": corpus = iterator.next() ?? corpus
            case "--runs": runs = Int(iterator.next() ?? "") ?? runs
            default:
                FileHandle.standardError.write(
                    Data("usage: camprint-bench --stream FILE [--corpus DIR] [--runs N]\n".utf8)
                )
                exit(2)
            }
        }
    }
}

/// Runs `body` `runs` times and returns (median, best) seconds.
func measure(runs: Int, _ body: () -> Void) -> (median: Double, best: Double) {
    var samples: [Double] = []
    for _ in 0..<max(1, runs) {
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    samples.sort()
    return (samples[samples.count / 2], samples[0])
}

func report(_ name: String, _ value: (median: Double, best: Double), unit: String, scale: Double) {
    let median = scale / value.median
    let best = scale / value.best
    print(String(format: "%-44@ %12.1f %@ (median)  %12.1f (best)", name as NSString, median, unit as NSString, best))
}

let options = Options(CommandLine.arguments)
print("camprint-bench: \(options.runs) runs per figure, one core")

if let path = options.stream, let data = FileManager.default.contents(atPath: path) {
    let bytes = [UInt8](data)
    let megabytes = Double(bytes.count) / 1_000_000
    print(String(format: "stream: %@ (%.1f MB)", path, megabytes))
    var nalCount = 0
    let split = measure(runs: options.runs) {
        var count = 0
        AnnexB.forEachNALUnit(in: bytes) { _ in count += 1 }
        nalCount = count
    }
    report("Annex B start-code scan + NAL split", split, unit: "MB/s", scale: megabytes)
    var seiCount = 0
    let scan = measure(runs: options.runs) {
        let summary = ElementaryStream.scan(bytes, codec: .h264)
        seiCount = summary.seiMessageCount
    }
    report("NAL split + SEI extraction + parameter sets", scan, unit: "MB/s", scale: megabytes)
    print("  (\(nalCount) NAL units, \(seiCount) SEI messages)")
} else {
    print("no --stream given or file unreadable: skipping stream figures")
}

/// Parses per second of one text, measured over batches of `count` parses.
func parsesPerSecond(_ name: String, count: Int, runs: Int, _ parse: () -> Bool) {
    var failures = 0
    let value = measure(runs: runs) {
        for _ in 0..<count where !parse() { failures += 1 }
    }
    report(name, value, unit: "parses/s", scale: Double(count))
    if failures > 0 { print("  (\(failures) parses failed)") }
}

let describePath = options.corpus + "/rtsp_text/retina/hikvision_describe.txt"
let sdpPath = options.corpus + "/sdp/gortsplib_issue_mediamtx_227_hik_media_server.sdp"
if let describe = FileManager.default.contents(atPath: describePath).map([UInt8].init),
    let sdp = FileManager.default.contents(atPath: sdpPath).map([UInt8].init)
{
    print("texts: \(describePath) (\(describe.count) B), \(sdpPath) (\(sdp.count) B)")
    parsesPerSecond("RTSP response parse (Hikvision DESCRIBE 200)", count: 20_000, runs: options.runs) {
        (try? RTSPResponse.parse(describe)) != nil
    }
    parsesPerSecond("SDP parse (HIK Media Server)", count: 20_000, runs: options.runs) {
        (try? SessionDescription(parsing: sdp)) != nil
    }
    parsesPerSecond("RTSP frame decoder (same response)", count: 20_000, runs: options.runs) {
        var decoder = RTSPFrameDecoder()
        return ((try? decoder.decode(describe))?.count ?? 0) == 1
    }
} else {
    print("corpus not found at \(options.corpus): skipping RTSP and SDP figures")
}
