import Foundation

extension LoopbackHTTP {
    /// One answer as received: status, headers in the order sent, and the body bytes up to the connection's close.
    public struct Response: Sendable {
        public let status: Int
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]

        /// The first header named `name`, compared without case, as HTTP compares names.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The body read as UTF-8 (bad bytes become U+FFFD).
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// Splits `bytes` at the blank line; nil when they do not start with an HTTP status line and headers.
        init?(parsing bytes: [UInt8]) {
            let blankLine: [UInt8] = [13, 10, 13, 10]
            guard bytes.count >= blankLine.count,
                  let end = (0...(bytes.count - blankLine.count)).first(where: {
                      bytes[$0..<($0 + blankLine.count)].elementsEqual(blankLine)
                  }) else { return nil }
            // Header bytes are ISO 8859-1 by the HTTP specification; ours are ASCII anyway.
            let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
            let statusLine = head[0].split(separator: " ", maxSplits: 2)
            guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else {
                return nil
            }
            self.status = status
            self.headers = head.dropFirst().compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            self.body = Array(bytes[(end + blankLine.count)...])
        }
    }
}
