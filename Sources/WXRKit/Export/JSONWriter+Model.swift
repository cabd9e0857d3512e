/// The JSON form of the model: the key names are a user-facing contract (see the README).
extension JSONWriter {
    /// Writes the fields of `site` into the object that is open.
    public mutating func fields(of site: Site) {
        key("title"); value(site.title)
        key("link"); value(site.link)
        key("description"); value(site.description)
        key("language"); value(site.language)
        key("wxr_version"); value(site.wxrVersion)
        key("base_site_url"); value(site.baseSiteURL)
        key("base_blog_url"); value(site.baseBlogURL)
        key("generator"); value(site.generator)
        key("pub_date"); value(site.pubDate)
    }

    public mutating func fields(of author: Author) {
        key("id"); value(author.id)
        key("login"); value(author.login)
        key("email"); value(author.email)
        key("display_name"); value(author.displayName)
        key("first_name"); value(author.firstName)
        key("last_name"); value(author.lastName)
    }

    public mutating func fields(of term: Term) {
        key("id"); value(term.id)
        key("taxonomy"); value(term.taxonomy)
        key("slug"); value(term.slug)
        key("name"); value(term.name)
        key("parent_slug"); value(term.parentSlug)
        key("description"); value(term.description)
        key("meta"); meta(term.meta)
    }

    public mutating func fields(of post: Post) {
        key("id"); value(post.id)
        key("type"); value(post.type)
        key("status"); value(post.status)
        key("title"); value(post.title)
        key("slug"); value(post.slug)
        key("link"); value(post.link)
        key("guid"); value(post.guid)
        key("author_login"); value(post.authorLogin)
        key("date"); value(post.date)
        key("date_gmt"); value(post.dateGMT)
        key("modified"); value(post.modified)
        key("modified_gmt"); value(post.modifiedGMT)
        key("content"); value(post.content)
        key("excerpt"); value(post.excerpt)
        key("parent_id"); value(post.parentID)
        key("menu_order"); value(post.menuOrder)
        key("comment_status"); value(post.commentStatus)
        key("ping_status"); value(post.pingStatus)
        key("password"); value(post.password)
        key("sticky"); value(post.isSticky)
        key("attachment_url"); value(post.attachmentURL)
        key("terms")
        beginArray()
        for term in post.terms {
            beginObject()
            key("taxonomy"); value(term.taxonomy)
            key("slug"); value(term.slug)
            key("name"); value(term.name)
            endObject()
        }
        endArray()
        key("meta"); meta(post.meta)
        key("comments")
        beginArray()
        for comment in post.comments {
            beginObject()
            fields(of: comment)
            endObject()
        }
        endArray()
        key("line"); value(post.line)
    }

    public mutating func fields(of comment: Comment) {
        key("id"); value(comment.id)
        key("parent_id"); value(comment.parentID)
        key("author"); value(comment.author)
        key("author_email"); value(comment.authorEmail)
        key("author_url"); value(comment.authorURL)
        key("author_ip"); value(comment.authorIP)
        key("date"); value(comment.date)
        key("date_gmt"); value(comment.dateGMT)
        key("content"); value(comment.content)
        key("approved"); value(comment.approved)
        key("type"); value(comment.type)
        key("user_id"); value(comment.userID)
        key("meta"); meta(comment.meta)
    }

    private mutating func meta(_ entries: [MetaEntry]) {
        beginArray()
        for entry in entries {
            beginObject()
            key("key"); value(entry.key)
            key("value"); value(entry.value)
            endObject()
        }
        endArray()
    }
}
