import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore

/// An error answered as JSON: `{"status": 400, "error": "…", "problems": [{"index": 2, "field": …, "message": …}]}`.
public struct APIError: HTTPResponseError, Sendable {
    public struct Problem: Codable, Hashable, Sendable {
        /// Position of the report in the batch (0-based), when the problem is in one report.
        public var index: Int?
        public var field: String
        public var message: String

        public init(index: Int?, field: String, message: String) {
            self.index = index
            self.field = field
            self.message = message
        }
    }

    public var status: HTTPResponse.Status
    public var message: String
    public var problems: [Problem]
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, problems: [Problem] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.problems = problems
        self.headers = headers
    }

    private struct Body: Encodable {
        var status: Int
        var error: String
        var problems: [Problem]?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(
            Body(status: status.code, error: message, problems: problems.isEmpty ? nil : problems)
        )
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
