/// A compact binary form of a post, for posts put aside on disk (``PostSpool``): Codable's JSON spent more
/// time than converting some of them.
///
/// Integers are 64-bit little-endian, strings a length then UTF-8, optionals a flag byte first.
struct PostCoding {
    private(set) var bytes: [UInt8] = []

    init() {}

    mutating func write(_ post: Post) {
        write(post.id)
        for text in [post.type, post.status, post.title, post.slug, post.link, post.guid, post.authorLogin, post.date, post.dateGMT,
                     post.modified, post.modifiedGMT, post.content, post.excerpt] {
            write(text)
        }
        write(post.parentID)
        write(post.menuOrder)
        for text in [post.commentStatus, post.pingStatus, post.password] { write(text) }
        write(post.isSticky ? 1 : 0)
        write(post.attachmentURL)
        write(post.terms.count)
        for term in post.terms {
            write(term.taxonomy)
            write(term.slug)
            write(term.name)
        }
        write(post.meta)
        write(post.comments.count)
        for comment in post.comments {
            write(comment.id)
            write(comment.parentID)
            for text in [comment.author, comment.authorEmail, comment.authorURL, comment.authorIP, comment.date, comment.dateGMT,
                         comment.content, comment.approved, comment.type] {
                write(text)
            }
            write(comment.userID)
            write(comment.meta)
            write(comment.line)
        }
        write(post.line)
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
        var post = Post()
        post.id = try optionalInteger()
        post.type = try optionalString()
        post.status = try optionalString()
        post.title = try optionalString()
        post.slug = try optionalString()
        post.link = try optionalString()
        post.guid = try optionalString()
        post.authorLogin = try optionalString()
        post.date = try optionalString()
        post.dateGMT = try optionalString()
        post.modified = try optionalString()
        post.modifiedGMT = try optionalString()
        post.content = try optionalString()
        post.excerpt = try optionalString()
        post.parentID = try optionalInteger()
        post.menuOrder = try integer()
        post.commentStatus = try optionalString()
        post.pingStatus = try optionalString()
        post.password = try optionalString()
        post.isSticky = try integer() == 1
        post.attachmentURL = try optionalString()
        for _ in 0..<(try count()) {
            post.terms.append(PostTerm(taxonomy: try string(), slug: try optionalString(), name: try string()))
        }
        post.meta = try meta()
        for _ in 0..<(try count()) {
            var comment = Comment()
            comment.id = try optionalInteger()
            comment.parentID = try optionalInteger()
            comment.author = try optionalString()
            comment.authorEmail = try optionalString()
            comment.authorURL = try optionalString()
            comment.authorIP = try optionalString()
            comment.date = try optionalString()
            comment.dateGMT = try optionalString()
            comment.content = try optionalString()
            comment.approved = try optionalString()
            comment.type = try optionalString()
            comment.userID = try optionalInteger()
            comment.meta = try meta()
            comment.line = try integer()
            post.comments.append(comment)
        }
        post.line = try integer()
        return post
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
