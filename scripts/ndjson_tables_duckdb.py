#!/usr/bin/env python3
"""Loads the tables of `wxr convert --to ndjson --split-by-kind` into DuckDB, as a user would, and checks them
against the independent reading of the same export (wxr_reference.py): row counts, column names, and joins of
comments, post meta and comment meta to their owners.

Usage:
  ndjson_tables_duckdb.py FOLDER INPUT.xml

Prints one line per check that differs, then "N differences" (exit 1), or "equal: ..." (exit 0). Exit 2 when
a file cannot be read, 3 when the duckdb module is missing (pip install duckdb).
"""
import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wxr_reference import read_wxr  # noqa: E402

try:
    import duckdb
except ImportError:
    print("the python duckdb module is missing (pip install duckdb)", file=sys.stderr)
    sys.exit(3)

TABLES = ("site", "authors", "terms", "posts", "comments", "postmeta", "commentmeta")


def columns(ref):
    """The keys each table's lines must have, in order: the JSON contract's, with the owners' keys added."""
    post = [k for k in next(iter(ref["posts"]), {}) if k not in ("meta", "comments", "line")]
    comment = [k for k in next((c for p in ref["posts"] for c in p["comments"]), {}) if k != "meta"]
    return {
        "site": list(ref["site"]),
        "authors": list(ref["authors"][0]) if ref["authors"] else [],
        "terms": list(ref["terms"][0]) if ref["terms"] else [],
        "posts": ["item"] + post + ["line"],
        "comments": ["entry", "post_item", "post_id"] + comment + ["line"],
        "postmeta": ["post_item", "post_id", "key", "value"],
        "commentmeta": ["comment_entry", "comment_id", "post_item", "post_id", "key", "value"],
    }


def expected(ref):
    posts = ref["posts"]
    comments = [(p, c) for p in posts for c in p["comments"]]
    ids = Counter(p["id"] for p in posts if p["id"] is not None)
    comment_keys = Counter((c["id"], p["id"]) for p, c in comments if c["id"] is not None and p["id"] is not None)
    counts = {"site": 1, "authors": len(ref["authors"]), "terms": len(ref["terms"]), "posts": len(posts),
              "comments": len(comments), "postmeta": sum(len(p["meta"]) for p in posts),
              "commentmeta": sum(len(c["meta"]) for _, c in comments)}
    return {
        **{f"rows in {name}.ndjson": count for name, count in counts.items()},
        # By position, every row finds its owner; by id, as many as share the owner's id (none when it has none).
        "comments joined to posts on post_item": counts["comments"],
        "comments joined to posts on post_id": sum(ids[p["id"]] for p, _ in comments if p["id"] is not None),
        "postmeta joined to posts on post_id": sum(ids[p["id"]] * len(p["meta"]) for p in posts if p["id"] is not None),
        "commentmeta joined to comments on comment_id and post_id":
            sum(comment_keys[(c["id"], p["id"])] * len(c["meta"]) for p, c in comments
                if c["id"] is not None and p["id"] is not None),
        "comments per post, in document order": [len(p["comments"]) for p in posts],
        "post meta keys per post, in document order": [sorted(m["key"] for m in p["meta"]) for p in posts],
        "comment meta rows per comment, in document order": [len(c["meta"]) for _, c in comments],
        "published posts with comments, by title": sorted(
            p["title"] for p in posts if p["status"] == "publish" and p["comments"] and p["title"] is not None),
    }


def actual(folder):
    db = duckdb.connect()
    for name in TABLES:
        path = os.path.join(folder, name + ".ndjson").replace("'", "''")
        db.execute(f"CREATE VIEW {name} AS SELECT * FROM read_json_auto('{path}')")

    def value(query):
        return db.execute(query).fetchone()[0]

    def column(query):
        return [row[0] for row in db.execute(query).fetchall()]

    return {
        **{f"rows in {name}.ndjson": value(f"SELECT count(*) FROM {name}") for name in TABLES},
        "comments joined to posts on post_item": value(
            "SELECT count(*) FROM comments JOIN posts ON comments.post_item = posts.item"),
        "comments joined to posts on post_id": value(
            "SELECT count(*) FROM comments JOIN posts ON comments.post_id = posts.id"),
        "postmeta joined to posts on post_id": value(
            "SELECT count(*) FROM postmeta JOIN posts ON postmeta.post_id = posts.id"),
        "commentmeta joined to comments on comment_id and post_id": value(
            "SELECT count(*) FROM commentmeta JOIN comments"
            " ON commentmeta.comment_id = comments.id AND commentmeta.post_id = comments.post_id"),
        "comments per post, in document order": column(
            "SELECT count(comments.entry) FROM posts LEFT JOIN comments ON comments.post_item = posts.item"
            " GROUP BY posts.item ORDER BY posts.item"),
        "post meta keys per post, in document order": [keys or [] for keys in column(
            "SELECT list(postmeta.key ORDER BY postmeta.key) FILTER (WHERE postmeta.key IS NOT NULL)"
            " FROM posts LEFT JOIN postmeta ON postmeta.post_item = posts.item GROUP BY posts.item ORDER BY posts.item")],
        "comment meta rows per comment, in document order": column(
            "SELECT count(commentmeta.comment_entry) FROM comments"
            " LEFT JOIN commentmeta ON commentmeta.comment_entry = comments.entry"
            " GROUP BY comments.entry ORDER BY comments.entry"),
        "published posts with comments, by title": sorted(column(
            "SELECT posts.title FROM posts WHERE posts.status = 'publish' AND posts.title IS NOT NULL"
            " AND EXISTS (SELECT 1 FROM comments WHERE comments.post_item = posts.item)")),
        **{f"columns of {name}.ndjson": column(f"SELECT column_name FROM (DESCRIBE {name})") for name in TABLES},
    }


def uniform(folder, name):
    """Whether every line of the file has the same keys in the same order; the first line's keys if so."""
    shapes = []
    with open(os.path.join(folder, name + ".ndjson"), encoding="utf-8") as f:
        for line in f:
            keys = list(json.loads(line))
            if keys not in shapes:
                shapes.append(keys)
    return shapes[0] if len(shapes) == 1 else f"{len(shapes)} different sets of keys"


def main(argv):
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    folder, input_path = argv
    ref = read_wxr(input_path)
    wanted = expected(ref)
    for name, keys in columns(ref).items():
        wanted[f"columns of {name}.ndjson"] = keys
        wanted[f"keys of every line of {name}.ndjson"] = keys
    got = actual(folder)
    for name in TABLES:
        got[f"keys of every line of {name}.ndjson"] = uniform(folder, name)
    differing = [name for name in wanted if got.get(name) != wanted[name]]
    for name in differing:
        shown = [json.dumps(v, ensure_ascii=False)[:200] for v in (got.get(name), wanted[name])]
        print(f"{name}: ours {shown[0]} | reference {shown[1]}")
    if differing:
        print(f"{len(differing)} differences")
        return 1
    print("equal: " + ", ".join(f"{wanted[f'rows in {name}.ndjson']} {name}" for name in TABLES))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
