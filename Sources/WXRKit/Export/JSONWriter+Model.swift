/// The JSON form of the model: the key names are a user-facing contract (see the README), listed once in
/// ``ModelField``.
extension JSONWriter {
    /// Writes the fields of `site` into the object that is open.
    public mutating func fields(of site: Site) {
        values(Site.fields, of: site)
    }

    public mutating func fields(of author: Author) {
        values(Author.fields, of: author)
    }

    public mutating func fields(of term: Term) {
        values(Term.fields, of: term)
        key("meta"); meta(term.meta)
    }

    public mutating func fields(of post: Post) {
        values(Post.fields, of: post)
        terms(of: post)
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
        values(Comment.fields, of: comment)
        key("meta"); meta(comment.meta)
    }

    /// The fields of `post` but its meta and comments, which tables of their own hold (``NDJSONTablesExporter``).
    mutating func rowFields(of post: Post) {
        values(Post.fields, of: post)
        terms(of: post)
        key("line"); value(post.line)
    }

    /// The fields of `comment` but its meta, which a table of its own holds.
    mutating func rowFields(of comment: Comment) {
        values(Comment.fields, of: comment)
        key("line"); value(comment.line)
    }

    private mutating func terms(of post: Post) {
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
    }

    private mutating func values<Root>(_ fields: [ModelField<Root>], of root: Root) {
        for field in fields {
            key(field.name)
            switch field.access {
            case .text(let path): value(root[keyPath: path])
            case .optionalText(let path): value(root[keyPath: path])
            case .integer(let path): value(root[keyPath: path])
            case .optionalInteger(let path): value(root[keyPath: path])
            case .flag(let path): value(root[keyPath: path])
            }
        }
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
