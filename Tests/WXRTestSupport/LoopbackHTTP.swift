#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A blocking HTTP/1.0 GET to a server on 127.0.0.1, over a plain socket, so that tests of our own loopback servers
/// need no HTTP client (and never the client under test).
///
/// ```swift
/// let response = try LoopbackHTTP.get("/_test/ok/cat.jpg", port: server.port)
/// print(response.status, response.header("Content-Type") ?? "-", response.body.prefix(3))
/// // 200 image/jpeg [255, 216, 255]
/// ```
/// HTTP/1.0 makes the server close the connection after one answer, so the body is whatever arrives before the
/// close: no chunked decoding, and an interrupted body shows as a short one rather than an error.
public enum LoopbackHTTP {
    /// Sends `GET target` to 127.0.0.1:`port` and reads the answer until the server closes the connection.
    /// - Parameters:
    ///   - target: The request target as sent on the wire: a path, already percent-encoded, with any query.
    ///   - headers: Sent after `Host`, in name order (`User-Agent`, `If-None-Match` …).
    ///   - timeoutSeconds: How long one send or receive may wait.
    /// - Throws: ``Failure`` when the server cannot be reached, stays silent that long, or answers no HTTP.
    public static func get(_ target: String, port: Int, headers: [String: String] = [:],
                           timeoutSeconds: Int = 10) throws -> Response {
        let failure = { (reason: String) in Failure(target: target, port: port, reason: reason) }
        let socket = try openConnection(port: port, timeoutSeconds: timeoutSeconds, failure: failure)
        defer { close(socket) }
        var request = "GET \(target) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        try sendAll(Array(request.utf8), to: socket, failure: failure)
        let answer = try receiveUntilClosed(socket, failure: failure)
        guard let response = Response(parsing: answer) else {
            throw failure("not an HTTP response: \(String(decoding: answer.prefix(80), as: UTF8.self))")
        }
        return response
    }

    /// A GET that did not produce an HTTP response.
    public struct Failure: Error, CustomStringConvertible {
        public var target: String
        public var port: Int
        public var reason: String
        public var description: String { "GET http://127.0.0.1:\(port)\(target): \(reason)" }
    }

    private static func openConnection(port: Int, timeoutSeconds: Int, failure: (String) -> Failure) throws -> Int32 {
        #if canImport(Glibc)
        let stream = Int32(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, stream, 0)
        guard descriptor >= 0 else { throw failure("socket(): \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: .init(timeoutSeconds), tv_usec: 0)
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            setsockopt(descriptor, SOL_SOCKET, option, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw failure("cannot connect: \(reason)")
        }
        return descriptor
    }

    private static func sendAll(_ bytes: [UInt8], to socket: Int32, failure: (String) -> Failure) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { throw failure("send(): \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    private static func receiveUntilClosed(_ socket: Int32, failure: (String) -> Failure) throws -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 {
                return received
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                throw failure("no answer within the timeout (\(received.count) bytes received)")
            } else {
                throw failure("recv(): \(String(cString: strerror(errno)))")
            }
        }
    }
}
