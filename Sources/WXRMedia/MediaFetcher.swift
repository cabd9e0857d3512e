import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import WXRKit

/// Downloads media files over HTTP(S), politely and safely: a few connections per host, timeouts, retries with
/// backoff on what may pass (connection errors, 5xx, 429 with its `Retry-After`), redirects followed by hand so
/// that every hop is checked, a size cap, and a body that contradicts its file name refused.
///
/// Each host name is resolved here and the address checked against ``AddressPolicy`` before any connection;
/// the HTTP client is then pinned to that address (its `dnsOverride`, which keeps TLS checking the name), so
/// what is connected to is what was checked.
///
/// ```swift
/// let fetcher = MediaFetcher(options: MediaFetchOptions(userAgent: "wxr/1.0"))
/// switch await fetcher.fetch("https://example.org/wp-content/uploads/a.jpg", to: "staging/a.jpg") { ... }
/// try await fetcher.shutdown()
/// ```
public final class MediaFetcher: Sendable {
    private let options: MediaFetchOptions
    private let slots: HostSlots
    /// Per host: its client, pinned to the address checked, or why it is refused.
    private let clients = Mutex<[String: Result<HTTPClient, MediaFetchFailure.Reason>]>([:])

    public init(options: MediaFetchOptions) {
        self.options = options
        slots = HostSlots(limit: options.perHost)
    }

    /// Downloads `url` into the file at `path` (created or truncated), trying again where that may help; on
    /// failure what is at `path` is the caller's to remove (a staging file, as ``MediaTransfer`` makes).
    public func fetch(_ url: String, to path: String) async -> Result<FetchedFile, MediaFetchFailure> {
        var attempt = 0
        while true {
            let result = await fetchOnce(url, to: path)
            guard case .failure(let failure) = result else { return result }
            guard failure.isTransient, attempt < options.retries, !Task.isCancelled else { return result }
            let wait = failure.retryAfter ?? backoff(after: attempt)
            guard wait <= options.longestRetryAfter else { return result }
            try? await Task.sleep(for: wait)
            attempt += 1
        }
    }

    /// Closes every connection; the fetcher is spent afterwards.
    public func shutdown() async throws {
        let all = clients.withLock { clients in
            defer { clients.removeAll() }
            return clients.values.compactMap { try? $0.get() }
        }
        for client in all { try await client.shutdown() }
    }

    /// Doubling waits with jitter, so that many files failing at once do not come back at once.
    private func backoff(after attempt: Int) -> Duration {
        let base = options.backoff * (1 << min(attempt, 10))
        return base * Double.random(in: 0.5...1.5)
    }

    private func fetchOnce(_ url: String, to path: String) async -> Result<FetchedFile, MediaFetchFailure> {
        var current = url
        for _ in 0...options.maximumRedirects {
            guard let parsed = URL(string: current), let scheme = parsed.scheme?.lowercased() else {
                return .failure(MediaFetchFailure(.refusedScheme("unparsable"), url: current))
            }
            guard scheme == "http" || scheme == "https" else { return .failure(MediaFetchFailure(.refusedScheme(scheme), url: current)) }
            guard let host = parsed.host, !host.isEmpty else { return .failure(MediaFetchFailure(.unresolvedHost(""), url: current)) }
            let client: HTTPClient
            switch connection(to: host) {
            case .success(let pinned): client = pinned
            case .failure(let reason): return .failure(MediaFetchFailure(reason, url: current))
            }
            await slots.acquire(host)
            let step = await request(current, on: client, to: path)
            await slots.release(host)
            switch step {
            case .done(let result): return result
            case .redirect(let location):
                guard let next = URL(string: location, relativeTo: parsed)?.absoluteString else {
                    return .failure(MediaFetchFailure(.refusedScheme("unparsable"), url: location))
                }
                current = next
            }
        }
        return .failure(MediaFetchFailure(.tooManyRedirects(options.maximumRedirects), url: current))
    }

    /// The client for `host`: resolved, checked and pinned on its first request, and kept for the run, so a
    /// site's thousands of files cost one lookup, and every file of a host comes from the address checked.
    private func connection(to host: String) -> Result<HTTPClient, MediaFetchFailure.Reason> {
        if let known = clients.withLock({ $0[host] }) { return known }
        // Resolved outside the lock: a slow name server must not hold up the other hosts' files. Two first
        // requests to one host may both resolve it; the first address recorded is the one used.
        let address = Self.checkedAddress(of: host, options: options)
        return clients.withLock { clients in
            if let known = clients[host] { return known }
            let connection = address.map { Self.pinnedClient(for: host, at: $0, options: options) }
            clients[host] = connection
            return connection
        }
    }

    /// The first address of `host` the policy allows, or why there is none.
    private static func checkedAddress(of host: String, options: MediaFetchOptions) -> Result<String, MediaFetchFailure.Reason> {
        let addresses = HostResolver.addresses(of: host)
        guard let first = addresses.first else { return .failure(MediaFetchFailure.Reason.unresolvedHost(host)) }
        guard let address = addresses.first(where: { AddressPolicy.kind(of: $0).map(options.addresses.allows) == true }) else {
            let isPrivate = AddressPolicy.kind(of: first) == .privateNetwork
            return .failure(MediaFetchFailure.Reason.refusedAddress(host: host, address: first, isPrivate: isPrivate))
        }
        return .success(address)
    }

    /// A client that connects to `address` whatever `host` resolves to later.
    private static func pinnedClient(for host: String, at address: String, options: MediaFetchOptions) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: timeAmount(options.connectTimeout), read: timeAmount(options.readTimeout)),
            decompression: .disabled)
        configuration.dnsOverride = [host: address]
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    private enum Step {
        case done(Result<FetchedFile, MediaFetchFailure>)
        case redirect(String)
    }

    private func request(_ url: String, on client: HTTPClient, to path: String) async -> Step {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: options.userAgent)
        request.headers.add(name: "Accept", value: "*/*")
        func failed(_ reason: MediaFetchFailure.Reason) -> Step { .done(.failure(MediaFetchFailure(reason, url: url))) }
        do {
            // The read timeout bounds each wait for bytes; the deadline only stops a body that trickles forever.
            let response = try await client.execute(request, timeout: .minutes(30))
            let status = Int(response.status.code)
            if [301, 302, 303, 307, 308].contains(status), let location = response.headers.first(name: "Location") {
                return .redirect(location)
            }
            guard status == 200 else {
                var failure = MediaFetchFailure(.status(status), url: url)
                failure.retryAfter = response.headers.first(name: "Retry-After").flatMap(Self.retryAfter)
                return .done(.failure(failure))
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > options.maximumSize {
                return failed(.tooLarge(limit: options.maximumSize))
            }
            let contentType = response.headers.first(name: "Content-Type")
            if let contentType, Self.isHTML(contentType: contentType), !Self.isHTMLName(url) {
                return failed(.wrongType(contentType: contentType))
            }
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return failed(.cannotWrite(String(cString: strerror(errno)))) }
            defer { close(descriptor) }
            var hash = SHA256()
            var size = 0
            for try await buffer in response.body {
                if size == 0, Self.looksLikeHTML(buffer), !Self.isHTMLName(url) {
                    return failed(.wrongType(contentType: contentType ?? ""))
                }
                size += buffer.readableBytes
                guard size <= options.maximumSize else { return failed(.tooLarge(limit: options.maximumSize)) }
                let written = buffer.withUnsafeReadableBytes { bytes -> Bool in
                    hash.update(with: bytes)
                    return Self.writeAll(bytes, to: descriptor)
                }
                guard written else { return failed(.cannotWrite(String(cString: strerror(errno)))) }
            }
            return .done(.success(FetchedFile(
                finalURL: url, size: size, sha256: hash.finalize(), etag: response.headers.first(name: "ETag"),
                lastModified: response.headers.first(name: "Last-Modified"), contentType: contentType)))
        } catch let error as HTTPClientError {
            switch error {
            case .readTimeout, .connectTimeout, .deadlineExceeded: return failed(.timeout)
            default: return failed(.connection("\(error)"))
            }
        } catch {
            return failed(.connection("\(error)"))
        }
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    /// `Retry-After` as seconds or as an HTTP date.
    static func retryAfter(_ value: String) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return .seconds(max(0, Int(date.timeIntervalSinceNow.rounded(.up))))
    }

    private static func isHTML(contentType: String) -> Bool {
        let type = contentType.lowercased()
        return type.hasPrefix("text/html") || type.hasPrefix("application/xhtml")
    }

    private static func isHTMLName(_ url: String) -> Bool {
        let path = (URL(string: url)?.path ?? url).lowercased()
        return path.hasSuffix(".html") || path.hasSuffix(".htm") || path.hasSuffix("/")
    }

    /// An HTML page, whatever the server calls it: an error page served with 200 for an image.
    private static func looksLikeHTML(_ buffer: ByteBuffer) -> Bool {
        let head = buffer.withUnsafeReadableBytes { Array($0.prefix(64)) }
        var start = head.startIndex
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        while start < head.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(head[start]) { start += 1 }
        let text = String(decoding: head[start...], as: UTF8.self).lowercased()
        return text.hasPrefix("<!doctype html") || text.hasPrefix("<html") || text.hasPrefix("<head") || text.hasPrefix("<body")
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
