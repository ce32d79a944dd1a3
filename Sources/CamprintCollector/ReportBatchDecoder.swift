public import CamprintReport
import CompressNIO
import Foundation
import HTTPTypes
public import NIOCore

/// Turns an upload body into reports or precise errors: JSON array or JSON Lines, optionally gzip.
public enum ReportBatchDecoder {
    public enum Format: Sendable {
        case jsonArray
        case jsonLines

        /// From a Content-Type header (parameters such as `charset` are ignored).
        public init?(contentType: String?) {
            let media = (contentType ?? "").split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            switch media {
            case "application/json": self = .jsonArray
            case "application/x-ndjson", "application/jsonl", "application/jsonlines": self = .jsonLines
            default: return nil
            }
        }
    }

    /// Inflates a gzip body, refusing to produce more than `limit` bytes (413) or corrupt data (400).
    public static func gunzip(_ body: ByteBuffer, limit: Int) throws(APIError) -> ByteBuffer {
        var input = body
        do {
            return try input.decompress(with: .gzip(), maxSize: limit)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw APIError(.contentTooLarge, "decompressed body exceeds \(limit) bytes")
        } catch {
            throw APIError(.badRequest, "body: not valid gzip data", problems: [])
        }
    }

    /// Decodes and validates every report; throws one 400 listing every problem found.
    public static func decode(_ body: ByteBuffer, format: Format, limits: IngestLimits) throws(APIError) -> [Report] {
        let data = Data(body.readableBytesView)
        var reports: [Report] = []
        var problems: [APIError.Problem] = []
        let decoder = JSONDecoder()
        switch format {
        case .jsonArray:
            guard let first = data.first(where: { !isJSONWhitespace($0) }) else {
                throw APIError(.badRequest, "body: empty")
            }
            guard first == UInt8(ascii: "[") else {
                throw APIError(
                    .badRequest,
                    "body: expected a JSON array of reports",
                    problems: [.init(index: nil, field: "body", message: "expected a JSON array of reports")]
                )
            }
            // Counted before anything is decoded: an oversized batch costs one pass over its bytes.
            if topLevelElementCount(data, stoppingAfter: limits.maxReportsPerRequest) > limits.maxReportsPerRequest {
                throw APIError(.contentTooLarge, "at most \(limits.maxReportsPerRequest) reports per request")
            }
            do {
                reports = try decoder.decode([Report].self, from: data)
            } catch let error as DecodingError {
                problems.append(problem(from: error, index: nil))
            } catch {
                problems.append(.init(index: nil, field: "body", message: "malformed JSON"))
            }
        case .jsonLines:
            var index = 0
            var lineNumber = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                guard line.contains(where: { !isJSONWhitespace($0) }) else { continue }
                if index >= limits.maxReportsPerRequest {
                    throw APIError(.contentTooLarge, "at most \(limits.maxReportsPerRequest) reports per request")
                }
                do {
                    reports.append(try decoder.decode(Report.self, from: Data(line)))
                } catch let error as DecodingError {
                    var item = problem(from: error, index: index)
                    item.message += " (line \(lineNumber))"
                    problems.append(item)
                } catch {
                    problems.append(.init(index: index, field: "body", message: "malformed JSON (line \(lineNumber))"))
                }
                index += 1
                if problems.count >= maxProblems { break }
            }
            if index == 0, problems.isEmpty { throw APIError(.badRequest, "body: no reports") }
        }
        if !problems.isEmpty {
            throw APIError(.badRequest, "invalid reports: nothing was stored", problems: problems)
        }
        if reports.isEmpty { throw APIError(.badRequest, "body: no reports") }
        if reports.count > limits.maxReportsPerRequest {
            throw APIError(.contentTooLarge, "at most \(limits.maxReportsPerRequest) reports per request")
        }
        for (index, report) in reports.enumerated() {
            for error in report.validationErrors() + CollectorValidation.errors(in: report) {
                let (field, message) = splitFieldMessage(error)
                problems.append(.init(index: index, field: field, message: message))
            }
            if problems.count >= maxProblems { break }
        }
        if !problems.isEmpty {
            throw APIError(.badRequest, "invalid reports: nothing was stored", problems: problems)
        }
        return reports
    }

    /// The number of elements of the JSON array `data` starts with (after whitespace), by one linear pass
    /// that tracks strings, escapes and nesting; it stops counting once past `limit`. Malformed input
    /// gives some count: the decoder that runs next reports the syntax error.
    static func topLevelElementCount(_ data: Data, stoppingAfter limit: Int) -> Int {
        var depth = 0
        var inString = false
        var escaped = false
        var count = 0
        var sawValue = false
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if depth == 1 { sawValue = true }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if depth == 1 { sawValue = true }
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return count + (sawValue ? 1 : 0) }
            case UInt8(ascii: ","):
                if depth == 1 {
                    count += 1
                    if count > limit { return count }
                }
            default:
                if depth == 1, !isJSONWhitespace(byte) { sawValue = true }
            }
        }
        return count + (sawValue ? 1 : 0)
    }

    /// A 400 lists at most this many problems.
    static let maxProblems = 100

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func splitFieldMessage(_ text: String) -> (String, String) {
        guard let range = text.range(of: ": ") else { return ("report", text) }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    /// `item 3, identity.verdict: …` from a decoding error's coding path.
    static func problem(from error: DecodingError, index: Int?) -> APIError.Problem {
        let context: DecodingError.Context
        var path: [any CodingKey]
        let reason: String
        switch error {
        case .keyNotFound(let key, let errorContext):
            context = errorContext
            path = errorContext.codingPath + [key]
            reason = "required field is missing"
        case .typeMismatch(let type, let errorContext):
            context = errorContext
            path = errorContext.codingPath
            reason = "expected \(typeName(type))"
        case .valueNotFound(let type, let errorContext):
            context = errorContext
            path = errorContext.codingPath
            reason = "null where \(typeName(type)) is required"
        case .dataCorrupted(let errorContext):
            context = errorContext
            path = errorContext.codingPath
            reason = errorContext.codingPath.isEmpty ? "malformed JSON" : "invalid value"
        @unknown default:
            return .init(index: index, field: "body", message: "cannot decode")
        }
        _ = context
        var itemIndex = index
        if itemIndex == nil, let first = path.first, let position = first.intValue {
            itemIndex = position
            path.removeFirst()
        }
        var field = ""
        for key in path {
            if let position = key.intValue {
                field += "[\(position)]"
            } else {
                field += (field.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return .init(index: itemIndex, field: field.isEmpty ? "body" : field, message: reason)
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object or a known value"
        }
    }
}
