#!/usr/bin/env python3
"""Independent reference reader for WordPress exports (WXR), used by the wxr test-suite.

The Swift reader and this script both implement the JSON contract of `wxr convert --to json`
(see the contract in the repository). This script is written separately, on Python's own
namespace-aware XML parser (expat), so that the tests can cross-check the two readings of the same
export field by field.

Usage:
  wxr_reference.py INPUT.xml                          print the reference JSON document
  wxr_reference.py --compare OURS.json INPUT.xml       compare the Swift JSON output with it
  wxr_reference.py --compare-ndjson OURS.ndjson INPUT.xml   same, for the NDJSON output
  wxr_reference.py --compare-tables FOLDER INPUT.xml   same, for `--to ndjson --split-by-kind`

Exit status: 0 on success (or equal), 1 when the comparison finds differences,
2 when a file cannot be read or INPUT is not well-formed XML.
"""
import json
import re
import sys
from functools import partial
from xml.parsers import expat

# --- Namespaces -------------------------------------------------------------------------------

WP_URI = re.compile(r"https?://wordpress\.org/export/1\.[0-9]+/")
EXCERPT_URI = re.compile(r"https?://wordpress\.org/export/1\.[0-9]+/excerpt/")
CONTENT_URI = "http://purl.org/rss/1.0/modules/content/"
DC_URI = "http://purl.org/dc/elements/1.1/"
ATOM_DECLARATION = b' xmlns:atom="http://www.w3.org/2005/Atom"'

RSS, WP, EXCERPT, CONTENT, DC = "rss", "wp", "excerpt", "content", "dc"


def namespace_kind(uri):
    """The namespace an element belongs to, by URI; None for any namespace the contract ignores."""
    if uri == "":
        return RSS
    if WP_URI.fullmatch(uri):
        return WP
    if EXCERPT_URI.fullmatch(uri):
        return EXCERPT
    if uri == CONTENT_URI:
        return CONTENT
    if uri == DC_URI:
        return DC
    return None


def split_name(name):
    """Split expat's "URI local" name (separator: space, which a local name cannot contain)."""
    uri, _, local = name.rpartition(" ")
    return namespace_kind(uri), local


# --- A small element tree, kept only for one channel child at a time ---------------------------

class Node:
    __slots__ = ("kind", "local", "attrs", "line", "content")

    def __init__(self, kind, local, attrs, line):
        self.kind = kind
        self.local = local
        self.attrs = attrs
        self.line = line
        self.content = []  # strings and child Nodes, in document order

    def is_(self, kind, local):
        return self.kind == kind and self.local == local


def children(node, kind, local):
    return [c for c in node.content if isinstance(c, Node) and c.is_(kind, local)]


def child(node, kind, local):
    for c in node.content:
        if isinstance(c, Node) and c.is_(kind, local):
            return c
    return None


def text_of(node):
    """All text and CDATA inside the element, nested elements included (iterative: no depth limit)."""
    parts, pending = [], [iter(node.content)]
    while pending:
        for item in pending[-1]:
            if isinstance(item, str):
                parts.append(item)
            else:
                pending.append(iter(item.content))
                break
        else:
            pending.pop()
    return "".join(parts)


def field(node, kind, local):
    """Text of the first direct child (kind, local); None when there is none."""
    c = child(node, kind, local)
    return None if c is None else text_of(c)


# --- Value parsing ----------------------------------------------------------------------------

XML_SPACE = "[ \t\r\n]*"
INT_RE = re.compile(XML_SPACE + r"([+-]?[0-9]+)" + XML_SPACE)
DATE_RE = re.compile(XML_SPACE + r"([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})"
                     + XML_SPACE)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
RFC822_RE = re.compile(
    XML_SPACE + r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), *)?([0-9]{1,2}) +(" + "|".join(MONTHS) + r") +"
    r"([0-9]{4}) +([0-9]{2}):([0-9]{2})(?::([0-9]{2}))? +([+-][0-9]{4}|GMT|UT|UTC|Z)" + XML_SPACE)
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1


def parse_int(text):
    """Decimal integer with optional sign and surrounding whitespace; None otherwise.

    Out of the 64-bit range counts as not an integer, since the Swift side stores an Int."""
    m = text is not None and INT_RE.fullmatch(text)
    if not m:
        return None
    value = int(m.group(1))
    return value if INT64_MIN <= value <= INT64_MAX else None


def parse_parent(text):
    value = parse_int(text)
    return None if value == 0 else value


def valid_clock(month, day, hour, minute, second):
    return 1 <= month <= 12 and 1 <= day <= 31 and hour <= 23 and minute <= 59 and second <= 59


def parse_date(text, utc):
    """"YYYY-MM-DD HH:MM:SS" as ISO 8601 (with "Z" when utc); None for anything else."""
    m = text is not None and DATE_RE.fullmatch(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.groups())
    if not valid_clock(month, day, hour, minute, second):
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    return iso + "Z" if utc else iso


def parse_rfc822(text):
    """RSS pubDate ("Tue, 01 Nov 2026 12:00:00 +0000") as ISO 8601; None when it does not parse."""
    m = text is not None and RFC822_RE.fullmatch(text)
    if not m:
        return None
    day, month_name, year, hour, minute, second, zone = m.groups()
    day, year, hour, minute = int(day), int(year), int(hour), int(minute)
    month = MONTHS.index(month_name) + 1
    second = int(second or 0)
    if not valid_clock(month, day, hour, minute, second):
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    if zone[0] not in "+-" or zone[1:] == "0000":
        return iso + "Z"
    zone_hours, zone_minutes = int(zone[1:3]), int(zone[3:5])
    if zone_hours > 23 or zone_minutes > 59:
        return None
    return f"{iso}{zone[0]}{zone[1:3]}:{zone[3:5]}"


# --- From element trees to contract objects ---------------------------------------------------

def read_meta(node, element):
    return [{"key": field(m, WP, "meta_key"), "value": field(m, WP, "meta_value")}
            for m in children(node, WP, element)]


def read_author(node):
    return {
        "id": parse_int(field(node, WP, "author_id")),
        "login": field(node, WP, "author_login"),
        "email": field(node, WP, "author_email"),
        "display_name": field(node, WP, "author_display_name"),
        "first_name": field(node, WP, "author_first_name"),
        "last_name": field(node, WP, "author_last_name"),
    }


def make_term(node, taxonomy, slug, name, parent, description):
    return {
        "id": parse_int(field(node, WP, "term_id")),
        "taxonomy": taxonomy,
        "slug": slug,
        "name": name,
        "parent_slug": parent or None,
        "description": description,
        "meta": read_meta(node, "termmeta"),
    }


def read_term(node):
    """A channel-level wp:category, wp:tag or wp:term."""
    f = partial(field, node, WP)  # f("term_slug"): text of the first wp:term_slug child
    if node.local == "category":
        return make_term(node, "category", f("category_nicename"), f("cat_name"),
                         f("category_parent"), f("category_description"))
    if node.local == "tag":
        return make_term(node, "post_tag", f("tag_slug"), f("tag_name"), None, f("tag_description"))
    return make_term(node, f("term_taxonomy"), f("term_slug"), f("term_name"),
                     f("term_parent"), f("term_description"))


def read_post_terms(item):
    terms = []
    for c in children(item, RSS, "category"):
        domain = c.attrs.get("domain")
        taxonomy = "category" if domain is None else ("post_tag" if domain == "tag" else domain)
        terms.append({"taxonomy": taxonomy, "slug": c.attrs.get("nicename"), "name": text_of(c)})
    # WXR 1.0 wrote each category twice, once without nicename: keep only the full one.
    full = {(t["taxonomy"], t["name"]) for t in terms if t["slug"] is not None}
    return [t for t in terms if t["slug"] is not None or (t["taxonomy"], t["name"]) not in full]


def read_comment(node):
    f = partial(field, node, WP)
    return {
        "id": parse_int(f("comment_id")),
        "parent_id": parse_parent(f("comment_parent")),
        "author": f("comment_author"),
        "author_email": f("comment_author_email"),
        "author_url": f("comment_author_url"),
        "author_ip": f("comment_author_IP"),
        "date": parse_date(f("comment_date"), utc=False),
        "date_gmt": parse_date(f("comment_date_gmt"), utc=True),
        "content": f("comment_content"),
        "approved": f("comment_approved"),
        "type": f("comment_type"),
        "user_id": parse_int(f("comment_user_id")),
        "meta": read_meta(node, "commentmeta"),
    }


def read_post(item):
    f = partial(field, item, WP)
    menu_order = parse_int(f("menu_order"))
    sticky = f("is_sticky")
    return {
        "id": parse_int(f("post_id")),
        "type": f("post_type"),
        "status": f("status"),
        "title": field(item, RSS, "title"),
        "slug": f("post_name"),
        "link": field(item, RSS, "link"),
        "guid": field(item, RSS, "guid"),
        "author_login": field(item, DC, "creator"),
        "date": parse_date(f("post_date"), utc=False),
        "date_gmt": parse_date(f("post_date_gmt"), utc=True),
        "modified": parse_date(f("post_modified"), utc=False),
        "modified_gmt": parse_date(f("post_modified_gmt"), utc=True),
        "content": field(item, CONTENT, "encoded"),
        "excerpt": field(item, EXCERPT, "encoded"),
        "parent_id": parse_parent(f("post_parent")),
        "menu_order": 0 if menu_order is None else menu_order,
        "comment_status": f("comment_status"),
        "ping_status": f("ping_status"),
        "password": f("post_password"),
        "sticky": sticky is not None and sticky.strip(" \t\r\n") == "1",
        "attachment_url": f("attachment_url"),
        "terms": read_post_terms(item),
        "meta": read_meta(item, "postmeta"),
        "comments": [read_comment(c) for c in children(item, WP, "comment")],
        "line": item.line,
    }


SITE_FIELDS = [  # (contract key, namespace, element)
    ("title", RSS, "title"), ("link", RSS, "link"), ("description", RSS, "description"),
    ("language", RSS, "language"), ("wxr_version", WP, "wxr_version"),
    ("base_site_url", WP, "base_site_url"), ("base_blog_url", WP, "base_blog_url"),
    ("generator", RSS, "generator"), ("pub_date", RSS, "pubDate"),
]
TERM_ELEMENTS = {"category", "tag", "term"}


class Document:
    """Collects the contract document from the channel's children, one at a time."""

    def __init__(self):
        self.site = {key: None for key, _, _ in SITE_FIELDS}
        self.site_seen = set()
        self.authors, self.terms, self.posts = [], [], []
        self.seen_item = False
        self.authors_from_creator = False
        self.creator_logins = set()

    def add(self, node):
        if node.kind == WP and node.local == "author":
            # Once items have begun without any wp:author, authors come from dc:creator only.
            if not self.authors_from_creator:
                self.authors.append(read_author(node))
        elif node.kind == WP and node.local in TERM_ELEMENTS:
            self.terms.append(read_term(node))
        elif node.is_(RSS, "item"):
            self.add_post(read_post(node))
        else:
            self.add_site_field(node)

    def add_post(self, post):
        if not self.seen_item:
            self.seen_item = True
            self.authors_from_creator = not self.authors
        login = post["author_login"]
        if self.authors_from_creator and login and login not in self.creator_logins:
            self.creator_logins.add(login)
            self.authors.append({"id": None, "login": login, "email": None,
                                 "display_name": None, "first_name": None, "last_name": None})
        self.posts.append(post)

    def add_site_field(self, node):
        for key, kind, local in SITE_FIELDS:
            if node.is_(kind, local) and key not in self.site_seen:
                self.site_seen.add(key)
                text = text_of(node)
                self.site[key] = parse_rfc822(text) if key == "pub_date" else text

    def as_dict(self):
        return {"site": self.site, "authors": self.authors, "terms": self.terms, "posts": self.posts}


# --- Parsing ------------------------------------------------------------------------------------

class Reader:
    """Expat handlers: builds a tree for each child of <rss><channel> and hands it to Document."""

    CHUNK = 1 << 20

    def __init__(self):
        self.doc = Document()
        self.stack = []  # open elements: (Node, keep) where keep = content is being recorded
        self.in_channel = False

    def parse(self, data):
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.buffer_size = 1 << 16
        parser.StartElementHandler = lambda name, attrs: self.start(parser, name, attrs)
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        for offset in range(0, len(data), self.CHUNK):
            parser.Parse(data[offset:offset + self.CHUNK], False)
        parser.Parse(b"", True)
        return self.doc.as_dict()

    def start(self, parser, name, attrs):
        kind, local = split_name(name)
        node = Node(kind, local, attrs, parser.CurrentLineNumber)
        depth = len(self.stack)
        if depth == 0:
            keep = False
        elif depth == 1:
            keep = False
            self.in_channel = self.stack[0][0].is_(RSS, "rss") and node.is_(RSS, "channel")
        elif depth == 2:
            # Elements of foreign namespaces are not WordPress fields: skip their subtree.
            keep = self.in_channel and kind is not None
        else:
            keep = self.stack[-1][1]
            if keep:
                self.stack[-1][0].content.append(node)
        self.stack.append((node, keep))

    def end(self, name):
        node, keep = self.stack.pop()
        if keep and len(self.stack) == 2:
            self.doc.add(node)

    def text(self, data):
        node, keep = self.stack[-1]
        if keep:
            node.content.append(data)


def is_unbound_prefix(error):
    return error.code == expat.errors.codes[expat.errors.XML_ERROR_UNBOUND_PREFIX]


def declare_atom(data):
    """The bytes with xmlns:atom added to the <rss> start tag; None when that cannot help."""
    m = re.search(rb"<rss(?=[\s/>])[^>]*", data)
    if m is None or b"xmlns:atom" in m.group(0) or not re.search(rb"<atom:[A-Za-z_]", data):
        return None
    return data[:m.start() + 4] + ATOM_DECLARATION + data[m.start() + 4:]


def read_wxr(path):
    """The contract document for the export at path; exits with status 2 when it cannot be read."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        fail(f"{path}: {e.strerror}")
    try:
        return Reader().parse(data)
    except expat.ExpatError as e:
        patched = declare_atom(data) if is_unbound_prefix(e) else None
        if patched is None:
            fail(f"{path}: not well-formed XML: {e}")
    # Old WordPress.com exports use atom: without declaring it; namespace-aware parsers refuse that.
    print(f"{path}: note: undeclared atom: prefix; retrying with xmlns:atom declared on <rss>",
          file=sys.stderr)
    try:
        return Reader().parse(patched)
    except expat.ExpatError as e:
        fail(f"{path}: not well-formed XML (even with xmlns:atom declared): {e}")


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(2)


# --- Comparison -----------------------------------------------------------------------------------

REDACTED_KEYS = {"email", "author_email", "author_ip"}
MAX_SHOWN = 50
MAX_VALUE = 120


def normalize_line_ends(value):
    """CRLF and lone CR as LF in every string: expat normalizes line ends, the Swift reader keeps them."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, list):
        return [normalize_line_ends(v) for v in value]
    if isinstance(value, dict):
        return {k: normalize_line_ends(v) for k, v in value.items()}
    return value


MISSING = object()


def show(value, key):
    """A value for the difference report, without personal data."""
    if value is MISSING:
        return "<missing>"
    if key in REDACTED_KEYS:
        return "<redacted>"
    # A whole object or list would carry names, e-mails and IPs of the real exports: summarize it.
    if isinstance(value, dict):
        return f"<object, id {value['id']}>" if "id" in value else "<object>"
    if isinstance(value, list):
        return f"<list of {len(value)}>"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE - 3] + "..."


def same(a, b):
    # type() check keeps true apart from 1 and 1 apart from 1.0, which == would equate.
    return type(a) is type(b) and a == b


def differences(ours, ref, path="", key=None):
    """Yield (path, key, ours, reference) for every differing leaf, in document order."""
    if isinstance(ours, dict) and isinstance(ref, dict):
        for k in list(ref) + [k for k in ours if k not in ref]:
            yield from differences(ours.get(k, MISSING), ref.get(k, MISSING),
                                   f"{path}.{k}" if path else k, k)
    elif isinstance(ours, list) and isinstance(ref, list):
        if len(ours) != len(ref):
            yield f"{path} (length)", None, len(ours), len(ref)
        for i in range(max(len(ours), len(ref))):
            yield from differences(ours[i] if i < len(ours) else MISSING,
                                   ref[i] if i < len(ref) else MISSING, f"{path}[{i}]", None)
    elif not same(ours, ref):
        yield path, key, ours, ref


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{path}: cannot read JSON: {e}")


def load_ndjson(path):
    """Reassemble the NDJSON form (site, author, term, post lines) into the document form."""
    doc = {"site": None, "authors": [], "terms": [], "posts": []}
    lists = {"author": "authors", "term": "terms", "post": "posts"}
    try:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                obj = json.loads(line)
                kind = obj.pop("kind", None) if isinstance(obj, dict) else None
                if kind == "site":
                    doc["site"] = obj
                elif kind in lists:
                    doc[lists[kind]].append(obj)
                else:
                    fail(f"{path}:{number}: line without a known \"kind\"")
    except (OSError, ValueError) as e:
        fail(f"{path}: cannot read NDJSON: {e}")
    return doc


def read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        fail(f"{path}: cannot read NDJSON: {e}")


def load_tables(folder):
    """Reassemble the NDJSON tables into the document form: meta and comments back under their post and
    comment, by position (item, entry), so that shared or missing ids cannot misplace them."""
    table = {name: read_lines(f"{folder}/{name}.ndjson")
             for name in ("site", "authors", "terms", "posts", "comments", "postmeta", "commentmeta")}
    posts = {}
    for row in table["posts"]:
        posts[row.pop("item")] = row
        row["meta"], row["comments"] = [], []
    def owner(row, name, number):
        post = posts[row["post_item"]]
        if row.get("post_id", MISSING) != post["id"]:
            fail(f"{name}.ndjson:{number}: post_id {row['post_id']}, but item {row['post_item']} has id {post['id']}")
        return post
    comments = {}
    for number, row in enumerate(table["comments"], 1):
        owner(row, "comments", number)["comments"].append(row)
        comments[row.pop("entry")] = row
        for key in ("post_item", "post_id", "line"):
            del row[key]
        row["meta"] = []
    for number, row in enumerate(table["postmeta"], 1):
        owner(row, "postmeta", number)["meta"].append({"key": row["key"], "value": row["value"]})
    for number, row in enumerate(table["commentmeta"], 1):
        owner(row, "commentmeta", number)
        comment = comments[row["comment_entry"]]
        if row.get("comment_id", MISSING) != comment["id"]:
            fail(f"commentmeta.ndjson:{number}: comment_id {row['comment_id']}, but entry {row['comment_entry']} has id {comment['id']}")
        comment["meta"].append({"key": row["key"], "value": row["value"]})
    return {"site": table["site"][0] if table["site"] else None, "authors": table["authors"],
            "terms": table["terms"], "posts": list(posts.values())}


def compare(ours, input_path):
    ref = normalize_line_ends(read_wxr(input_path))
    ours = normalize_line_ends(ours)
    count = 0
    for path, key, a, b in differences(ours, ref):
        count += 1
        if count <= MAX_SHOWN:
            print(f"{path}: ours {show(a, key)} | reference {show(b, key)}")
    if count:
        if count > MAX_SHOWN:
            print(f"... {count - MAX_SHOWN} more not shown")
        print(f"{count} differences")
        return 1
    comments = sum(len(p["comments"]) for p in ref["posts"])
    print(f"equal: {len(ref['authors'])} authors, {len(ref['terms'])} terms, "
          f"{len(ref['posts'])} posts, {comments} comments")
    return 0


def main(argv):
    sys.stdout.reconfigure(encoding="utf-8")
    if len(argv) == 1 and not argv[0].startswith("-"):
        json.dump(read_wxr(argv[0]), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if len(argv) == 3 and argv[0] == "--compare":
        return compare(load_json(argv[1]), argv[2])
    if len(argv) == 3 and argv[0] == "--compare-ndjson":
        return compare(load_ndjson(argv[1]), argv[2])
    if len(argv) == 3 and argv[0] == "--compare-tables":
        return compare(load_tables(argv[1]), argv[2])
    print(__doc__.split("\n\n")[2], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
