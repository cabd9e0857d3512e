/// Eleventy and Astro: content collections under `src/content/` (posts, pages, one folder per custom type),
/// comments beside each file, no redirect keys (the maps in `wxr/` do it), no starter site.
struct ContentCollectionLayout: SiteLayout {
    enum Generator: Sendable {
        case eleventy, astro
    }

    let generator: Generator

    func postFile(name: String, day: String, isDraft: Bool) -> String { "src/content/posts/\(name).md" }

    func pageFile(path: String) -> String { "src/content/pages/\(path).md" }

    func customFile(section: String, name: String) -> String { "src/content/\(section)/\(name).md" }

    var menusFile: String { generator == .eleventy ? "src/_data/menus.yaml" : "src/data/menus.yaml" }
    var netlifyRedirectsFile: String { "public/_redirects" }
    var mediaFolder: String { "public" }

    /// Neither generator reads a redirect key: the old URLs are in the maps.
    func addRedirects(from aliases: [String], to front: inout FrontMatter) {}

    /// Eleventy builds a URL from the file's path; every item says its own.
    func permalink(of job: SiteJob) -> String? { generator == .eleventy ? job.url : nil }
}
