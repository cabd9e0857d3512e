import Foundation
import Yams

/// The configuration and minimal layouts with which `jekyll build` (4.3, with jekyll-redirect-from and
/// jekyll-paginate) renders a Jekyll site export as it is: posts in `_posts/` with their own permalinks, pages as
/// `<path>/index.md`, custom post types as collections `_<section>/`, term pages at `<taxonomy>/<slug>/index.md`,
/// comments in the front matter or in `_data/comments/<wp_id>.yml`, menus in `_data/menus.yml`.
///
/// ```swift
/// for file in try JekyllStarter.files(for: site) {
///     try file.contents.write(to: output.appending(path: file.path), atomically: true, encoding: .utf8)
/// }
/// ```
///
/// The layouts are plain semantic HTML with a small inline style sheet: no script, nothing fetched, meant to be
/// replaced by a theme.
public enum JekyllStarter {
    /// The files to write, paths relative to the site folder, in a fixed order.
    ///
    /// - Throws: `StarterSite.InvalidName` when a section cannot be a Jekyll collection; `YamlError` when the
    ///   configuration cannot be written (it always can).
    public static func files(for site: StarterSite) throws -> [(path: String, contents: String)] {
        try site.validateNames()
        for section in site.sections { try validateCollectionName(section) }
        return [("_config.yml", try configuration(for: site))] + layouts.map { ($0.path, $0.contents) }
    }

    /// Folders Jekyll keeps for itself: a collection `_data` would be read as data.
    private static let reservedFolders: Set<String> = ["posts", "drafts", "data", "layouts", "includes", "site", "sass", "plugins"]

    /// Jekyll drops every character of a collection's name but ASCII letters, digits, `_`, `-` and `.`.
    static func validateCollectionName(_ section: String) throws(StarterSite.InvalidName) {
        let allowed = section.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "_-.".unicodeScalars.contains($0))
        }
        guard allowed else {
            throw StarterSite.InvalidName(role: "section", name: section,
                                          reason: "a Jekyll collection name holds only ASCII letters, digits, _ - and .")
        }
        guard !reservedFolders.contains(section.lowercased()) else {
            throw StarterSite.InvalidName(role: "section", name: section, reason: "Jekyll keeps the folder _\(section) for itself")
        }
    }

    /// `_config.yml`, built as a YAML node so any title survives.
    static func configuration(for site: StarterSite) throws -> String {
        let (url, baseurl) = urlAndBaseURL(of: site.baseURL)
        let collections = site.sections.map { section -> (Node, Node) in
            // `:path` is the file's name as it is; `:name` would be slugified again (`a_b` → `a-b`).
            (string(section), mapping([("output", Node.scalar(true.represented())), ("permalink", string("/\(section)/:path/"))]))
        }
        var defaults: [Node] = [
            layoutDefault(forType: "posts", layout: "post"),
            layoutDefault(forType: "pages", layout: "page"),
        ]
        defaults += site.sections.map { layoutDefault(forType: $0, layout: "post") }
        let taxonomies = site.taxonomies.map { taxonomy in
            mapping([("key", string(taxonomy.key)), ("label", string(taxonomy.label)),
                     ("wordpress_name", string(taxonomy.wordpressName))])
        }
        var pairs: [(String, Node)] = [
            ("title", string(site.title)),
            ("description", string(site.description)),
        ]
        if !url.isEmpty { pairs.append(("url", string(url))) }
        pairs += [
            ("baseurl", string(baseurl)),
            ("lang", string(site.effectiveLanguageCode)),
            ("permalink", "pretty"),
            ("markdown", "kramdown"),
            ("kramdown", mapping([("input", "GFM"), ("hard_wrap", Node.scalar(false.represented()))])),
            ("plugins", Node([string("jekyll-redirect-from"), string("jekyll-paginate")])),
            // jekyll-paginate pages the home page's posts only. `page` is a name no exported page may take at
            // the root, so `/page/2/` (WordPress's own address for it) cannot stand where a page does.
            ("paginate", Node.scalar(site.effectivePostsPerPage.represented())),
            ("paginate_path", string("/page/:num/")),
            ("include", Node([string("_redirects")])),
            ("exclude", Node(["wxr", "Gemfile", "Gemfile.lock", "node_modules", "vendor"].map { string($0) })),
        ]
        if !collections.isEmpty { pairs.append(("collections", Node(collections))) }
        pairs += [
            ("defaults", Node(defaults)),
            ("taxonomies", Node(taxonomies)),
        ]
        let yaml = try FrontMatter.serialize(mapping(pairs))
        return "# Written by wxr. `taxonomies` lists what a post shows, in this order, with the labels.\n" + yaml
    }

    /// Jekyll's `url` (scheme and host) and `baseurl` (the path, without its last slash) of a base URL.
    static func urlAndBaseURL(of baseURL: String) -> (url: String, baseurl: String) {
        let trimmed = baseURL.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed) else { return ("", "") }
        var url = ""
        if let scheme = components.scheme, let host = components.percentEncodedHost, !host.isEmpty {
            url = "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        if !path.isEmpty, !path.hasPrefix("/") { path = "/" + path }
        return (url, path)
    }

    private static func layoutDefault(forType type: String, layout: String) -> Node {
        mapping([
            ("scope", mapping([("path", string("")), ("type", string(type))])),
            ("values", mapping([("layout", string(layout))])),
        ])
    }

    /// A string YAML reads back as a string: quoted when it would pass for a number, a boolean or null.
    private static func string(_ text: String) -> Node { .scalar(text.represented()) }

    private static func mapping(_ pairs: [(String, Node)]) -> Node {
        Node(pairs.map { (string($0.0), $0.1) })
    }

    /// The layouts, the same for every site: what differs lives in `_config.yml` and `_data/`.
    static let layouts: [(path: String, contents: String)] = [
        ("_layouts/default.html", defaultLayout),
        ("_layouts/post.html", postLayout),
        ("_layouts/page.html", pageLayout),
        ("_layouts/term.html", termLayout),
        ("_includes/entries.html", entriesInclude),
        ("_includes/pagination.html", paginationInclude),
        ("_includes/terms.html", termsInclude),
        ("_includes/comments.html", commentsInclude),
        ("_includes/menu.html", menuInclude),
        ("index.html", home),
        ("404.html", notFound),
    ]

    private static let defaultLayout = StarterSite.page(
        language: #"{{ page.lang | default: site.lang | default: "en" }}"#,
        head: """
            <title>{% if page.title %}{{ page.title | escape }} · {% endif %}{{ site.title | escape }}</title>
            {%- assign description = page.description | default: site.description %}
            {%- if description %}
            <meta name="description" content="{{ description | strip_html | strip_newlines | escape }}">
            {%- endif %}
            """,
        home: #"{{ "/" | relative_url }}"#, siteTitle: "{{ site.title | escape }}", menu: "{%- include menu.html %}",
        main: "{{ content }}")

    private static let postLayout = articleLayout(
        header: #"""
            <p class="meta"><time datetime="{{ page.date | date_to_xmlschema }}">{{ page.date | date: "%B %-d, %Y" }}</time>
            {%- if page.author %} · {{ page.author | escape }}{% endif %}</p>
            """#,
        includes: ["terms.html", "comments.html"])

    private static let pageLayout = articleLayout(header: nil, includes: ["comments.html"])

    /// A post's or a page's layout: the title, what `header` adds below it, the featured image, the content,
    /// then the includes.
    private static func articleLayout(header: String?, includes: [String]) -> String {
        var lines = ["---", "layout: default", "---", "<article>", "<header>", "<h1>{{ page.title | escape }}</h1>"]
        if let header { lines.append(header) }
        lines += [
            "</header>", "{%- if page.image %}", #"<figure><img src="{{ page.image | relative_url }}" alt=""></figure>"#,
            "{%- endif %}", "{{ content }}",
        ]
        lines += includes.map { "{%- include \($0) %}" }
        lines.append("</article>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every document (posts and collection items) whose `taxonomy_key` field lists this term, newest first;
    /// `where` matches one item of a list and caches, so it stays fast over thousands of posts.
    private static let termLayout = #"""
        ---
        layout: default
        ---
        <h1>{{ page.title | escape }}</h1>
        {%- if page.description %}
        <p>{{ page.description | escape }}</p>
        {%- endif %}
        {{ content }}
        {%- assign entries = site.documents | where: page.taxonomy_key, page.term | sort: "date" | reverse %}
        {%- include entries.html entries=entries %}

        """#

    /// The pagination template: jekyll-paginate renders it again at `/page/2/`... with the next posts.
    private static let home = #"""
        ---
        layout: default
        ---
        {%- if site.description %}
        <p>{{ site.description | escape }}</p>
        {%- endif %}
        {%- if paginator.posts.size > 0 %}
        <h2>Posts</h2>
        {%- include entries.html entries=paginator.posts %}
        {%- endif %}
        {%- include pagination.html %}

        """#

    private static let notFound = #"""
        ---
        layout: default
        title: Page not found
        permalink: /404.html
        ---
        <h1>Page not found</h1>
        <p><a href="{{ "/" | relative_url }}">Home page</a></p>

        """#

    private static let entriesInclude = #"""

        <ul class="entries">
        {%- for entry in include.entries %}
        <li><time datetime="{{ entry.date | date: "%Y-%m-%d" }}">{{ entry.date | date: "%Y-%m-%d" }}</time> <a href="{{ entry.url | relative_url }}">{{ entry.title | escape }}</a></li>
        {%- endfor %}
        </ul>

        """#

    /// Links to the neighbouring pages of the home page's posts; nothing when they fit on one. Posts run newest
    /// first, so the previous page holds newer posts.
    private static let paginationInclude = #"""
        {%- if paginator.total_pages > 1 %}
        <nav class="pagination" aria-label="Pages">
        {%- if paginator.previous_page %}
        <a href="{{ paginator.previous_page_path | relative_url }}" rel="prev">← Newer posts</a>
        {%- endif %}
        <span>Page {{ paginator.page }} of {{ paginator.total_pages }}</span>
        {%- if paginator.next_page %}
        <a href="{{ paginator.next_page_path | relative_url }}" rel="next">Older posts →</a>
        {%- endif %}
        </nav>
        {%- endif %}

        """#

    /// A post's terms by name, linked to the term page that names the same term of the same taxonomy.
    /// `find` stops at the first page with the name (a third of the time `where` takes over 2,000 posts);
    /// only a name two taxonomies share takes the longer way.
    private static let termsInclude = #"""
        {%- for taxonomy in site.taxonomies %}
        {%- assign term_names = page[taxonomy.key] %}
        {%- if term_names and term_names.size > 0 %}
        <p class="terms">{{ taxonomy.label | escape }}:
        {%- for term_name in term_names %}
        {%- assign term_page = site.pages | find: "term", term_name %}
        {%- if term_page and term_page.taxonomy_key != taxonomy.key %}
        {%- assign term_page = site.pages | where: "taxonomy_key", taxonomy.key | find: "term", term_name %}
        {%- endif %}
        {%- unless forloop.first %},{% endunless %} {% if term_page %}<a href="{{ term_page.url | relative_url }}">{{ term_name | escape }}</a>{% else %}{{ term_name | escape }}{% endif %}
        {%- endfor %}</p>
        {%- endif %}
        {%- endfor %}

        """#

    /// Without `comments=`: the page's comments (front matter, else `_data/comments/<wp_id>.yml`) in a section.
    /// With it: that list, each reply list through this same include. A commenter's link only when it is
    /// http(s): the address is theirs, not the site owner's.
    private static let commentsInclude = #"""
        {%- if include.comments %}
        <ol class="comment-list">
        {%- for comment in include.comments %}
        {%- assign comment_kind = comment.type | default: "comment" %}
        {%- assign comment_author = comment.author | default: "Anonymous" %}
        <li class="comment comment-{{ comment_kind }}"{% if comment.id %} id="comment-{{ comment.id }}"{% endif %}>
        <article>
        <p class="meta">
        {%- if comment_kind == "pingback" %}Pingback from {% elsif comment_kind == "trackback" %}Trackback from {% endif %}
        {%- assign comment_scheme = comment.author_url | downcase | split: "://" | first %}
        {%- if comment_scheme == "http" or comment_scheme == "https" %}<a href="{{ comment.author_url | escape }}" rel="nofollow ugc">{{ comment_author | escape }}</a>{% else %}<strong>{{ comment_author | escape }}</strong>{% endif %}
        {%- if comment.date %} · <time datetime="{{ comment.date | date_to_xmlschema }}">{{ comment.date | date: "%B %-d, %Y" }}</time>{% endif -%}
        </p>
        {%- if comment.content %}
        <div class="comment-content">
        {{ comment.content | markdownify }}
        </div>
        {%- endif %}
        </article>
        {%- if comment.replies %}
        {% include comments.html comments=comment.replies %}
        {%- endif %}
        </li>
        {%- endfor %}
        </ol>
        {%- else %}
        {%- assign page_comments = page.comments %}
        {%- unless page_comments %}
        {%- assign comments_key = page.wp_id | append: "" %}
        {%- assign page_comments = site.data.comments[comments_key] %}
        {%- endunless %}
        {%- if page_comments and page_comments.size > 0 %}
        <section class="comments" id="comments">
        <h2>Comments</h2>
        {% include comments.html comments=page_comments %}
        </section>
        {%- endif %}
        {%- endif %}

        """#

    /// Without `items=`: the header's menu from `_data/menus.yml` (keys are menu slugs): the first whose slug has
    /// the word `primary`, else `main`, `header` or `top`, else the first by slug. WordPress keeps which menu a
    /// theme shows where in the theme's settings, which an export leaves out. With `items=`: those items, nested
    /// through this same include.
    private static let menuInclude = #"""
        {%- if include.items %}
        <ul>
        {%- for item in include.items %}
        <li><a href="{{ item.url | relative_url }}"{% if item.url == page.url %} aria-current="page"{% endif %}>{{ item.title | escape }}</a>
        {%- if item.children %}
        {% include menu.html items=item.children %}
        {%- endif %}
        </li>
        {%- endfor %}
        </ul>
        {%- elsif site.data.menus %}
        {%- assign menus = site.data.menus | sort %}
        {%- assign header_menu = nil %}
        {%- assign preferred_words = "primary main header top" | split: " " %}
        {%- for word in preferred_words %}
        {%- for pair in menus %}
        {%- assign slug_words = pair[0] | split: "-" %}
        {%- if header_menu == nil and slug_words contains word %}{% assign header_menu = pair[1] %}{% endif %}
        {%- endfor %}
        {%- endfor %}
        {%- if header_menu == nil %}{% assign first_menu = menus | first %}{% assign header_menu = first_menu[1] %}{% endif %}
        <nav aria-label="{{ header_menu.name | default: "Menu" | escape }}">
        {% include menu.html items=header_menu.items %}
        </nav>
        {%- endif %}

        """#
}
