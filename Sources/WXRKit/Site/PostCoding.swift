/// A compact binary form of a post, for posts put aside on disk (``PostSpool``): Codable's JSON spent more
/// time than converting some of them.
///
/// Integers are 64-bit little-endian, strings a length then UTF-8, optionals a flag byte first.
struct PostCoding {
    private(set) var bytes: [UInt8] = []

    init() {}

    mutating func write(_ post: Post) {
        write(Post.fields, of: post)
        write(post.terms.count)
        for term in post.terms {
            write(term.taxonomy)
            write(term.slug)
            write(term.name)
        }
        write(post.meta)
        write(post.comments.count)
        for comment in post.comments {
            write(Comment.fields, of: comment)
            write(comment.meta)
            write(comment.line)
        }
        write(post.line)
    }

    private mutating func write<Root>(_ fields: [ModelField<Root>], of root: Root) {
        for field in fields {
            switch field.access {
            case .text(let path): write(root[keyPath: path])
            case .optionalText(let path): write(root[keyPath: path])
            case .integer(let path): write(root[keyPath: path])
            case .optionalInteger(let path): write(root[keyPath: path])
            case .flag(let path): write(root[keyPath: path] ? 1 : 0)
            }
        }
    }

    mutating func write(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 }
    }

    mutating func write(_ value: Int?) {
        bytes.append(value == nil ? 0 : 1)
        if let value { write(value) }
    }

    mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes += text.utf8
    }

    mutating func write(_ text: String?) {
        bytes.append(text == nil ? 0 : 1)
        if let text { write(text) }
    }

    mutating func write(_ meta: [MetaEntry]) {
        write(meta.count)
        for entry in meta {
            write(entry.key)
            write(entry.value)
        }
    }
}

/// Reads what ``PostCoding`` wrote.
struct PostDecoding {
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func post() throws -> Post {
        var post = try read(Post.fields, into: Post())
        for _ in 0..<(try count()) {
            post.terms.append(PostTerm(taxonomy: try string(), slug: try optionalString(), name: try string()))
        }
        post.meta = try meta()
        for _ in 0..<(try count()) {
            var comment = try read(Comment.fields, into: Comment())
            comment.meta = try meta()
            comment.line = try integer()
            post.comments.append(comment)
        }
        post.line = try integer()
        return post
    }

    private mutating func read<Root>(_ fields: [ModelField<Root>], into root: Root) throws -> Root {
        var root = root
        for field in fields {
            switch field.access {
            case .text(let path): root[keyPath: path] = try string()
            case .optionalText(let path): root[keyPath: path] = try optionalString()
            case .integer(let path): root[keyPath: path] = try integer()
            case .optionalInteger(let path): root[keyPath: path] = try optionalInteger()
            case .flag(let path): root[keyPath: path] = try integer() == 1
            }
        }
        return root
    }

    mutating func integer() throws -> Int {
        guard position + 8 <= bytes.count else { throw Damaged() }
        var value: Int64 = 0
        for index in 0..<8 { value |= Int64(bytes[position + index]) << (8 * index) }
        position += 8
        return Int(value)
    }

    mutating func optionalInteger() throws -> Int? {
        try flag() ? try integer() : nil
    }

    mutating func string() throws -> String {
        let length = try count()
        guard position + length <= bytes.count else { throw Damaged() }
        defer { position += length }
        return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
    }

    mutating func optionalString() throws -> String? {
        try flag() ? try string() : nil
    }

    private mutating func count() throws -> Int {
        let value = try integer()
        guard value >= 0, value <= bytes.count else { throw Damaged() }
        return value
    }

    private mutating func flag() throws -> Bool {
        guard position < bytes.count else { throw Damaged() }
        defer { position += 1 }
        return bytes[position] == 1
    }

    private mutating func meta() throws -> [MetaEntry] {
        var entries: [MetaEntry] = []
        for _ in 0..<(try count()) { entries.append(MetaEntry(key: try string(), value: try string())) }
        return entries
    }
}
