/// Where one post goes and what it needs; what a worker converts.
struct SiteJob: Spoolable {
    var post: Post
    var kind: Kind
    var isDraft: Bool
    var file: String
    var url: String
    var commentsFile: String?
    var aliases: [String]

    enum Kind: Int {
        case post, page, custom
    }

    init(post: Post, kind: Kind, isDraft: Bool, file: String, url: String, commentsFile: String?, aliases: [String]) {
        self.post = post
        self.kind = kind
        self.isDraft = isDraft
        self.file = file
        self.url = url
        self.commentsFile = commentsFile
        self.aliases = aliases
    }

    func spooled() -> [UInt8] {
        var coding = PostCoding()
        coding.write(post)
        coding.write(kind.rawValue)
        coding.write(isDraft ? 1 : 0)
        coding.write(file)
        coding.write(url)
        coding.write(commentsFile)
        coding.write(aliases.count)
        for alias in aliases { coding.write(alias) }
        return coding.bytes
    }

    init(spooled bytes: [UInt8]) throws {
        var decoding = PostDecoding(bytes)
        post = try decoding.post()
        kind = Kind(rawValue: try decoding.integer()) ?? .post
        isDraft = try decoding.integer() == 1
        file = try decoding.string()
        url = try decoding.string()
        commentsFile = try decoding.optionalString()
        aliases = try (0..<max(0, try decoding.integer())).map { _ in try decoding.string() }
    }
}
