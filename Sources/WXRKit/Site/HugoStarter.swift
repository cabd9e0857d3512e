/// The configuration and minimal layouts with which `hugo` (0.111 and later) renders a Hugo site export as it is:
/// posts as page bundles in `content/posts/`, pages as folders (a page with children as a branch bundle),
/// custom post types in sections of their own, one `_index.md` per term, comments beside a post in
/// `comments.yaml` or in its front matter, menus in `data/menus.yaml`.
///
/// ```swift
/// for file in try HugoStarter.files(for: site) {
///     try file.contents.write(to: output.appending(path: file.path), atomically: true, encoding: .utf8)
/// }
/// ```
///
/// The layouts are plain semantic HTML with a small inline style sheet: no script, nothing fetched, meant to be
/// replaced by a theme.
public enum HugoStarter {
    /// The files to write, paths relative to the site folder, in a fixed order.
    ///
    /// - Throws: `StarterSite.InvalidName` when a section or taxonomy key cannot be a folder of its own.
    public static func files(for site: StarterSite) throws -> [(path: String, contents: String)] {
        try site.validateNames()
        return [("hugo.toml", configuration(for: site))] + layouts.map { ($0.path, $0.contents) }
    }

    /// `hugo.toml`: every value a TOML basic string, so a title can hold anything.
    static func configuration(for site: StarterSite) -> String {
        var lines = [
            "# Written by wxr. Replace the layouts with a theme when you like: `theme = \"...\"`.",
            "baseURL = \(tomlString(site.effectiveBaseURL))",
            "title = \(tomlString(site.title))",
            "languageCode = \(tomlString(site.effectiveLanguageCode))",
            "# URLs are folder names as they are (each post's `slug` is its folder's name): the redirects point there.",
            "disablePathToLower = true",
            "",
            "[params]",
            "description = \(tomlString(site.description))",
            // A parameter rather than Hugo's `paginate`, deprecated in 0.128 and an error from 0.140 on: the
            // layouts pass it to `.Paginate`, which takes a page size in 0.111 and since.
            "# Posts on each page of the home page, sections and terms; the rest on page/2/ and so on.",
            "posts_per_page = \(site.effectivePostsPerPage)",
        ]
        lines.append("# The taxonomies a post shows, in this order, with their labels.")
        for taxonomy in site.taxonomies {
            lines += [
                "[[params.taxonomies]]",
                "key = \(tomlString(taxonomy.key))",
                "label = \(tomlString(taxonomy.label))",
            ]
        }
        lines += ["", "[taxonomies]"]
        let singulars = singularNames(of: site.taxonomies)
        for (taxonomy, singular) in zip(site.taxonomies, singulars) {
            lines.append("\(tomlString(singular)) = \(tomlString(taxonomy.key))")
        }
        lines += [
            "",
            "# The Markdown holds raw HTML (embeds, tables WordPress wrote).",
            "[markup.goldmark.renderer]",
            "unsafe = true",
            "",
            "[services.rss]",
            "limit = 50",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// Hugo's singular name of each taxonomy: its WordPress name, but `tag` for `post_tag` when free.
    static func singularNames(of taxonomies: [StarterTaxonomy]) -> [String] {
        let wordpressNames = Set(taxonomies.map(\.wordpressName))
        return taxonomies.map { taxonomy in
            taxonomy.wordpressName == "post_tag" && !wordpressNames.contains("tag") ? "tag" : taxonomy.wordpressName
        }
    }

    /// `text` as a TOML basic string: quotes, backslashes and control characters escaped, the rest as it is.
    static func tomlString(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\u{08}": quoted += "\\b"
            case "\t": quoted += "\\t"
            case "\n": quoted += "\\n"
            case "\u{0C}": quoted += "\\f"
            case "\r": quoted += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// The layouts, the same for every site: what differs lives in `hugo.toml` and `data/`.
    static let layouts: [(path: String, contents: String)] = [
        ("layouts/_default/baseof.html", baseof),
        ("layouts/_default/single.html", single),
        ("layouts/_default/list.html", list),
        ("layouts/_default/terms.html", terms),
        ("layouts/_default/taxonomy.html", taxonomy),
        ("layouts/index.html", home),
        ("layouts/404.html", notFound),
        ("layouts/partials/entry.html", entryPartial),
        ("layouts/partials/entries.html", entriesPartial),
        ("layouts/partials/pagination.html", paginationPartial),
        ("layouts/partials/terms.html", termsPartial),
        ("layouts/partials/taxonomy-label.html", taxonomyLabelPartial),
        ("layouts/partials/comments.html", commentsPartial),
        ("layouts/partials/comment-list.html", commentListPartial),
        ("layouts/partials/menu.html", menuPartial),
        ("layouts/partials/menu-items.html", menuItemsPartial),
        ("layouts/partials/relative-url.html", relativeURLPartial),
    ]

    private static let baseof = StarterSite.page(
        language: #"{{ site.LanguageCode | default "en" }}"#,
        head: #"""
            {{- $title := .Title }}
            {{- if eq .Kind "taxonomy" }}{{ $title = partial "taxonomy-label.html" .Data.Plural }}{{ end }}
            <title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ $title }} · {{ site.Title }}{{ end }}</title>
            {{- with .Description | default site.Params.description }}
            <meta name="description" content="{{ . }}">
            {{- end }}
            {{- with .OutputFormats.Get "rss" }}
            <link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}" title="{{ site.Title }}">
            {{- end }}
            """#,
        home: #"{{ "" | relURL }}"#, siteTitle: "{{ site.Title }}", menu: #"{{- partial "menu.html" . }}"#,
        main: #"{{- block "main" . }}{{ end }}"#)

    private static let single = #"""
        {{ define "main" }}
        {{ partial "entry.html" . }}
        {{ end }}

        """#

    /// Sections, and pages that have children (branch bundles): those render as the page they are, children in
    /// WordPress's order (menu order as `weight`, then title; the sort is stable). Only sections are paginated:
    /// a page lists all its children, as WordPress's page menus do.
    private static let list = #"""
        {{ define "main" }}
        {{- if eq .Params.wp_type "page" }}
        {{ partial "entry.html" . }}
        {{- with sort .Pages.ByTitle "Weight" }}
        <nav class="children" aria-label="Pages in this section">
        <ul>
        {{- range . }}
        <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
        {{- end }}
        </ul>
        </nav>
        {{- end }}
        {{- else }}
        <h1>{{ .Title }}</h1>
        {{ .Content }}
        {{- $paginator := .Paginate .Pages.ByDate.Reverse site.Params.posts_per_page }}
        {{ partial "entries.html" $paginator.Pages }}
        {{- partial "pagination.html" $paginator }}
        {{- end }}
        {{ end }}

        """#

    /// The list of one taxonomy's terms (Hugo's kind "taxonomy"), titled from their term pages.
    private static let terms = #"""
        {{ define "main" }}
        <h1>{{ partial "taxonomy-label.html" .Data.Plural }}</h1>
        {{ .Content }}
        <ul class="entries">
        {{- range .Pages.ByTitle }}
        <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ len .Pages }})</li>
        {{- end }}
        </ul>
        {{ end }}

        """#

    /// One term's posts (Hugo's kind "term").
    private static let taxonomy = #"""
        {{ define "main" }}
        <h1>{{ .Title }}</h1>
        {{- with .Description }}
        <p>{{ . }}</p>
        {{- end }}
        {{ .Content }}
        {{- $paginator := .Paginate .Pages.ByDate.Reverse site.Params.posts_per_page }}
        {{ partial "entries.html" $paginator.Pages }}
        {{- partial "pagination.html" $paginator }}
        {{ end }}

        """#

    private static let home = #"""
        {{ define "main" }}
        {{- with site.Params.description }}
        <p>{{ . }}</p>
        {{- end }}
        {{ .Content }}
        {{- $paginator := .Paginate (where site.RegularPages "Section" "posts").ByDate.Reverse site.Params.posts_per_page }}
        {{- with $paginator.Pages }}
        <h2>Posts</h2>
        {{ partial "entries.html" . }}
        {{- end }}
        {{- partial "pagination.html" $paginator }}
        {{ end }}

        """#

    private static let notFound = #"""
        {{ define "main" }}
        <h1>Page not found</h1>
        <p><a href="{{ "" | relURL }}">Home page</a></p>
        {{ end }}

        """#

    private static let entryPartial = #"""
        <article>
        <header>
        <h1>{{ .Title }}</h1>
        {{- if and (ne .Params.wp_type "page") (not .Date.IsZero) }}
        <p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date | time.Format ":date_long" }}</time>
        {{- with .Params.author }} · {{ . }}{{ end }}</p>
        {{- end }}
        </header>
        {{- with .Params.featured_image }}
        <figure><img src="{{ partial "relative-url.html" . }}" alt=""></figure>
        {{- end }}
        {{ .Content }}
        {{- partial "terms.html" . }}
        {{- partial "comments.html" . }}
        </article>

        """#

    private static let entriesPartial = #"""
        <ul class="entries">
        {{- range . }}
        <li>{{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time> {{ end }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
        {{- end }}
        </ul>

        """#

    /// Links to the neighbouring pages of a paginated list, given its paginator; nothing when it has one page.
    /// Lists run newest first, so the previous page holds newer posts.
    private static let paginationPartial = #"""
        {{- if gt .TotalPages 1 }}
        <nav class="pagination" aria-label="Pages">
        {{- with .Prev }}
        <a href="{{ .URL }}" rel="prev">← Newer posts</a>
        {{- end }}
        <span>Page {{ .PageNumber }} of {{ .TotalPages }}</span>
        {{- with .Next }}
        <a href="{{ .URL }}" rel="next">Older posts →</a>
        {{- end }}
        </nav>
        {{- end }}

        """#

    /// A post's terms, linked and titled from their term pages (front matter lists them by slug).
    private static let termsPartial = #"""
        {{- $page := . }}
        {{- range site.Params.taxonomies }}
        {{- $label := .label }}
        {{- with $page.GetTerms .key }}
        <p class="terms">{{ $label }}:
        {{- range $index, $term := . }}{{ if $index }},{{ end }} <a href="{{ $term.RelPermalink }}">{{ $term.LinkTitle }}</a>{{ end }}</p>
        {{- end }}
        {{- end }}

        """#

    private static let taxonomyLabelPartial = #"""
        {{- $label := humanize . }}
        {{- range site.Params.taxonomies }}{{ if eq .key $ }}{{ $label = .label }}{{ end }}{{ end }}
        {{- return $label }}

        """#

    /// Comments from the front matter, else from the bundle's `comments.yaml`.
    private static let commentsPartial = #"""
        {{- $comments := .Params.comments }}
        {{- if not $comments }}
        {{- with .Resources.GetMatch "comments.yaml" }}{{ $comments = . | transform.Unmarshal }}{{ end }}
        {{- end }}
        {{- with $comments }}
        <section class="comments" id="comments">
        <h2>Comments</h2>
        {{ partial "comment-list.html" . }}
        </section>
        {{- end }}

        """#

    /// One list of comments, each reply list through this same partial. A commenter's link only when it is
    /// http(s): the address is theirs, not the site owner's.
    private static let commentListPartial = #"""
        <ol class="comment-list">
        {{- range . }}
        {{- $author := .author | default "Anonymous" }}
        {{- $kind := .type | default "comment" }}
        <li class="comment comment-{{ $kind }}"{{ with .id }} id="comment-{{ . }}"{{ end }}>
        <article>
        <p class="meta">
        {{- if eq $kind "pingback" }}Pingback from {{ else if eq $kind "trackback" }}Trackback from {{ end }}
        {{- $link := "" }}{{ with .author_url }}{{ if findRE `^(?i)https?://` . }}{{ $link = . }}{{ end }}{{ end }}
        {{- with $link }}<a href="{{ . }}" rel="nofollow ugc">{{ $author }}</a>{{ else }}<strong>{{ $author }}</strong>{{ end }}
        {{- with .date }} · <time datetime="{{ time.Format "2006-01-02T15:04:05Z07:00" . }}">{{ time.Format ":date_long" . }}</time>{{ end -}}
        </p>
        {{- with .content }}
        <div class="comment-content">
        {{ . | markdownify }}
        </div>
        {{- end }}
        </article>
        {{- with .replies }}
        {{ partial "comment-list.html" . }}
        {{- end }}
        </li>
        {{- end }}
        </ol>

        """#

    /// The header's menu from `data/menus.yaml` (keyed by menu slug): the first whose slug has the word
    /// `primary`, else `main`, `header` or `top`, else the first by slug. WordPress keeps which menu a theme
    /// shows where in the theme's settings, which an export leaves out. No menus: no nav, the title links home.
    private static let menuPartial = #"""
        {{- $menu := false }}
        {{- range slice "primary" "main" "header" "top" }}
        {{- $word := . }}
        {{- range $key, $candidate := site.Data.menus }}{{ if and (not $menu) (in (split $key "-") $word) }}{{ $menu = $candidate }}{{ end }}{{ end }}
        {{- end }}
        {{- range $key, $candidate := site.Data.menus }}{{ if not $menu }}{{ $menu = $candidate }}{{ end }}{{ end }}
        {{- with $menu }}
        <nav aria-label="{{ .name | default "Menu" }}">
        {{ partial "menu-items.html" (dict "items" .items "page" $) }}
        </nav>
        {{- end }}

        """#

    private static let menuItemsPartial = #"""
        <ul>
        {{- range .items }}
        {{- $url := partial "relative-url.html" .url }}
        <li><a href="{{ $url }}"{{ if eq $url $.page.RelPermalink }} aria-current="page"{{ end }}>{{ .title }}</a>
        {{- with .children }}
        {{ partial "menu-items.html" (dict "items" . "page" $.page) }}
        {{- end }}
        </li>
        {{- end }}
        </ul>

        """#

    /// A root-relative path (`/about/`) under the base URL's path; full URLs as they are. (`relURL` leaves a
    /// path with a leading slash alone, which breaks a site served from a subfolder.)
    private static let relativeURLPartial = #"""
        {{- $url := . | default "" }}
        {{- if and (hasPrefix $url "/") (not (hasPrefix $url "//")) }}{{ $url = strings.TrimPrefix "/" $url | relURL }}{{ end }}
        {{- return $url }}

        """#
}
