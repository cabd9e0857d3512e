/// The SQL of the database `SQLiteExporter` writes: a user-facing contract, documented in the README.
enum SQLiteSchema {
    /// Tables, created before the load; no index yet, so that inserting stays cheap.
    static let tables = """
        CREATE TABLE site (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE authors (
            id INTEGER, login TEXT, email TEXT, display_name TEXT, first_name TEXT, last_name TEXT);
        CREATE TABLE terms (
            id INTEGER PRIMARY KEY,
            taxonomy TEXT NOT NULL, slug TEXT, name TEXT,
            parent_id INTEGER REFERENCES terms(id),
            parent_slug TEXT, description TEXT,
            wp_term_id INTEGER,
            declared INTEGER NOT NULL DEFAULT 1);
        CREATE TABLE termmeta (term_id INTEGER NOT NULL REFERENCES terms(id), key TEXT, value TEXT);
        CREATE TABLE posts (
            item INTEGER PRIMARY KEY,
            id INTEGER, type TEXT, status TEXT, title TEXT, slug TEXT, link TEXT, guid TEXT, author_login TEXT,
            date TEXT, date_gmt TEXT, modified TEXT, modified_gmt TEXT, content TEXT, excerpt TEXT,
            parent_id INTEGER, menu_order INTEGER NOT NULL DEFAULT 0, comment_status TEXT, ping_status TEXT,
            password TEXT, sticky INTEGER NOT NULL DEFAULT 0, attachment_url TEXT, line INTEGER);
        CREATE TABLE post_terms (
            post_item INTEGER NOT NULL REFERENCES posts(item), post_id INTEGER,
            term_id INTEGER NOT NULL REFERENCES terms(id),
            name TEXT);
        CREATE TABLE postmeta (
            post_item INTEGER NOT NULL REFERENCES posts(item), post_id INTEGER, key TEXT, value TEXT, value_json TEXT);
        CREATE TABLE comments (
            entry INTEGER PRIMARY KEY,
            post_item INTEGER NOT NULL REFERENCES posts(item), post_id INTEGER,
            id INTEGER, parent_id INTEGER, author TEXT, author_email TEXT, author_url TEXT, author_ip TEXT,
            date TEXT, date_gmt TEXT, content TEXT, approved TEXT, type TEXT, user_id INTEGER, line INTEGER);
        CREATE TABLE commentmeta (
            comment_entry INTEGER NOT NULL REFERENCES comments(entry), comment_id INTEGER, key TEXT, value TEXT,
            value_json TEXT);
        CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
        CREATE TABLE findings (
            code TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL, line INTEGER, column INTEGER,
            entity TEXT, entity_id INTEGER, action TEXT, hint TEXT);
        """

    /// Indexes, full-text search and views, built once the rows are in.
    static let finishing = """
        UPDATE terms SET parent_id = (
            SELECT parent.id FROM terms AS parent
            WHERE parent.taxonomy = terms.taxonomy AND parent.slug = terms.parent_slug
            ORDER BY parent.id LIMIT 1)
        WHERE parent_slug IS NOT NULL;
        CREATE INDEX authors_login ON authors(login);
        CREATE INDEX terms_taxonomy_slug ON terms(taxonomy, slug);
        CREATE INDEX terms_parent ON terms(parent_id);
        CREATE INDEX termmeta_term ON termmeta(term_id);
        CREATE INDEX posts_id ON posts(id);
        CREATE INDEX posts_type_status ON posts(type, status);
        CREATE INDEX posts_slug ON posts(slug);
        CREATE INDEX posts_parent ON posts(parent_id);
        CREATE INDEX post_terms_post ON post_terms(post_item);
        CREATE INDEX post_terms_term ON post_terms(term_id);
        CREATE INDEX postmeta_post ON postmeta(post_item);
        CREATE INDEX postmeta_key ON postmeta(key);
        CREATE INDEX comments_post ON comments(post_item);
        CREATE INDEX comments_id ON comments(id);
        CREATE INDEX comments_parent ON comments(parent_id);
        CREATE INDEX commentmeta_comment ON commentmeta(comment_entry);
        CREATE VIEW published_posts AS
            SELECT posts.*, authors.display_name AS author_name
            FROM posts LEFT JOIN authors ON authors.login = posts.author_login
            WHERE posts.status = 'publish' AND posts.type IN ('post', 'page');
        CREATE VIEW comment_threads AS
            WITH RECURSIVE thread(entry, post_item, comment_id, root_entry, depth, path) AS (
                SELECT entry, post_item, id, entry, 0, printf('%010d', entry) FROM comments
                WHERE parent_id IS NULL OR NOT EXISTS (
                    SELECT 1 FROM comments AS parent
                    WHERE parent.post_item = comments.post_item AND parent.id = comments.parent_id)
                UNION ALL
                SELECT child.entry, child.post_item, child.id, thread.root_entry, thread.depth + 1,
                       thread.path || '/' || printf('%010d', child.entry)
                FROM comments AS child
                JOIN thread ON child.post_item = thread.post_item AND child.parent_id = thread.comment_id
                WHERE thread.depth < 100)
            SELECT comments.*, thread.root_entry, thread.depth, thread.path
            FROM thread JOIN comments ON comments.entry = thread.entry;
        """
}
