#!/usr/bin/env python3
"""A loopback HTTP server for the media fetcher's tests and benchmark: real files and scripted misbehaviours.

    python3 scripts/media-test-server.py --port 0 [--root DIR] [--latency-ms N] [--host 127.0.0.1]
                                         [--exit-with-stdin] [--verbose]

Prints exactly one line, `READY <port>`, on standard output once it listens, then serves until SIGTERM or SIGINT.
HTTP/1.1 with keep-alive, one thread per connection. Python 3 standard library only.

--root DIR        files under DIR are served at their path (GET, HEAD), query ignored; Content-Type from the
                  extension, ETag and Last-Modified, 304 for If-None-Match / If-Modified-Since; 404 when missing,
                  403 for a path that leaves DIR (`..`, after percent-decoding, or a symlink out).
--latency-ms N    sleeps N ms before answering each request (not the /_test/ control endpoints below).
--exit-with-stdin exits when standard input closes, so a server started by a test dies with the test process.
--verbose         logs each request and each broken connection on standard error (quiet otherwise).

Scripted paths (independent of --root). <name> is any file name; its extension picks the body and Content-Type
(jpg, jpeg, png, gif, webp, pdf, mp4, mp3; anything else: bytes naming the file). Bodies are deterministic and
differ by name, so content hashes differ between names. <seconds> may be fractional.

  /_test/ok/<name>                       200, a small valid file (JPEG: FF D8 FF ..., 8x8 grey, a few hundred bytes)
  /_test/status/<code>/<name>            that status (100-599) with a short text body
  /_test/flaky/<key>/<n>/<name>          500 for the first n requests of <key>, then as /_test/ok/<name>
  /_test/throttle/<key>/<seconds>/<name> first request of <key>: 429 with Retry-After: <seconds>; then 200
  /_test/slow/<seconds>/<name>           headers and half the body, a stall of <seconds>, then the rest
  /_test/redirect/<n>/<name>             n 302s, each Location absolute (http://host:port/...), ending at
                                         /_test/ok/<name>; n = 0 answers as /_test/ok/<name>
  /_test/redirect-relative/<n>/<name>    the same with path-only Locations (/_test/...)
  /_test/redirect-to?location=<url>      302 to <url> as given (percent-decoded once), e.g. file:///etc/passwd;
                                         &status=301|303|307|308 picks another redirect status
  /_test/big/<megabytes>/<name>          200, Content-Length <megabytes> MiB, JPEG header then zeros, streamed
  /_test/big-chunked/<megabytes>/<name>  the same body without Content-Length, chunked (close-delimited for HTTP/1.0)
  /_test/big-close/<megabytes>/<name>    the same body without Content-Length, ended by closing the connection
  /_test/kill-after/<bytes>/<name>       Content-Length of <bytes> + 1024, writes <bytes> bytes, closes the connection
  /_test/html-for-image/<name>           200, Content-Type text/html, an HTML error page
  /_test/wrong-type/<name>               200, Content-Type from the extension (image/jpeg), an HTML body

Control endpoints (neither counted nor delayed):
  /_test/count              JSON {request target: number of requests} since start or the last reset; the key is the
                            target as received (path and query, still percent-encoded), keys sorted
  /_test/user-agents        JSON {request target: User-Agent of its last request}
  /_test/last-user-agent    text, the User-Agent of the last counted request (empty when none)
  /_test/reset              clears counts, user agents and the flaky and throttle state; answers 204
"""

import argparse
import email.utils
import json
import os
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CONTENT_TYPES = {
    # Our own table, not `mimetypes`: that one reads /etc/mime.types, so answers would differ between machines.
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".jpe": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif", ".heic": "image/heic", ".svg": "image/svg+xml",
    ".ico": "image/vnd.microsoft.icon", ".bmp": "image/bmp", ".tif": "image/tiff", ".tiff": "image/tiff",
    ".mp4": "video/mp4", ".m4v": "video/mp4", ".mov": "video/quicktime", ".webm": "video/webm",
    ".ogv": "video/ogg", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".wav": "audio/wav",
    ".flac": "audio/flac", ".pdf": "application/pdf", ".zip": "application/zip",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".json": "application/json", ".xml": "application/xml",
}
MEBIBYTE = 1024 * 1024
CHUNK = 64 * 1024
HTML_PAGE = (b"<!DOCTYPE html>\n<html><head><title>Not Found</title></head>\n"
             b"<body><h1>Not Found</h1><p>The requested image could not be found on this server.</p></body></html>\n")


def content_type(name):
    return CONTENT_TYPES.get(os.path.splitext(name)[1].lower(), "application/octet-stream")


# Bodies: small but structurally valid, so a fetcher may sniff or read dimensions; the name goes into a comment
# field so that two names never share a hash.

def padded_label(name, size=200):
    label = f"wxr media test server: {name} ".encode("utf-8")
    return (label * (size // len(label) + 1))[:max(size, len(label))]


def jpeg_header(name):
    label = padded_label(name)
    return (b"\xff\xd8"
            + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            + b"\xff\xfe" + struct.pack(">H", len(label) + 2) + label)


def jpeg(name):
    # Baseline, 8x8, one grey component. Each Huffman table holds one 1-bit code (DC: difference 0, AC: end of
    # block), so the whole scan is the bits 0 0 padded with ones: 0x3F.
    one_code = bytes([1] + [0] * 15) + b"\x00"
    return (jpeg_header(name)
            + b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
            + b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 8, 8, 1) + b"\x01\x11\x00"
            + b"\xff\xc4" + struct.pack(">H", 3 + len(one_code)) + b"\x00" + one_code
            + b"\xff\xc4" + struct.pack(">H", 3 + len(one_code)) + b"\x10" + one_code
            + b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x00\x00\x3f\x00"
            + b"\x3f"
            + b"\xff\xd9")


def png(name):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))        # 1x1, 8-bit grey
            + chunk(b"tEXt", b"Comment\x00" + padded_label(name))
            + chunk(b"IDAT", zlib.compress(b"\x00\x80"))                        # filter 0, one grey pixel
            + chunk(b"IEND", b""))


def gif(name):
    label = padded_label(name, 200)[:255]
    return (b"GIF89a" + struct.pack("<HH", 1, 1) + b"\x80\x00\x00" + b"\x80\x80\x80\x00\x00\x00"
            + b"\x21\xfe" + bytes([len(label)]) + label + b"\x00"
            + b"\x2c" + struct.pack("<HHHH", 0, 0, 1, 1) + b"\x00"
            + b"\x02\x02\x44\x01\x00"                                          # LZW: clear, pixel 0, end
            + b"\x3b")


def riff_webp(name):
    # A RIFF/WEBP container with the label in an EXIF-free custom chunk: enough for signature sniffing only.
    label = padded_label(name)
    body = b"WEBP" + b"wxrT" + struct.pack("<I", len(label)) + label
    return b"RIFF" + struct.pack("<I", len(body)) + body


def pdf(name):
    return (b"%PDF-1.4\n%" + padded_label(name) + b"\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def mp4(name):
    label = padded_label(name)
    return (struct.pack(">I", 24) + b"ftypisom" + struct.pack(">I", 512) + b"isomiso2"
            + struct.pack(">I", 8 + len(label)) + b"free" + label)


def mp3(name):
    label = padded_label(name)
    frame = b"COMM" + struct.pack(">I", len(label) + 4) + b"\x00\x00" + b"\x03eng" + label
    # ID3v2.3 sizes are "synchsafe": seven bits a byte.
    size = len(frame)
    synchsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3\x03\x00\x00" + synchsafe + frame + b"\xff\xfb\x90\x00" + bytes(413)


BODIES = {".jpg": jpeg, ".jpeg": jpeg, ".jpe": jpeg, ".png": png, ".gif": gif, ".webp": riff_webp, ".pdf": pdf,
          ".mp4": mp4, ".m4v": mp4, ".mp3": mp3}


def sample_body(name):
    make = BODIES.get(os.path.splitext(name)[1].lower())
    return make(name) if make else padded_label(name)


class State:
    """What the server remembers between requests, behind one lock: handlers run on many threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.counts = {}
            self.user_agents = {}
            self.last_user_agent = ""
            self.flaky = {}
            self.throttled = set()

    def record(self, target, user_agent):
        with self.lock:
            self.counts[target] = self.counts.get(target, 0) + 1
            self.user_agents[target] = user_agent
            self.last_user_agent = user_agent

    def next_flaky_attempt(self, key):
        with self.lock:
            self.flaky[key] = self.flaky.get(key, 0) + 1
            return self.flaky[key]

    def is_first_throttled(self, key):
        with self.lock:
            first = key not in self.throttled
            self.throttled.add(key)
            return first


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"            # keep-alive; every answer carries Content-Length or is chunked
    # Headers and body go out in separate writes: with Nagle's algorithm on, the body then waits for the client's
    # delayed ACK of the headers (up to 40 ms on Linux) on every answer of a kept-alive connection, as web
    # servers avoid by setting TCP_NODELAY.
    disable_nagle_algorithm = True
    server_version = "wxr-media-test-server"
    timeout = 60                             # an idle keep-alive connection frees its thread after a minute

    def version_string(self):
        return self.server_version

    def do_GET(self):
        self.answer(send_body=True)

    def do_HEAD(self):
        self.answer(send_body=False)

    def log_message(self, format, *args):
        if self.server.verbose:
            sys.stderr.write("%s %s\n" % (self.address_string(), format % args))

    # Routing

    def answer(self, send_body):
        self.send_body = send_body
        split = urllib.parse.urlsplit(self.path)
        path, query = split.path, urllib.parse.parse_qs(split.query)
        state = self.server.state
        control = {"/_test/count": self.count, "/_test/user-agents": self.user_agents,
                   "/_test/last-user-agent": self.last_user_agent, "/_test/reset": self.reset}
        if path in control:
            return control[path]()
        state.record(self.path, self.headers.get("User-Agent", ""))
        if self.server.latency > 0:
            time.sleep(self.server.latency)
        if path.startswith("/_test/"):
            return self.scripted(path[len("/_test/"):].split("/"), query)
        return self.file(path)

    def scripted(self, parts, query):
        kind, arguments = parts[0], parts[1:]
        routes = {"ok": (1, self.ok), "status": (2, self.status), "flaky": (3, self.flaky),
                  "throttle": (3, self.throttle), "slow": (2, self.slow), "redirect": (2, self.redirect),
                  "redirect-relative": (2, self.redirect_relative), "redirect-to": (0, self.redirect_to),
                  "big": (2, self.big), "big-chunked": (2, self.big_chunked), "big-close": (2, self.big_close),
                  "kill-after": (2, self.kill_after), "html-for-image": (1, self.html_for_image),
                  "wrong-type": (1, self.wrong_type)}
        route = routes.get(kind)
        if route is None or (route[0] > 0 and len(arguments) < route[0]):
            return self.text(404, "unknown test path; see the top of scripts/media-test-server.py\n")
        count, handler = route
        if count == 0:
            return handler(query)
        # The name may contain slashes: everything after the fixed arguments.
        fixed, name = arguments[:count - 1], urllib.parse.unquote("/".join(arguments[count - 1:]))
        try:
            return handler(*fixed, name)
        except ValueError as error:
            return self.text(400, f"bad test path: {error}\n")

    # Scripted behaviours

    def ok(self, name):
        self.bytes(200, content_type(name), sample_body(name))

    def status(self, code, name):
        code = int(code)
        if not 100 <= code <= 599:
            raise ValueError(f"status {code} is not 100-599")
        self.text(code, f"status {code} for {name}\n")

    def flaky(self, key, failures, name):
        if self.server.state.next_flaky_attempt(key) <= int(failures):
            return self.text(500, f"flaky {key}: failing on purpose\n")
        self.ok(name)

    def throttle(self, key, seconds, name):
        float(seconds)
        if self.server.state.is_first_throttled(key):
            return self.text(429, f"throttle {key}: retry after {seconds} s\n", {"Retry-After": seconds})
        self.ok(name)

    def slow(self, seconds, name):
        delay, body = float(seconds), sample_body(name)
        self.head(200, content_type(name), len(body))
        if not self.send_body:
            return
        half = len(body) // 2
        self.wfile.write(body[:half])
        self.wfile.flush()
        time.sleep(delay)
        self.wfile.write(body[half:])

    def redirect(self, count, name, absolute=True):
        count = int(count)
        if count <= 0:
            return self.ok(name)
        kind = "redirect" if absolute else "redirect-relative"
        quoted = urllib.parse.quote(name)
        target = f"/_test/{kind}/{count - 1}/{quoted}" if count > 1 else f"/_test/ok/{quoted}"
        if absolute:
            target = f"http://{self.headers.get('Host') or self.server.authority}{target}"
        self.text(302, f"redirect to {target}\n", {"Location": target})

    def redirect_relative(self, count, name):
        self.redirect(count, name, absolute=False)

    def redirect_to(self, query):
        location = query.get("location", [None])[0]
        status = int(query.get("status", ["302"])[0])
        if not location or status not in (301, 302, 303, 307, 308):
            return self.text(400, "redirect-to needs ?location=<url-encoded> and an optional status=30x\n")
        self.text(status, "redirect\n", {"Location": location})

    def big(self, megabytes, name, framing="length"):
        size = int(float(megabytes) * MEBIBYTE)
        header = jpeg_header(name)[:size]
        headers = {}
        if framing == "length":
            length = size
        elif framing == "chunked" and self.request_version == "HTTP/1.1":
            length, headers["Transfer-Encoding"] = None, "chunked"
        else:
            framing, length = "close", None
            self.close_connection = True
            headers["Connection"] = "close"
        self.head(200, content_type(name), length, headers)
        if not self.send_body:
            return
        write = self.write_chunk if framing == "chunked" else self.wfile.write
        write(header)
        zeros, left = bytes(CHUNK), size - len(header)
        while left > 0:
            step = min(left, CHUNK)
            write(zeros[:step])
            left -= step
        if framing == "chunked":
            self.wfile.write(b"0\r\n\r\n")

    def big_chunked(self, megabytes, name):
        self.big(megabytes, name, framing="chunked")

    def big_close(self, megabytes, name):
        self.big(megabytes, name, framing="close")

    def kill_after(self, count, name):
        sent = int(count)
        body = jpeg_header(name) + bytes(sent + 1024)
        self.head(200, content_type(name), sent + 1024)
        self.close_connection = True
        if not self.send_body:
            return
        self.wfile.write(body[:sent])
        self.wfile.flush()
        # FIN before the promised length: the client sees a premature end of body, not a reset that could
        # discard bytes it has not read yet.
        self.connection.shutdown(socket.SHUT_RDWR)

    def html_for_image(self, name):
        self.bytes(200, "text/html; charset=utf-8", HTML_PAGE)

    def wrong_type(self, name):
        self.bytes(200, content_type(name), HTML_PAGE)

    # Control endpoints

    def count(self):
        with self.server.state.lock:
            counts = dict(self.server.state.counts)
        self.json(counts)

    def user_agents(self):
        with self.server.state.lock:
            agents = dict(self.server.state.user_agents)
        self.json(agents)

    def last_user_agent(self):
        with self.server.state.lock:
            agent = self.server.state.last_user_agent
        self.bytes(200, "text/plain; charset=utf-8", agent.encode("utf-8"))

    def reset(self):
        self.server.state.reset()
        self.head(204, None, None)

    # Files under --root

    def file(self, path):
        root = self.server.root
        if root is None:
            return self.text(404, "no --root given\n")
        relative = urllib.parse.unquote(path)
        segments = relative.split("/")
        if ".." in segments or "\x00" in relative or "\\" in relative:
            return self.text(403, "path leaves the root\n")
        full = os.path.realpath(os.path.join(root, relative.lstrip("/")))
        if os.path.commonpath([root, full]) != root:             # a symlink pointing out of the root
            return self.text(403, "path leaves the root\n")
        if not os.path.isfile(full):
            return self.text(404, "not found\n")
        status = os.stat(full)
        etag = f'"{status.st_size:x}-{status.st_mtime_ns:x}"'
        last_modified = email.utils.formatdate(status.st_mtime, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": last_modified}
        if self.is_not_modified(etag, int(status.st_mtime)):
            return self.head(304, None, None, headers)
        self.head(200, content_type(full), status.st_size, headers)
        if self.send_body:
            with open(full, "rb") as handle:
                while block := handle.read(CHUNK):
                    self.wfile.write(block)

    def is_not_modified(self, etag, modified):
        if (match := self.headers.get("If-None-Match")) is not None:
            return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
        if (since := self.headers.get("If-Modified-Since")) is not None:
            try:
                return modified <= email.utils.parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    # Writing

    def head(self, status, kind, length, headers=None):
        """The status line and headers. `length` None: the caller frames the body (chunked or by closing)."""
        self.send_response(status)
        if kind is not None:
            self.send_header("Content-Type", kind)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def bytes(self, status, kind, body, headers=None):
        if status in (204, 304) or status < 200:                 # these may not carry a body
            return self.head(status, None, None, headers)
        self.head(status, kind, len(body), headers)
        if self.send_body:
            self.wfile.write(body)

    def text(self, status, message, headers=None):
        self.bytes(status, "text/plain; charset=utf-8", message.encode("utf-8"), headers)

    def json(self, value):
        self.bytes(200, "application/json", json.dumps(value, sort_keys=True).encode("utf-8"))

    def write_chunk(self, data):
        if data:
            self.wfile.write(b"%x\r\n" % len(data) + data + b"\r\n")


class Server(ThreadingHTTPServer):
    daemon_threads = True                    # a stalled /_test/slow/ answer must not hold up the exit
    request_queue_size = 256                 # the benchmark opens many connections at once

    def __init__(self, address, root, latency, verbose):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.root = os.path.realpath(root) if root else None
        self.latency = latency
        self.verbose = verbose
        self.state = State()
        host, port = self.server_address[:2]
        self.authority = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    def handle_error(self, request, client_address):
        # Clients hang up mid-body on purpose (size caps, timeouts): only worth a line when asked for.
        if self.verbose:
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description="Loopback HTTP server for wxr's media tests (see the file's top).")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (default)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--root", help="folder whose files are served at their path")
    parser.add_argument("--latency-ms", type=float, default=0, help="delay before each answer")
    parser.add_argument("--exit-with-stdin", action="store_true", help="exit when standard input closes")
    parser.add_argument("--verbose", action="store_true", help="log requests on standard error")
    options = parser.parse_args()
    if options.root and not os.path.isdir(options.root):
        parser.error(f"--root {options.root}: not a folder")

    server = Server((options.host, options.port), options.root, options.latency_ms / 1000, options.verbose)
    # Both unwind serve_forever in the main thread. SIGINT is set too: a shell starts background jobs with it ignored.
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: sys.exit(0))
    # A parent may start us with them blocked (a Swift test's Process does): then only SIGKILL would end us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    if options.exit_with_stdin:
        def watch_stdin():
            # os.read, not sys.stdin: a daemon thread holding stdin's buffer lock stalls the exit by a second.
            while os.read(sys.stdin.fileno(), 4096):
                pass
            os.kill(os.getpid(), signal.SIGTERM)
        threading.Thread(target=watch_stdin, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
