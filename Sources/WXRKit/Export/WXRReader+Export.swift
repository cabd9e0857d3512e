extension WXRReader {
    /// Reads the whole export into `exporter`, finishing it at the end or abandoning it on failure.
    ///
    /// ```swift
    /// let exporter = try JSONExporter(output: .file(path: "site.json", replacing: false))
    /// let summary = try WXRReader(path: "export.xml").export(to: exporter)
    /// ```
    /// - Throws: ``ReadError`` from the reader or the exporter's own error; the output is abandoned then.
    @discardableResult
    public func export(to exporter: any Exporter) throws -> ExportSummary {
        var summary = ExportSummary()
        do {
            while let entity = try next() {
                switch entity {
                case .site(let site):
                    try exporter.begin(site: site)
                case .author(let author):
                    summary.authors += 1
                    try exporter.write(author: author)
                case .term(let term):
                    summary.terms += 1
                    try exporter.write(term: term)
                case .post(let post):
                    summary.posts += 1
                    summary.comments += post.comments.count
                    try exporter.write(post: post)
                }
            }
            summary.findings = findings
            try exporter.finish(findings: summary.findings)
        } catch {
            exporter.abandon()
            throw error
        }
        return summary
    }
}
