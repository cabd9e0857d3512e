import WXRKit

/// Plans a site's media from the entities on their way to a conversion's exporter (or to none, for `wxr media`
/// alone): the export is read once, whatever else is made of it.
final class MediaPlanRecorder: Exporter {
    private let inner: (any Exporter)?
    private let arguments: MediaArguments
    /// Complete once the export has been read.
    private(set) var plan: MediaPlan?

    init(passingTo inner: (any Exporter)?, arguments: MediaArguments) {
        self.inner = inner
        self.arguments = arguments
    }

    func write(_ entity: WXREntity) throws {
        switch entity {
        case .site(let site):
            plan = MediaPlan(site: site, extraHosts: arguments.extraHosts,
                             sizeVariants: arguments.mediaOriginals ? .originals : .asReferenced)
        case .post(let post): plan?.add(post)
        case .author, .term: break
        }
        try inner?.write(entity)
    }

    func begin(site: Site) throws { try write(.site(site)) }
    func write(author: Author) throws { try write(.author(author)) }
    func write(term: Term) throws { try write(.term(term)) }
    func write(post: Post) throws { try write(.post(post)) }

    func finish(findings: [Finding]) throws -> ExportOutcome {
        try inner?.finish(findings: findings) ?? ExportOutcome()
    }

    func abandon() {
        inner?.abandon()
    }

    var findsWhileWriting: Set<FindingCode> { inner?.findsWhileWriting ?? [] }
}
