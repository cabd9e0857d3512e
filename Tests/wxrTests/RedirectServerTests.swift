import Foundation
import Testing

/// The nginx map a site export writes, loaded by a real nginx: every old URL must answer 301 with its new one.
@Suite(.serialized) struct RedirectServerTests {
    static let nginx = Externals.tool("nginx")

    @Test func nginxAnswersEveryOldURLOfTheSampleWithItsNewOne() throws {
        try Self.check(export: CLITests.sample)
    }

    @Test func nginxAnswersEveryOldURLOfAGeneratedExport() throws {
        guard let generator = Externals.wxrgen else {
            print("RedirectServerTests: python3 or ../shared/tools/wxrgen.py is missing; generated export skipped")
            return
        }
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = directory.appendingPathComponent("export.xml").path
        let generated = try run("/usr/bin/env", ["python3", generator, "--posts", "300", "--seed", "7", "-o", export])
        try #require(generated.status == 0, "wxrgen: \(generated.stderr)")
        try Self.check(export: export)
    }

    static func check(export: String) throws {
        guard let nginx else {
            print("RedirectServerTests: nginx is not on PATH (apt-get install nginx-light; it is in /usr/sbin); skipped")
            return
        }
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let site = directory.appendingPathComponent("site")
        let converted = try run(CLITests.binary, ["convert", export, "--to", "markdown", "--output", site.path, "--quiet"])
        try #require(converted.status == 0 || converted.status == 1, "wxr: \(converted.stderr)")

        let redirects = try String(contentsOf: site.appendingPathComponent("wxr/redirects.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map(Self.csvRow)
        try #require(redirects.count > 10)

        let server = try Server(nginx: nginx, map: site.appendingPathComponent("wxr/redirects.nginx.conf").path, in: directory)
        defer { server.stop() }
        var failures: [String] = []
        for row in redirects {
            let (from, to) = (row[0], row[1])
            var asked = [from]
            if from.count > 1, from.hasSuffix("/"), !from.contains("?") { asked.append(String(from.dropLast())) }
            for path in asked {
                let (status, location) = try server.get(Self.requestTarget(path))
                let expected = Self.percentEncoded(to)
                if status != 301 || !(location ?? "").hasSuffix(expected) {
                    failures.append("\(path): \(status) \(location ?? "-"), expected 301 \(expected)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(redirects.count): \(failures.prefix(5))")
        let (status, _) = try server.get("/no/such/old/page/")
        #expect(status == 404)
    }

    /// A path as a browser sends it: non-ASCII and spaces percent-encoded.
    static func requestTarget(_ path: String) -> String {
        percentEncoded(path)
    }

    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if byte >= 0x80 || byte <= 0x20 {
                result += String(format: "%%%02X", byte)
            } else {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return result
    }

    static func csvRow(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\"" where quoted: quoted = false
            case "\"" where field.isEmpty: quoted = true
            case "," where !quoted:
                fields.append(field)
                field = ""
            default: field.append(character)
            }
        }
        fields.append(field)
        return fields
    }

    /// nginx on a free loopback port, with the map included, answering 404 to what the map lacks.
    final class Server {
        let port: UInt16
        private var running: Process?

        init(nginx: String, map: String, in directory: URL) throws {
            var lastError = ""
            for attempt in 0..<10 {
                let port = UInt16(20_000 + (Int(getpid()) * 7 + attempt * 97) % 30_000)
                let config = directory.appendingPathComponent("nginx-\(port).conf")
                let temp = directory.appendingPathComponent("nginx-temp").path
                try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
                try """
                    daemon off;
                    pid \(directory.path)/nginx-\(port).pid;
                    error_log \(directory.path)/nginx-error.log;
                    events {}
                    http {
                        access_log off;
                        client_body_temp_path \(temp)/body;
                        proxy_temp_path \(temp)/proxy;
                        fastcgi_temp_path \(temp)/fastcgi;
                        uwsgi_temp_path \(temp)/uwsgi;
                        scgi_temp_path \(temp)/scgi;
                        include \(map);
                        server {
                            listen 127.0.0.1:\(port);
                            if ($wxr_redirect) { return 301 $wxr_redirect; }
                            location / { return 404; }
                        }
                    }
                    """.write(to: config, atomically: true, encoding: .utf8)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: nginx)
                process.arguments = ["-c", config.path, "-e", "\(directory.path)/nginx-error.log"]
                process.standardError = FileHandle.nullDevice
                try process.run()
                for _ in 0..<50 {
                    if !process.isRunning { break }
                    if Self.connect(port) != nil { break }
                    usleep(50_000)
                }
                if process.isRunning, let socket = Self.connect(port) {
                    close(socket)
                    self.port = port
                    running = process
                    return
                }
                lastError = (try? String(contentsOfFile: "\(directory.path)/nginx-error.log", encoding: .utf8)) ?? ""
                if process.isRunning { process.terminate() }
            }
            throw ServerFailed(log: lastError)
        }

        struct ServerFailed: Error { var log: String }

        func stop() {
            running?.terminate()
            running?.waitUntilExit()
        }

        /// Status and `Location` of `GET target`, over HTTP/1.0 on a plain socket.
        func get(_ target: String) throws -> (status: Int, location: String?) {
            guard let socket = Self.connect(port) else { return (0, nil) }
            defer { close(socket) }
            let request = Array("GET \(target) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
            var response: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                response += buffer[0..<count]
            }
            let head = String(decoding: response, as: UTF8.self).components(separatedBy: "\r\n\r\n").first ?? ""
            let lines = head.components(separatedBy: "\r\n")
            let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
            let location = lines.first { $0.lowercased().hasPrefix("location:") }
                .map { String($0.dropFirst("location:".count)).trimmingCharacters(in: .whitespaces) }
            return (status, location)
        }

        static func connect(_ port: UInt16) -> Int32? {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { return nil }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(socket)
                return nil
            }
            return socket
        }
    }
}
