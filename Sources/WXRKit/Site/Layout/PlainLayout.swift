/// No generator in particular: one folder per post type (`post/`, `page/`, `<type>/`), comments beside each
/// file, the redirect maps in `wxr/`.
struct PlainLayout: SiteLayout {
    func postFile(name: String, day: String, isDraft: Bool) -> String { "post/\(name).md" }

    func pageFile(path: String) -> String { "page/\(path).md" }

    func customFile(section: String, name: String) -> String { "\(section)/\(name).md" }

    var menusFile: String { "menus.yaml" }
    var netlifyRedirectsFile: String { "wxr/_redirects" }
    var mediaFolder: String { "media" }
}
