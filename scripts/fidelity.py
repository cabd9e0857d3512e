#!/usr/bin/env python3
"""Fidelity check of `wxr render --to markdown`: does the Markdown show what WordPress showed?

For every item `wxr render EXPORT --all --to markdown` renders, this script computes on its own what
WordPress would display for the item's content (as HTML), renders the engine's Markdown with
`cmark-gfm -e table --unsafe` (plain `cmark` when that is all there is), and compares the two as a reader sees them.

Usage:
  fidelity.py EXPORT.xml [--wxr PATH] [--min PERCENT] [--json REPORT.json] [--show N] [--jobs N]
              [--batch N]

  --wxr PATH      the wxr binary (default: .build/release/wxr, then .build/debug/wxr, from the
                  repository root)
  --min PERCENT   pass rate required for exit status 0 (default 100)
  --json FILE     write the full result, every checked item, as JSON
  --show N        failing items to print (default 10)
  --jobs N        worker processes (default: the number of CPUs)
  --batch N       posts per cmark run (default 64; 1 = one run per post)

Exit status: 0 when the pass rate is at least --min, 1 when below, 2 when the export, the binary or
cmark cannot be run or read, 64 for a usage error.

What "expected" means (the HTML WordPress displays, offline):
  - Gutenberg: block comments removed, the saved HTML of each block kept. Self-closing blocks
    (latest-posts, archives, search...) and the dynamic containers (post and comment templates,
    pagination, query-no-results, navigation) show nothing checkable and are dropped (the static
    blocks inside core/query and core/comments are kept); core/block {"ref":N} shows wp_block N;
    core/footnotes shows the post's `footnotes` meta as a list; core/embed and core-embed/* show a
    link to the URL whose text is the URL, plus their figcaption. Text outside blocks (freeform)
    is treated as classic content.
  - Classic content: wpautop (blank lines make paragraphs, single newlines <br />, block-level
    elements unwrapped, <pre>/<script>/<style> untouched). No wptexturize or smilies: typography is
    the site generator's business, and the source characters are what is compared.
  - A URL alone on its line (classic) or alone in a <p>: oEmbed, shown as a link (text = URL); a
    URL to an audio or video file: a player.
  - Shortcodes, WordPress syntax ([x a="1" b='2' c=3 pos], [x /], [x]...[/x], [[x]] = literal [x]):
    caption/wp_caption = figure with the image and the caption text; gallery = images of the ids
    (or include) attachments, src = attachment_url, no text; without ids: the image attachments whose
    parent is the post (or the `id` attribute), by menu_order then id; embed = link, text = URL;
    audio/video/playlist = a player (src from src, then mp3/mp4/... attributes, then a positional
    URL, then the post's first attached audio/video); code, sourcecode, source, the SyntaxHighlighter
    language aliases ([php]...[/php]) and CodeColorer ([cc], [cce lang=...], [ccnle_php]): the
    content as code, its character references decoded once unless a `<` or `>` stands outside a tag
    (the visual editor stores code escaped; a raw `a < b` means it was typed as code), tags shown
    literally. Every other shortcode stays as text.
  - Code plugins' HTML: <pre lang="php"> (WP-Syntax) and <code lang="php"> (CodeColorer): the same
    rule (always decoded once with escaped="true").

How the two sides are compared (both go through the same HTML reading):
  text        visible text equal after decoding entities and collapsing whitespace; script, style,
              comments, attribute values and image alt are invisible; a media player (audio,
              video, iframe, embed, object) reads as its URL, so a player and a link whose text
              is the URL compare equal.
  links       every expected link href, image src and player URL present in ours, as a multiset:
              a link given twice and kept once is a lost link. Images must stay images, links
              links; a player's URL may be a link or a player.
  paragraphs  the number of text blocks (runs of text between block boundaries or <br>, one per
              line inside <pre>) is not lower than expected: merged paragraphs and lost line
              breaks are what users of converters complain about most.
  code        every <pre> (except verse) has an equal code block in ours, line by line.
  leftovers   in the Markdown: no block comment and no more known shortcodes outside code than
              expected, no raw HTML paragraph (inline, or a block that is a <p>), every raw HTML block
              balanced on its own.
"""
import argparse
import html
import json
import multiprocessing
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ElementTree
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import unquote

sys.dont_write_bytecode = True   # importing the sibling script must not leave __pycache__ in the checkout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wxr_reference  # noqa: E402  (the sibling script; its path is added just above)

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BINARIES = [".build/release/wxr", ".build/debug/wxr"]
EXIT_PASS, EXIT_BELOW, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2, 64

NOT_RENDERED_TYPES = {
    "attachment", "nav_menu_item", "revision", "custom_css", "customize_changeset", "oembed_cache",
    "wp_global_styles", "wp_template", "wp_template_part", "wp_navigation", "wp_font_family",
    "wp_font_face", "user_request",
}

# --- Export context: what content refers to outside itself ------------------------------------

IMAGE_EXTENSIONS = {"jpg", "jpeg", "jpe", "png", "gif", "webp", "bmp", "svg", "avif", "tif", "tiff",
                    "ico", "heic"}
AUDIO_EXTENSIONS = ["mp3", "ogg", "flac", "m4a", "wav", "wma"]
VIDEO_EXTENSIONS = ["mp4", "m4v", "webm", "ogv", "wmv", "flv"]


def extension(url):
    path = (url or "").split("?", 1)[0].split("#", 1)[0]
    return path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""


class ExportContext:
    """Attachments, their parents and reusable blocks: what galleries, media and core/block need."""

    def __init__(self, posts):
        self.attachment_url = {}       # attachment id -> attachment_url (first item with the id wins)
        self.children = {}             # parent id -> [(menu_order, id, url)]
        self.reusable_blocks = {}      # wp_block id -> content
        for post in posts:
            post_id = post["id"]
            if post["type"] == "attachment" and post_id is not None and post["attachment_url"]:
                self.attachment_url.setdefault(post_id, post["attachment_url"])
                if post["parent_id"] is not None:
                    entry = (post["menu_order"], post_id, post["attachment_url"])
                    self.children.setdefault(post["parent_id"], []).append(entry)
            elif post["type"] == "wp_block" and post_id is not None:
                self.reusable_blocks.setdefault(post_id, post["content"] or "")
        for entries in self.children.values():
            entries.sort()

    def attached_urls(self, parent_id, extensions):
        return [url for _, _, url in self.children.get(parent_id, []) if extension(url) in extensions]


class PostContext:
    """What rendering one post needs besides its content."""

    def __init__(self, post_id, footnotes):
        self.post_id = post_id
        self.footnotes = footnotes     # the `footnotes` meta (JSON text) or None
        self.code = []                 # code shortcodes taken out before wpautop, as HTML
        self.block_depth = 0           # reusable blocks being expanded (guards against ref loops)


def footnotes_meta(post):
    for entry in post["meta"] or []:
        if entry["key"] == "footnotes" and entry["value"]:
            return entry["value"]
    return None


# --- Shortcodes: finding them -------------------------------------------------------------------

class Shortcode:
    __slots__ = ("name", "attributes", "content", "start", "end", "is_escaped")

    def __init__(self, name, attributes, content, start, end, is_escaped):
        self.name, self.attributes, self.content = name, attributes, content
        self.start, self.end, self.is_escaped = start, end, is_escaped


SHORTCODE_OPENING = re.compile(r"\[([\w-]+)")


def find_shortcodes(text, is_known):
    """Yield the shortcodes whose name passes is_known, left to right, outermost only.

    start/end cover the escaping brackets of [[x]] too, so replacing text[start:end] is enough.
    """
    position = 0
    while True:
        m = SHORTCODE_OPENING.search(text, position)
        if m is None:
            return
        name = m.group(1)
        tag_end = text.find("]", m.end())
        if not is_known(name) or tag_end < 0:
            position = m.start() + 1
            continue
        attribute_text = text[m.end():tag_end]
        is_self_closing = attribute_text.endswith("/")
        if is_self_closing:
            attribute_text = attribute_text[:-1]
        end, content = tag_end + 1, None
        if not is_self_closing:
            closing = text.find("[/" + name + "]", end)
            if closing >= 0:
                content, end = text[end:closing], closing + len(name) + 3
        start = m.start()
        is_escaped = start > 0 and text[start - 1] == "[" and text[end:end + 1] == "]"
        if is_escaped:
            start, end = start - 1, end + 1
        yield Shortcode(name, parse_attributes(attribute_text), content, start, end, is_escaped)
        position = end


ATTRIBUTE_NAME = re.compile(r"([\w-]+)\s*=\s*")
QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")
UNQUOTED = re.compile(r"\S*")


def parse_attributes(text):
    """Shortcode attributes: named ones by lower-case name, positional ones under 0, 1, ..."""
    text = text.replace("\u00a0", " ").replace("\u200b", " ")
    attributes, position, positional = {}, 0, 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return attributes
        named = ATTRIBUTE_NAME.match(text, position)
        key = None
        if named:
            key, position = named.group(1).lower(), named.end()
        quoted = QUOTED.match(text, position)
        if quoted:
            value = quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
            position = quoted.end()
        else:
            bare = UNQUOTED.match(text, position)
            value, position = bare.group(0), bare.end()
        if key is None:
            key, positional = positional, positional + 1
        attributes[key] = value


def shortcode_source(text, shortcode):
    """The literal text an escaped shortcode displays: [[x]] shows as [x]."""
    return text[shortcode.start + 1:shortcode.end - 1]


def replace_shortcodes(text, is_known, render):
    """text with every known shortcode replaced by render(shortcode); escaped ones shown literally."""
    parts, position = [], 0
    for shortcode in find_shortcodes(text, is_known):
        parts.append(text[position:shortcode.start])
        if shortcode.is_escaped:
            parts.append(shortcode_source(text, shortcode))
        else:
            parts.append(render(shortcode))
        position = shortcode.end
    parts.append(text[position:])
    return "".join(parts)


# --- Shortcodes: what they display --------------------------------------------------------------

SYNTAXHIGHLIGHTER_NAMES = set("""
    code sourcecode source as3 actionscript3 applescript bash shell sh coldfusion cf clojure clj cpp c
    c-sharp csharp css delphi pas pascal diff patch erl erlang fsharp go golang groovy haskell java
    jfx javafx js jscript javascript latex tex matlab matlabkey objc obj-c perl pl php plain text ps
    powershell py python r splus rails rb ror ruby scala sql swift vb vbnet xml xhtml xslt html yaml
    yml""".split())
CODECOLORER_NAME = re.compile(r"cc[a-zA-Z]{0,5}(?:_[\w+#-]+)?")
MEDIA_NAMES = {"caption", "wp_caption", "gallery", "audio", "video", "playlist"}
KNOWN_SHORTCODES = SYNTAXHIGHLIGHTER_NAMES | MEDIA_NAMES | {"embed"}


def is_code_shortcode(name):
    return name in SYNTAXHIGHLIGHTER_NAMES or CODECOLORER_NAME.fullmatch(name) is not None


def is_known_shortcode(name):
    return name in KNOWN_SHORTCODES or is_code_shortcode(name)


LANG_CODE_ELEMENT = re.compile(r"<(pre|code)\s[^>]*?\blang\s*=[^>]*>(.*?)</\1>", re.S | re.I)


def code_placeholder(code, element, context):
    context.code.append(f"<{element}>{html.escape(code, quote=False)}</{element}>")
    return f'<{element} data-fidelity-code="{len(context.code) - 1}"></{element}>'


def take_out_code(text, context):
    """Code blocks of code plugins become placeholders before anything else touches them.

    Code plugins take their code out before wpautop so that it keeps its lines; the placeholder
    is an empty <pre>, which wpautop leaves alone, and is filled in at the very end. WP-Syntax's
    <pre lang="php"> and CodeColorer's <code lang="php"> (a block when it spans lines) and code
    shortcodes hold code as it was typed: escaped once by the visual editor (`a &lt; b`, perhaps
    with its own <p> and <br />: decoded once), or raw from the text editor, where a `<` or `>`
    outside any tag shows it is raw (kept literally). escaped="true" always decodes.
    """
    def typed_code(body):
        outside_tags = re.sub(r"</?[A-Za-z][^<>]*>", "", body)
        return body if "<" in outside_tags or ">" in outside_tags else html.unescape(body)

    def lang_element(m):
        start_tag = m.group(0)[:m.start(2) - m.start()]
        is_escaped = re.search(r"\bescaped\s*=\s*[\"']?true", start_tag, re.I)
        code = html.unescape(m.group(2)) if is_escaped else typed_code(m.group(2))
        is_block = m.group(1).lower() == "pre" or "\n" in code.strip()
        return code_placeholder(code, "pre" if is_block else "code", context)

    def shortcode(found):
        if found.content is None:
            # Only a shortcode that encloses code is code: a lone [source] is a citation.
            return text_before_code[found.start:found.end]
        is_inline = found.name.startswith("cc") and "i" in found.name.split("_")[0][2:]
        return code_placeholder(typed_code(found.content), "code" if is_inline else "pre", context)
    text_before_code = LANG_CODE_ELEMENT.sub(lang_element, text)
    return replace_shortcodes(text_before_code, is_code_shortcode, shortcode)


CODE_PLACEHOLDER = re.compile(r'<(pre|code) data-fidelity-code="(\d+)"></\1>')


def put_back_code(text, context):
    return CODE_PLACEHOLDER.sub(lambda m: context.code[int(m.group(2))], text)


def link_html(url):
    url = url.strip()
    escaped = html.escape(url)
    return f'<a href="{escaped}">{escaped}</a>'


def player_html(url, kind):
    return f'<{kind} src="{html.escape(url.strip())}"></{kind}>'


def embed_html(url):
    """An oEmbed, offline: a player for media files, a link (text = URL) for anything else."""
    kind = media_kind(url)
    return player_html(url, kind) if kind else link_html(url)


def media_kind(url):
    ext = extension(url)
    return "audio" if ext in AUDIO_EXTENSIONS else "video" if ext in VIDEO_EXTENSIONS else None


def render_embed_shortcode(shortcode):
    url = (shortcode.content or shortcode.attributes.get("src") or "").strip()
    return embed_html(url) if url else ""


CAPTIONED_IMAGE = re.compile(r"\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)", re.S | re.I)


def render_caption(shortcode, expand):
    content = expand(shortcode.content or "")
    caption = shortcode.attributes.get("caption")
    media = content
    if not caption:
        m = CAPTIONED_IMAGE.match(content)
        if m:
            media, caption = m.group(1), m.group(2).strip()
    width = re.match(r"\s*(\d+)", shortcode.attributes.get("width", ""))
    # WordPress shows the content alone when the caption is empty or the width is missing.
    if not caption or width is None or int(width.group(1)) < 1:
        return content
    return f'<figure class="wp-caption">{media}<figcaption>{caption}</figcaption></figure>'


def id_list(text):
    return [int(part) for part in re.findall(r"\d+", text or "")]


def render_gallery(shortcode, post, export):
    attributes = shortcode.attributes
    ids = id_list(attributes.get("ids") or attributes.get("include"))
    if ids:
        urls = [export.attachment_url[i] for i in ids if i in export.attachment_url]
        urls = [url for url in urls if extension(url) in IMAGE_EXTENSIONS]
    else:
        parent = id_list(attributes.get("id"))
        excluded = set(id_list(attributes.get("exclude")))
        parent_id = parent[0] if parent else post.post_id
        urls = [url for _, attachment_id, url in export.children.get(parent_id, [])
                if attachment_id not in excluded and extension(url) in IMAGE_EXTENSIONS]
    images = "".join(f'<img src="{html.escape(url)}" alt="">' for url in urls)
    return f'<div class="gallery">{images}</div>'


def render_media(shortcode, kind, post, export):
    """[audio] and [video]: a player for the first source WordPress would pick."""
    extensions = AUDIO_EXTENSIONS if kind == "audio" else VIDEO_EXTENSIONS
    attributes = shortcode.attributes
    for key in ["src"] + extensions:
        if attributes.get(key, "").strip():
            return player_html(attributes[key], kind)
    positional = attributes.get(0, "").strip()
    if re.match(r"https?://", positional):
        return player_html(positional, kind)
    attached = export.attached_urls(post.post_id, extensions)
    return player_html(attached[0], kind) if attached else ""


def render_playlist(shortcode, post, export):
    kind = "video" if shortcode.attributes.get("type") == "video" else "audio"
    extensions = AUDIO_EXTENSIONS if kind == "audio" else VIDEO_EXTENSIONS
    ids = id_list(shortcode.attributes.get("ids") or shortcode.attributes.get("include"))
    if ids:
        urls = [export.attachment_url[i] for i in ids if i in export.attachment_url]
    else:
        urls = export.attached_urls(post.post_id, extensions)
    return "".join(player_html(url, kind) for url in urls if extension(url) in extensions)


def expand_shortcodes(text, post, export):
    """do_shortcode for the shortcodes WordPress core registers (embed and code ran earlier)."""
    def expand(inner):
        return replace_shortcodes(inner, MEDIA_NAMES.__contains__, render)

    def render(shortcode):
        name = shortcode.name
        if name in ("caption", "wp_caption"):
            return render_caption(shortcode, expand)
        if name == "gallery":
            return render_gallery(shortcode, post, export)
        if name in ("audio", "video"):
            return render_media(shortcode, name, post, export)
        return render_playlist(shortcode, post, export)
    return expand(text)


# --- wpautop --------------------------------------------------------------------------------------

# Elements wpautop treats as blocks: never wrapped in <p>, always on a paragraph of their own.
AUTOP_BLOCKS = ("(?:table|thead|tfoot|tbody|caption|colgroup|col|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|"
                "form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|"
                "article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)")
BLOCK_OPENING = re.compile(r"(<" + AUTOP_BLOCKS + r"[\s/>])", re.I)
BLOCK_CLOSING = re.compile(r"(</" + AUTOP_BLOCKS + r">)", re.I)
BLOCK_TAG = "</?" + AUTOP_BLOCKS + r"(?:[\s/][^>]*)?>"
PRE_ELEMENT = re.compile(r"<pre[\s>].*?</pre>", re.S | re.I)
TAG_OR_COMMENT = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.S)
RAW_NEWLINE_ELEMENT = re.compile(r"<(script|style|svg)[\s>].*?</\1>", re.S | re.I)
KEPT_NEWLINE = "\ue010"


def keep_newlines(m):
    return m.group(0).replace("\n", KEPT_NEWLINE)


def protect(text, pattern, make_token):
    """Replace each match of pattern by make_token(i); return the text and the saved matches."""
    saved = []

    def save(m):
        saved.append(m.group(0))
        return make_token(len(saved) - 1)
    return pattern.sub(save, text), saved


def autop(text):
    """Paragraphs the way wpautop makes them when WordPress displays classic content."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, pres = protect(text, PRE_ELEMENT, lambda i: f'<pre data-fidelity-pre="{i}"></pre>')
    # A newline inside a tag, a comment, a script or a style is not a line break.
    text = TAG_OR_COMMENT.sub(keep_newlines, RAW_NEWLINE_ELEMENT.sub(keep_newlines, text))
    text += "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.I)
    text = BLOCK_OPENING.sub(r"\n\n\1", text)
    text = BLOCK_CLOSING.sub(r"\1\n\n", text)
    text = re.sub(r"(<hr\s*[^>]*>)", r"\1\n\n", text, flags=re.I)
    text = re.sub(r"\s*(<option[\s>])", r"\1", text, flags=re.I)
    text = re.sub(r"(</option>)\s*", r"\1", text, flags=re.I)
    text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", r"\1", text, flags=re.I)
    chunks = re.split(r"\n\s*\n", text)
    text = "".join(f"<p>{chunk.strip(chr(10))}</p>\n" for chunk in chunks if chunk.strip())
    text = tidy_paragraphs(text)
    text = insert_line_breaks(text)
    text = text.replace(KEPT_NEWLINE, "\n")
    return re.sub(r'<pre data-fidelity-pre="(\d+)"></pre>', lambda m: pres[int(m.group(1))], text)


def tidy_paragraphs(text):
    """Take <p> off block elements, as wpautop does after wrapping every chunk."""
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text, flags=re.I)
    text = re.sub(r"<p>\s*(" + BLOCK_TAG + r")\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text, flags=re.I | re.S)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = re.sub(r"</blockquote></p>", "</p></blockquote>", text, flags=re.I)
    text = re.sub(r"<p>\s*(" + BLOCK_TAG + ")", r"\1", text, flags=re.I)
    return re.sub("(" + BLOCK_TAG + r")\s*</p>", r"\1", text, flags=re.I)


def insert_line_breaks(text):
    """A single newline inside a paragraph is a <br />, except next to a block tag."""
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub("(" + BLOCK_TAG + r")\s*<br />", r"\1", text, flags=re.I)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[\s/>])", r"\1", text,
                  flags=re.I)
    return re.sub(r"\n</p>$", "</p>", text)


def classic_html(text):
    """Classic content as displayed: wpautop, then lone shortcodes taken out of their <p>."""
    return unautop_shortcodes(autop(text))


def unautop_shortcodes(text):
    """A paragraph holding nothing but one known shortcode loses its <p> (shortcode_unautop)."""
    def unwrap(m):
        inner = m.group(1)
        found = list(find_shortcodes(inner, MEDIA_NAMES.__contains__))
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(inner):
            return inner
        return m.group(0)
    return re.sub(r"<p>\s*(\[.*?\])\s*</p>", unwrap, text, flags=re.S)


# --- oEmbed ---------------------------------------------------------------------------------------

URL_LINE = re.compile(r"^([ \t]*)(https?://[^\s<>\"]+)([ \t]*)$", re.M)
URL_PARAGRAPH = re.compile(r"(<p(?:\s[^>]*)?>\s*)(https?://[^\s<>\"]+)(\s*</p>)", re.I)
MASKED = re.compile(r"<(pre|code|script|style|textarea)[\s>].*?</\1>|<!--.*?-->", re.S | re.I)


def autoembed(text, by_line):
    """A URL alone on its line (classic) or alone in a paragraph becomes an embed."""
    text, masked = protect(text, MASKED, lambda i: f"\ue011{i}\ue012")
    text = TAG_OR_COMMENT.sub(keep_newlines, text)
    if by_line:
        text = URL_LINE.sub(lambda m: m.group(1) + embed_html(m.group(2)) + m.group(3), text)
    text = URL_PARAGRAPH.sub(lambda m: m.group(1) + embed_html(m.group(2)) + m.group(3), text)
    text = text.replace(KEPT_NEWLINE, "\n")
    return re.sub("\ue011(\\d+)\ue012", lambda m: masked[int(m.group(1))], text)


# --- Gutenberg blocks -----------------------------------------------------------------------------

BLOCK_COMMENT = re.compile(
    r"<!--\s+(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(?:(\{.*?\})\s+)?(/)?-->", re.S)
# Dynamic containers: WordPress replaces the whole subtree by server-side output (a template
# repeated per post or comment, pagination, menus, "no results" while there are results), so their
# saved inner content is not what a reader sees. core/query and core/comments are not among them:
# the static blocks inside them (a heading) are shown.
DYNAMIC_CONTAINERS = {
    "core/post-template", "core/query-no-results", "core/query-pagination", "core/comment-template",
    "core/comments-pagination", "core/navigation", "core/navigation-submenu", "core/latest-posts",
}


class Block:
    __slots__ = ("name", "attributes", "parts", "is_void")

    def __init__(self, name, attributes, is_void):
        self.name, self.attributes, self.is_void = name, attributes, is_void
        self.parts = []                # inner HTML strings and inner Blocks, in order


def block_name(raw):
    return raw if "/" in raw else "core/" + raw


def block_attributes(raw):
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def parse_blocks(text):
    """The top level of a block document: freeform strings and Blocks, in order."""
    top, stack, position = [], [], 0

    def add(part):
        (stack[-1].parts if stack else top).append(part)
    for m in BLOCK_COMMENT.finditer(text):
        add(text[position:m.start()])
        position = m.end()
        is_closer, name = m.group(1) is not None, block_name(m.group(2))
        if is_closer:
            # An unmatched closer is dropped; a matched one also closes what was left open in it.
            if any(block.name == name for block in stack):
                while stack.pop().name != name:
                    pass
            continue
        block = Block(name, block_attributes(m.group(3)), m.group(4) is not None)
        add(block)
        if not block.is_void:
            stack.append(block)
    add(text[position:])
    return top


def render_block_document(text, post, export):
    """HTML for block content: freeform parts as classic, blocks as WordPress renders them."""
    parts = []
    for part in parse_blocks(text):
        if isinstance(part, Block):
            parts.append(render_block(part, post, export))
        else:
            parts.append(classic_html(part))
    return "".join(parts)


def render_block(block, post, export):
    if block.name in DYNAMIC_CONTAINERS:
        return ""
    if block.name == "core/block":
        return render_reusable_block(block, post, export)
    if block.name == "core/footnotes":
        return render_footnotes(post)
    if block.is_void:
        return ""
    inner = "".join(render_block(part, post, export) if isinstance(part, Block) else part
                    for part in block.parts)
    if block.name == "core/embed" or block.name.startswith("core-embed/"):
        return render_embed_block(block, inner)
    if block.name in ("core/freeform", "core/shortcode"):
        return classic_html(inner)
    return inner


def render_reusable_block(block, post, export):
    ref = block.attributes.get("ref")
    content = export.reusable_blocks.get(ref) if isinstance(ref, int) else None
    if content is None or post.block_depth > 8:
        return ""
    post.block_depth += 1
    try:
        content = take_out_code(content, post)
        if "<!-- wp:" in content:
            return render_block_document(content, post, export)
        return classic_html(content)
    finally:
        post.block_depth -= 1


def render_footnotes(post):
    try:
        notes = json.loads(post.footnotes) if post.footnotes else []
    except ValueError:
        return ""
    items = "".join(f'<li>{note.get("content", "")}</li>' for note in notes
                    if isinstance(note, dict))
    return f'<ol class="wp-block-footnotes">{items}</ol>' if items else ""


EMBED_WRAPPER = re.compile(r'<div class="wp-block-embed__wrapper">(.*?)</div>', re.S)
FIGCAPTION = re.compile(r"<figcaption[\s>].*?</figcaption>", re.S | re.I)


def render_embed_block(block, inner):
    """An embed block shows the provider's player; offline, a link to the URL and the caption."""
    url = block.attributes.get("url")
    wrapper = EMBED_WRAPPER.search(inner)
    if not isinstance(url, str) or not url.strip():
        url = html.unescape(wrapper.group(1)).strip() if wrapper else ""
    caption = FIGCAPTION.search(inner)
    link = link_html(url) if url else ""
    return f'<figure class="wp-block-embed">{link}{caption.group(0) if caption else ""}</figure>'


# --- Expected HTML for one post ------------------------------------------------------------------

def has_blocks(content):
    return "<!-- wp:" in content


def expected_html(content, post, export):
    """What WordPress displays for the content, as HTML (see the module docstring)."""
    content = (content or "").replace("\r\n", "\n").replace("\r", "\n")
    content = take_out_code(content, post)
    content = replace_shortcodes(content, "embed".__eq__, render_embed_shortcode)
    if has_blocks(content):
        text = autoembed(render_block_document(content, post, export), by_line=False)
    else:
        text = classic_html(autoembed(content, by_line=True))
    return put_back_code(expand_shortcodes(text, post, export), post)


# --- Reading HTML as a reader sees it --------------------------------------------------------------

VIEW_BLOCKS = {
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol",
    "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
}
PLAYERS = {"audio", "video", "iframe", "embed", "object"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                 "param", "source", "track", "wbr", "keygen", "command"}
INVISIBLE = {"script", "style", "template", "title"}
RAW_ATTRIBUTE = re.compile(
    r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
CHARACTER_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


def decode_attribute(value):
    """Character references in an attribute value, as HTML5 decodes them.

    Python's parser also decodes "&reg" in "?a=1&region=eu"; browsers don't, and URLs are compared.
    """
    def one(m):
        reference = m.group(1)
        follower = value[m.end():m.end() + 1]
        is_legacy_prefix = not reference.startswith("#") and not reference.endswith(";")
        if is_legacy_prefix and (follower == "=" or follower.isalnum()):
            return m.group(0)
        return html.unescape(m.group(0))
    return CHARACTER_REFERENCE.sub(one, value)


def leads_somewhere(href):
    """A link worth keeping: not empty, not a bare "#", not a script."""
    href = href.strip()
    return href not in ("", "#") and not href.lower().startswith("javascript:")


def normalize_url(url):
    """Compare URLs as a browser would load them: trimmed, percent-escapes decoded."""
    return unquote(url.strip())


class View:
    """What a reader gets from a piece of HTML."""

    def __init__(self):
        self.text = ""
        self.prose = ""              # visible text outside code, for the shortcode leftover check
        self.links, self.images, self.players = [], [], []
        self.text_blocks = 0
        self.code_blocks = []        # normalized text of each <pre>, verse excluded


class ViewReader(HTMLParser):
    """Reads visible text, URLs, text blocks and code blocks out of HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.view = View()
        self.text, self.prose = [], []
        self.has_text = False            # the current text block has visible text
        self.invisible = 0               # depth inside script/style/template
        self.pre = 0
        self.pre_is_code = False
        self.pre_text = []
        self.code = 0                    # depth inside <code> outside <pre>
        self.player = 0                  # depth inside a player whose URL is (being) read
        self.player_url_pending = False

    def attributes(self):
        """The current start tag's attributes, decoded the HTML5 way (see decode_attribute)."""
        raw = self.get_starttag_text() or ""
        m = re.match(r"<[^\s/>]+", raw)
        body = raw[m.end():] if m else ""
        found = {}
        for a in RAW_ATTRIBUTE.finditer(body):
            value = next((v for v in a.group(2, 3, 4) if v is not None), "")
            found.setdefault(a.group(1).lower(), decode_attribute(value))
        return found

    def boundary(self):
        if self.has_text:
            self.view.text_blocks += 1
            self.has_text = False
        self.text.append(" ")
        self.prose.append(" ")

    def add_text(self, data, is_code=False):
        self.text.append(data)
        if not is_code:
            self.prose.append(data)
        if data.strip():
            self.has_text = True

    def handle_starttag(self, tag, _):
        if tag in INVISIBLE:
            self.invisible += 1
            return
        if self.invisible:
            return
        attributes = self.attributes()
        if self.player:
            self.read_player_source(tag, attributes)
            if tag not in VOID_ELEMENTS:
                self.player += 1
            return
        if tag in VIEW_BLOCKS:
            self.boundary()
        if tag == "br":
            self.line_break()
        elif tag == "pre":
            self.start_pre(attributes)
        elif tag == "code" and not self.pre:
            self.code += 1
        elif tag in ("a", "area") and leads_somewhere(attributes.get("href", "")):
            self.view.links.append(normalize_url(attributes["href"]))
        elif tag == "q":
            self.add_text("\u201c")
        elif tag == "img" and attributes.get("src", "").strip():
            self.view.images.append(normalize_url(attributes["src"]))
        elif tag in PLAYERS:
            self.start_player(tag, attributes)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in INVISIBLE:
            self.invisible = max(0, self.invisible - 1)
            return
        if self.invisible or tag in VOID_ELEMENTS:
            return
        if self.player:
            self.player -= 1
            if self.player == 0:
                self.player_url_pending = False
                self.boundary()
            return
        if tag == "pre" and self.pre:
            self.end_pre()
        elif tag == "code" and self.code and not self.pre:
            self.code -= 1
        elif tag == "q":
            self.add_text("\u201d")
        if tag in VIEW_BLOCKS:
            self.boundary()

    def handle_data(self, data):
        if self.invisible or self.player:
            return
        if self.pre:
            self.pre_text.append(data)
            lines = data.split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.boundary()
                self.add_text(line, is_code=True)
        else:
            self.add_text(data, is_code=self.code > 0)

    def line_break(self):
        """<br> ends a text block like a block boundary; inside <pre> it is also a code newline."""
        if self.pre:
            self.pre_text.append("\n")
        self.boundary()

    def start_pre(self, attributes):
        self.pre += 1
        if self.pre == 1:
            self.pre_is_code = "wp-block-verse" not in attributes.get("class", "")
            self.pre_text = []

    def end_pre(self):
        self.pre -= 1
        if self.pre == 0 and self.pre_is_code:
            self.view.code_blocks.append(normalize_code("".join(self.pre_text)))

    def start_player(self, tag, attributes):
        """A player reads as its URL: the src (or data), else its first <source>/<embed>/<param>."""
        self.boundary()
        url = attributes.get("data" if tag == "object" else "src", "").strip()
        if url:
            self.add_player_url(url)
        if tag not in VOID_ELEMENTS:
            self.player, self.player_url_pending = 1, not url
        else:
            self.boundary()

    def read_player_source(self, tag, attributes):
        if not self.player_url_pending:
            return
        url = ""
        if tag in ("source", "embed"):
            url = attributes.get("src", "")
        elif tag == "param" and attributes.get("name", "").lower() in ("movie", "src"):
            url = attributes.get("value", "")
        if url.strip():
            self.add_player_url(url)
            self.player_url_pending = False

    def add_player_url(self, url):
        """The URL is compared decoded, and read as written, like the text of a link to it."""
        self.view.players.append(normalize_url(url))
        self.add_text(" " + url.strip() + " ")

    def finish(self):
        self.close()
        self.boundary()
        self.view.text = collapse("".join(self.text))
        self.view.prose = collapse("".join(self.prose))
        return self.view


def collapse(text):
    return " ".join(text.split())


def normalize_code(text):
    """Code compared line by line: trailing spaces and surrounding blank lines do not count.

    Tabs count as the spaces up to the next 8-column stop, as browsers show them.
    """
    lines = [line.rstrip().expandtabs(8) for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def read_view(markup):
    reader = ViewReader()
    reader.feed(markup)
    return reader.finish()


# --- cmark ----------------------------------------------------------------------------------------

CMARK_XML_NAMESPACE = "{http://commonmark.org/xml/1.0}"
# A link reference definition applies to the whole document, so such posts are rendered alone.
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:", re.M)


class RenderedMarkdown:
    """cmark's HTML for one post and the raw HTML its Markdown carries (blocks and inline)."""

    def __init__(self, html_output, html_blocks, html_inlines):
        self.html = html_output
        self.html_blocks = html_blocks
        self.html_inlines = html_inlines


def cmark_command():
    """cmark-gfm with only its table extension when installed (the engine writes GFM tables, which Hugo's and
    Jekyll's renderers read), else plain cmark."""
    if shutil.which("cmark-gfm"):
        return ["cmark-gfm", "-e", "table", "--unsafe"]
    return ["cmark", "--unsafe"]


def run_cmark(markdown, to_xml):
    arguments = cmark_command() + (["-t", "xml"] if to_xml else [])
    done = subprocess.run(arguments, input=markdown.encode("utf-8"), capture_output=True, check=True)
    return done.stdout.decode("utf-8", errors="replace")


def raw_html_of(nodes):
    blocks, inlines = [], []
    for node in nodes:
        for element in node.iter():
            if element.tag == CMARK_XML_NAMESPACE + "html_block":
                blocks.append(element.text or "")
            elif element.tag == CMARK_XML_NAMESPACE + "html_inline":
                inlines.append(element.text or "")
    return blocks, inlines


def render_one(markdown):
    document = ElementTree.fromstring(run_cmark(markdown, to_xml=True).encode("utf-8"))
    blocks, inlines = raw_html_of(list(document))
    return RenderedMarkdown(run_cmark(markdown, to_xml=False), blocks, inlines)


def render_batch(markdowns):
    """cmark output for each document, from one pair of cmark runs when that is provably the same.

    Documents are joined with an HTML comment line between blank lines. A boundary survived when
    cmark's syntax tree has it as a top-level html_block of its own (no code fence, raw HTML block
    or container swallowed it) and the HTML has it on a line of its own; otherwise the batch is
    split in two and each half tried again. Documents with link reference definitions are
    always rendered alone.
    """
    batchable = [i for i, md in enumerate(markdowns) if not REFERENCE_DEFINITION.search(md)]
    results = [None] * len(markdowns)
    for i, rendered in zip(batchable, render_joinable([markdowns[i] for i in batchable])):
        results[i] = rendered
    return [result if result is not None else render_one(markdowns[i])
            for i, result in enumerate(results)]


def render_joinable(markdowns):
    if len(markdowns) <= 1:
        return [render_one(md) for md in markdowns]
    joined = split_joined(markdowns)
    if joined is not None:
        return joined
    half = len(markdowns) // 2
    return render_joinable(markdowns[:half]) + render_joinable(markdowns[half:])


def split_joined(markdowns):
    nonce = secrets.token_hex(8)
    markers = [f"<!-- fidelity-boundary-{nonce}-{k} -->" for k in range(len(markdowns) - 1)]
    # The last document is left exactly as it is: an unclosed fence would keep added blank lines.
    joined = "".join(md + "\n\n" + markers[k] + "\n\n" for k, md in enumerate(markdowns[:-1]))
    joined += markdowns[-1]
    document = ElementTree.fromstring(run_cmark(joined, to_xml=True).encode("utf-8"))
    groups, current, expected_marker = [], [], 0
    for node in document:
        is_marker = (node.tag == CMARK_XML_NAMESPACE + "html_block" and expected_marker < len(markers)
                     and (node.text or "").strip() == markers[expected_marker])
        if is_marker:
            groups.append(current)
            current, expected_marker = [], expected_marker + 1
        else:
            current.append(node)
    groups.append(current)
    if expected_marker != len(markers):
        return None
    pieces = split_html(run_cmark(joined, to_xml=False), markers)
    if pieces is None:
        return None
    return [RenderedMarkdown(piece, *raw_html_of(group)) for piece, group in zip(pieces, groups)]


def split_html(output, markers):
    pieces, position = [], 0
    for marker in markers:
        line = marker + "\n"
        at = output.find(line, position)
        if at < 0 or (at > 0 and output[at - 1] != "\n"):
            return None
        pieces.append(output[position:at])
        position = at + len(line)
    pieces.append(output[position:])
    return pieces


# --- Comparing ------------------------------------------------------------------------------------

DIFF_CONTEXT = 80
BLOCK_COMMENT_TEXT = re.compile(r"<!--\s*/?wp:")
P_TAG = re.compile(r"</?p(?:[\s/>]|$)", re.I)
SHORTCODE_TEXT = re.compile(r"\[([\w-]+)(?=[\s\]/=])")


def text_difference(expected, ours):
    """The first differing window of the two texts, ~80 characters either side."""
    common = len(os.path.commonprefix([expected, ours]))
    start = max(0, common - DIFF_CONTEXT)

    def window(text):
        prefix = "…" if start else ""
        suffix = "…" if common + DIFF_CONTEXT < len(text) else ""
        return prefix + text[start:common] + "⟦" + text[common:common + DIFF_CONTEXT] + suffix
    return {"at": common, "expected": window(expected), "ours": window(ours)}


def missing_urls(expected, ours):
    """Expected URLs ours lacks (multiset): images as images, links as links, players as anything."""
    our_links, our_images = Counter(ours.links), Counter(ours.images)
    missing_links = Counter(expected.links) - our_links
    missing_images = Counter(expected.images) - our_images
    spare = (our_links - Counter(expected.links)) + (our_images - Counter(expected.images)) \
        + Counter(ours.players)
    missing_players = Counter(expected.players) - spare
    missing = [("link", url) for url in missing_links.elements()]
    missing += [("image", url) for url in missing_images.elements()]
    missing += [("media", url) for url in missing_players.elements()]
    return missing


def code_difference(expected, ours):
    remaining = Counter(ours.code_blocks)
    for block in expected.code_blocks:
        if remaining[block] > 0:
            remaining[block] -= 1
            continue
        closest = max(ours.code_blocks, key=lambda b: len(os.path.commonprefix([b, block])),
                      default="")
        return {"expected": block, "ours": closest}
    return None


def count_shortcodes(text):
    return sum(1 for m in SHORTCODE_TEXT.finditer(text) if is_known_shortcode(m.group(1)))


HTML_TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|<\?.*?>|<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>", re.S)


def unbalanced_tag(fragment):
    """The first balance problem of an HTML fragment, or None when it closes what it opens.

    Void elements and <x/> need no end tag; script, style, textarea and title hold raw text.
    """
    open_tags = []
    position = 0
    for m in HTML_TOKEN.finditer(fragment):
        if m.start() < position or m.group(2) is None:
            continue
        is_closing, name, rest = m.group(1) == "/", m.group(2).lower(), m.group(3)
        if is_closing:
            if not open_tags:
                return f"stray </{name}>"
            if open_tags[-1] != name:
                return f"</{name}> closes <{open_tags[-1]}>"
            open_tags.pop()
        elif name in ("script", "style", "textarea", "title"):
            closing = re.compile(f"</{name}\\s*>", re.I).search(fragment, m.end())
            if closing is None:
                return f"unclosed <{name}>"
            position = closing.end()
        elif name not in VOID_ELEMENTS and not rest.rstrip().endswith("/"):
            open_tags.append(name)
    return f"unclosed <{open_tags[-1]}>" if open_tags else None


def leftovers(rendered, expected, ours):
    found = []
    raw = rendered.html_blocks + rendered.html_inlines
    block_comments = sum(len(BLOCK_COMMENT_TEXT.findall(part)) for part in raw) \
        + len(BLOCK_COMMENT_TEXT.findall(ours.prose)) - len(BLOCK_COMMENT_TEXT.findall(expected.prose))
    if block_comments > 0:
        found.append(("leftover-block-comment", f"{block_comments} block comment(s) left"))
    extra_shortcodes = count_shortcodes(ours.prose) - count_shortcodes(expected.prose)
    if extra_shortcodes > 0:
        found.append(("leftover-shortcode", f"{extra_shortcodes} more known shortcode(s) than expected"))
    # Ordinary prose must not come out as <p> markup. A <p> inside an element Markdown cannot hold (a
    # <details>, a <form>, a table with spans), which passes through whole and balanced, is that element's.
    p_tags = [part.strip()[:120] for part in rendered.html_inlines if P_TAG.search(part)]
    p_tags += [part.strip()[:120] for part in rendered.html_blocks if P_TAG.match(part.strip())]
    if p_tags:
        found.append(("leftover-p-tag", p_tags[0]))
    for block in rendered.html_blocks:
        problem = unbalanced_tag(block)
        if problem:
            found.append(("html-block", f"{problem} in {block.strip()[:160]!r}"))
            break
    return found


def compare(expected_markup, rendered):
    """Failures as (reason, detail) pairs; empty when the Markdown shows what WordPress showed."""
    expected, ours = read_view(expected_markup), read_view(rendered.html)
    failures = []
    if expected.text != ours.text:
        failures.append(("text", text_difference(expected.text, ours.text)))
    missing = missing_urls(expected, ours)
    if missing:
        failures.append(("links", [{"kind": kind, "url": url} for kind, url in missing]))
    if ours.text_blocks < expected.text_blocks:
        failures.append(("paragraphs", {"expected": expected.text_blocks, "ours": ours.text_blocks}))
    code = code_difference(expected, ours)
    if code:
        failures.append(("code", code))
    failures += leftovers(rendered, expected, ours)
    return failures


# --- Checking posts in parallel ---------------------------------------------------------------------

EXPORT = None           # the ExportContext, set before the worker processes fork
KEEPS_HTML = False      # failing items carry both HTML sides (for --json), set likewise
TASKS = []              # the posts to check, set likewise: workers get index ranges, not copies


def check_range(bounds):
    return check_chunk(TASKS[bounds[0]:bounds[1]])


def check_chunk(tasks):
    """Check a list of posts; each task is (item, post id, content, footnotes, markdown)."""
    rendered = render_batch([task[4] for task in tasks])
    results = []
    for (item, post_id, content, footnotes, _), markdown in zip(tasks, rendered):
        post = PostContext(post_id, footnotes)
        expected = expected_html(content, post, EXPORT)
        result = {"item": item, "kind": "blocks" if has_blocks(content or "") else "classic",
                  "failures": compare(expected, markdown)}
        if result["failures"] and KEEPS_HTML:
            # Both sides of a failure go into the JSON report, to see who is right.
            result.update(expected_html=expected, markdown_html=markdown.html)
        results.append(result)
    return results


def check_all(jobs, batch):
    """Results for TASKS, in order; forked workers read TASKS from the memory they inherit."""
    ranges = [(start, min(start + batch, len(TASKS))) for start in range(0, len(TASKS), batch)]
    if jobs <= 1 or len(ranges) <= 1:
        return [result for bounds in ranges for result in check_range(bounds)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return [result for results in pool.imap(check_range, ranges) for result in results]


# --- Running wxr render -----------------------------------------------------------------------------

class Unreadable(Exception):
    """The export, the binary or cmark cannot be used: exit status 2."""


def find_binary(given):
    if given:
        if not os.access(given, os.X_OK):
            raise Unreadable(f"{given}: not an executable file")
        return given
    for relative in DEFAULT_BINARIES:
        path = os.path.join(REPO_ROOT, relative)
        if os.access(path, os.X_OK):
            return path
    raise Unreadable("no wxr binary in .build/release or .build/debug: build it or pass --wxr PATH")


class RenderRun:
    """`wxr render` running in the background while the export is read here."""

    def __init__(self, binary, export_path):
        self.command = [binary, "render", export_path, "--all", "--to", "markdown"]
        try:
            self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE)
        except OSError as e:
            raise Unreadable(f"{binary}: {e.strerror}")
        self.output = []
        self.reader = threading.Thread(target=lambda: self.output.extend(self.process.communicate()))
        self.reader.start()

    def items(self):
        """wxr render's NDJSON lines by item index, once it has finished."""
        self.reader.join()
        stdout, stderr = self.output
        if self.process.returncode not in (0, 1):
            message = stderr.decode("utf-8", errors="replace").strip()[-2000:]
            raise Unreadable(f"{' '.join(self.command)} exited with {self.process.returncode}: "
                             f"{redact(message)}")
        return parse_ndjson(stdout)


def parse_ndjson(stdout):
    rendered = {}
    # NDJSON lines end at "\n" only: splitlines() would also cut at U+2028 inside a string.
    for number, line in enumerate(stdout.decode("utf-8", errors="replace").split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            rendered[record["item"]] = record
        except (ValueError, KeyError, TypeError):
            raise Unreadable(f"wxr render output line {number} is not an item object")
    return rendered


def read_export(path):
    """The contract document; wxr_reference exits with status 2 by itself when it cannot read it."""
    return wxr_reference.read_wxr(path)


def check_cmark():
    if shutil.which("cmark") is None and shutil.which("cmark-gfm") is None:
        raise Unreadable("cmark not found (Debian: apt-get install cmark-gfm, or cmark)")


# --- Reporting -------------------------------------------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
IPV6 = re.compile(r"(?<![\w:])(?=[0-9A-Fa-f:]*[A-Fa-f][0-9A-Fa-f:]*\b|[0-9A-Fa-f:]*::)"
                  r"(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")


def redact(value):
    """Strings with e-mail and IP addresses masked, recursively: reports never show them."""
    if isinstance(value, str):
        if "@" in value:
            value = EMAIL.sub("<email>", value)
        return IPV6.sub("<ip>", IPV4.sub("<ip>", value))
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items()}
    return value


def item_record(index, post, result):
    return {
        "item": index, "id": post["id"], "type": post["type"], "status": post["status"],
        "title": post["title"], "kind": result["kind"], "passed": not result["failures"],
        "failures": [{"reason": reason, "detail": detail} for reason, detail in result["failures"]],
        **{key: result[key] for key in ("expected_html", "markdown_html") if key in result},
    }


def summarize(records):
    checked = len(records)
    passed = sum(1 for r in records if r["passed"])
    by_reason = Counter(f["reason"] for r in records for f in r["failures"])
    by_kind = {}
    for record in records:
        counts = by_kind.setdefault(record["kind"], {"checked": 0, "passed": 0})
        counts["checked"] += 1
        counts["passed"] += record["passed"]
    percent = 100.0 if checked == 0 else 100.0 * passed / checked
    return {"checked": checked, "passed": passed, "percent": round(percent, 2),
            "by_reason": dict(sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_kind": dict(sorted(by_kind.items()))}


def describe_failure(reason, detail):
    if reason == "text":
        return [f"text differs at character {detail['at']}:",
                f"    expected: {detail['expected']}", f"    ours:     {detail['ours']}"]
    if reason == "links":
        shown = [f"    missing {m['kind']}: {m['url'][:200]}" for m in detail[:5]]
        more = [f"    ... {len(detail) - 5} more"] if len(detail) > 5 else []
        return [f"{len(detail)} URL(s) missing:"] + shown + more
    if reason == "paragraphs":
        return [f"text blocks: expected {detail['expected']}, ours {detail['ours']}"]
    if reason == "code":
        expected_lines, our_lines = detail["expected"].split("\n"), detail["ours"].split("\n")
        for number, line in enumerate(expected_lines):
            other = our_lines[number] if number < len(our_lines) else "<missing>"
            if line != other:
                return [f"code block differs at line {number + 1}:",
                        f"    expected: {line[:160]!r}", f"    ours:     {other[:160]!r}"]
        return [f"code block differs after line {len(expected_lines)} (ours is longer)"]
    return [f"{reason}: {detail}"]


def print_report(export_path, summary, records, show, minimum):
    print(f"{export_path}: {summary['checked']} posts checked, {summary['passed']} passed "
          f"({summary['percent']:.2f}%, required {minimum:g}%)")
    kinds = ", ".join(f"{kind} {c['passed']}/{c['checked']}" for kind, c in summary["by_kind"].items())
    if kinds:
        print(f"  passed by kind: {kinds}")
    for reason, count in summary["by_reason"].items():
        print(f"  {reason}: {count}")
    failing = [r for r in records if not r["passed"]]
    for record in redact(failing[:show]):
        title = (record["title"] or "").replace("\n", " ")[:100]
        print(f"\n#{record['item']} id {record['id']} {record['type']}/{record['status']} "
              f"({record['kind']}): {title!r}")
        for failure in record["failures"]:
            for line in describe_failure(failure["reason"], failure["detail"]):
                print("  " + line)
    if len(failing) > show:
        print(f"\n... {len(failing) - show} more failing items (--show N, or --json FILE for all)")


# --- Main ------------------------------------------------------------------------------------------

HELP_EPILOG = """\
examples:
  python3 scripts/fidelity.py export.xml
  python3 scripts/fidelity.py export.xml --min 95 --json fidelity.json --show 20

exit status: 0 pass rate at least --min, 1 below, 2 export, wxr or cmark unusable, 64 usage.
The module docstring says what "expected" means for each construct and how posts are compared.
"""


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="fidelity.py", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Check that wxr render's Markdown shows what WordPress showed.",
        epilog=HELP_EPILOG)
    parser.error = lambda message: (parser.print_usage(sys.stderr),
                                    print(f"fidelity.py: {message}", file=sys.stderr),
                                    sys.exit(EXIT_USAGE))
    parser.add_argument("export", help="the WordPress export (WXR) file")
    parser.add_argument("--wxr", metavar="PATH",
                        help="the wxr binary (default: .build/release/wxr, then .build/debug/wxr)")
    parser.add_argument("--min", metavar="PERCENT", type=float, default=100.0,
                        help="pass rate required for exit status 0 (default 100)")
    parser.add_argument("--json", metavar="FILE", help="write the full result to FILE")
    parser.add_argument("--show", metavar="N", type=int, default=10,
                        help="failing items to print (default 10)")
    parser.add_argument("--jobs", metavar="N", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: the number of CPUs)")
    parser.add_argument("--batch", metavar="N", type=int, default=64,
                        help="posts per cmark run (default 64; 1 = one run per post)")
    arguments = parser.parse_args(argv)
    if arguments.jobs < 1 or arguments.batch < 1 or arguments.show < 0:
        parser.error("--jobs and --batch must be at least 1, --show at least 0")
    return arguments


def make_tasks(posts, rendered):
    """One task per rendered item; items the renderer should have produced but did not are records."""
    tasks, missing = [], {}
    for index, post in enumerate(posts):
        if post["type"] in NOT_RENDERED_TYPES:
            continue
        record = rendered.get(index)
        if record is None or not isinstance(record.get("markdown"), str):
            error = record.get("error") if isinstance(record, dict) else None
            missing[index] = [("not-rendered", error or "no markdown for this item")]
        elif record.get("id") != post["id"]:
            missing[index] = [("misaligned", f"render says id {record.get('id')}, export {post['id']}")]
        else:
            tasks.append((index, post["id"], post["content"], footnotes_meta(post), record["markdown"]))
    return tasks, missing


def main(argv):
    global EXPORT, KEEPS_HTML, TASKS
    arguments = parse_arguments(argv)
    sys.stdout.reconfigure(encoding="utf-8")
    try:
        check_cmark()
        binary = find_binary(arguments.wxr)
        if not os.access(arguments.export, os.R_OK):
            raise Unreadable(f"{arguments.export}: cannot read")
        render = RenderRun(binary, arguments.export)
        posts = read_export(arguments.export)["posts"]
        rendered = render.items()
    except Unreadable as e:
        print(f"fidelity.py: {e}", file=sys.stderr)
        return EXIT_UNREADABLE
    EXPORT, KEEPS_HTML = ExportContext(posts), arguments.json is not None
    TASKS, missing = make_tasks(posts, rendered)
    results = {r["item"]: r for r in check_all(arguments.jobs, arguments.batch)}
    for index, failures in missing.items():
        kind = "blocks" if has_blocks(posts[index]["content"] or "") else "classic"
        results[index] = {"item": index, "kind": kind, "failures": failures}
    records = [item_record(index, posts[index], results[index]) for index in sorted(results)]
    summary = summarize(records)
    print_report(arguments.export, summary, records, arguments.show, arguments.min)
    if arguments.json:
        report = dict(export=arguments.export, minimum=arguments.min, **summary, items=redact(records))
        with open(arguments.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)
    return EXIT_PASS if summary["percent"] >= arguments.min else EXIT_BELOW


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
