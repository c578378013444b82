//! Reads HTML pages: the article's text, with every character mapped back to the page source.
//!
//! A saved news page is mostly not the article: menus, cookie banners, share buttons, "most
//! read" boxes and teasers of other stories. Compared as text they would produce false findings,
//! so the reader keeps the article body only:
//!
//! 1. The page is tokenized with a WHATWG tokenizer (`html5gum`, with byte spans) and a light
//!    tree is built (void elements, implied `</p>`, `</li>`, `</td>`, stray end tags ignored).
//! 2. Parts that are never article text are dropped: `nav`, `footer`, `aside`, `form`, `script`,
//!    `style`, `svg`, `iframe`…, hidden elements, and elements whose class, id or role says
//!    cookie, banner, share, social, related, most-read, newsletter, comments, advert, promo,
//!    breadcrumb or menu. An element holding half of the page's text is never dropped by its
//!    class (some sites wrap everything in a `<form>` or a `has-sidebar` div).
//! 3. The body is `[itemprop=articleBody]`, else the largest `<article>`, else `<main>` when they
//!    hold most of the paragraph text; otherwise the container that the most paragraph text
//!    points to (text length, commas, low link density), with its sibling paragraphs.
//! 4. Text is emitted with entities decoded (`&eacute;` → `é`, `&#8217;` → `’`); each decoded
//!    character maps to its whole entity in the source, and white space runs collapse to one
//!    space. Block elements (`p`, `div`, `h1`–`h6`, `li`, `br`, `tr`, `td`, `blockquote`…) end a
//!    paragraph: a blank line is inserted, which maps to nothing in the source.
//! 5. Web boilerplate lines still inside the body ("Share this article", a "Related" block) are
//!    blanked with the plain-text rules of [`super::boilerplate`].
//!
//! ```text
//! <article><h1>Vote</h1><p>The caf&eacute; opened.</p></article>
//! text: "Vote\n\nThe café opened."   "é" maps to "&eacute;" in the source
//! ```
//!
//! Metadata: title from JSON-LD `headline`, `og:title`, the first `<h1>` or `<title>`; date from
//! `article:published_time`, JSON-LD `datePublished`, `<meta name="date">` (and its common
//! variants) or the first `<time datetime>`; source from `og:site_name` or the JSON-LD publisher.
//! Malformed HTML never fails: it gives what the tokenizer recovers.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use html5gum::{DefaultEmitter, Token, Tokenizer};
use regex::Regex;

use super::boilerplate::{blank, web_boilerplate};
use super::extracted::{Extracted, Meta};
use super::offsets::OffsetMap;

/// Elements that never hold article text.
const DROP_TAGS: &[&str] = &[
    "nav",
    "footer",
    "aside",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
    "button",
    "select",
    "input",
    "textarea",
    "label",
    "dialog",
    "head",
    "title",
    "picture",
    "figure-ad",
];

/// Dropped too, but only when they do not hold most of the page (see [`Page::guarded`]).
const GUARDED_TAGS: &[&str] = &["form", "header"];

/// Class or id words that mark page furniture.
const DROP_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "banner",
    "share",
    "sharing",
    "shares",
    "sharebar",
    "social",
    "socials",
    "related",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "comment",
    "comments",
    "disqus",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "adslot",
    "promo",
    "promos",
    "promotion",
    "sponsor",
    "sponsored",
    "breadcrumb",
    "breadcrumbs",
    "menu",
    "navbar",
    "nav",
    "navigation",
    "sidebar",
    "footer",
    "masthead",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "recommended",
    "recommendations",
    "trending",
    "tags",
    "hidden",
    "paywall",
    "byline-share",
];

/// Stems of furniture words written together with others (`socialShare`, `relatedposts`).
const DROP_STEMS: &[&str] = &[
    "cookie",
    "share",
    "social",
    "related",
    "newsletter",
    "advert",
    "promo",
    "breadcrumb",
    "sidebar",
    "subscri",
    "sponsor",
    "outbrain",
    "taboola",
    "mostread",
    "mostpopular",
    "readmore",
    "readnext",
];

/// Adjacent class or id words that together mark furniture (`most-read`, `sr-only`).
const DROP_PAIRS: &[(&str, &str)] = &[
    ("most", "read"),
    ("most", "popular"),
    ("most", "viewed"),
    ("read", "more"),
    ("read", "next"),
    ("more", "stories"),
    ("more", "news"),
    ("also", "read"),
    ("also", "like"),
    ("sr", "only"),
    ("screen", "reader"),
];

const DROP_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar"];

/// Elements that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

const VOID_TAGS: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Start tags that close an open `<p>` (HTML's implied end tags).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

/// Paragraph text elements whose length scores their container.
const PARAGRAPH_TAGS: &[&str] = &["p", "pre", "blockquote", "td"];

/// Deepest element nesting kept as a tree.
const MAX_DEPTH: usize = 256;

static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,10};?|[A-Za-z][A-Za-z0-9]{0,31};?)").expect("valid regex")
});

#[derive(Debug)]
enum Kind {
    Element {
        name: String,
        attrs: BTreeMap<String, String>,
    },
    /// Raw source span of a text run and its decoded value.
    Text {
        span: Range<usize>,
        value: String,
    },
}

#[derive(Debug)]
struct Node {
    kind: Kind,
    parent: usize,
    children: Vec<usize>,
}

impl Node {
    fn name(&self) -> &str {
        match &self.kind {
            Kind::Element { name, .. } => name,
            Kind::Text { .. } => "",
        }
    }

    fn attr(&self, key: &str) -> Option<&str> {
        match &self.kind {
            Kind::Element { attrs, .. } => attrs.get(key).map(String::as_str),
            Kind::Text { .. } => None,
        }
    }
}

/// Reads an HTML page. Never fails; a page with no recognisable text gives an empty text.
pub fn read_html(src: &str) -> Extracted {
    let (nodes, comments) = parse(src);
    let page = Page::new(nodes);
    let roots = page.roots();
    let mut out = Emitter::new(src);
    for &r in &roots {
        out.block();
        page.emit(r, &mut out);
    }
    let Emitter { mut text, mut map, .. } = out;
    let ranges = web_boilerplate(&text);
    blank(&mut text, &ranges);
    // Trailing white space may be mapped (a collapsed newline, `&nbsp;`): cut the map with it.
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    map.truncate(trimmed);
    let meta = page.meta(roots.first().copied().unwrap_or(0));
    let mut warnings = Vec::new();
    if text.trim().is_empty() {
        warnings.push("no article text found in the HTML page".to_string());
    }
    let directives = super::directives::from_comments(src, &text, &map, &comments);
    Extracted { source: src.to_string(), text, map, meta, warnings, directives }
}

/// The open elements while parsing, with a count per name so that end tags and implied ends
/// without a matching open element cost no scan.
struct Open {
    ids: Vec<usize>,
    counts: BTreeMap<String, usize>,
}

impl Open {
    fn push(&mut self, id: usize, name: &str) {
        self.ids.push(id);
        *self.counts.entry(name.to_string()).or_default() += 1;
    }

    fn is_open(&self, name: &str) -> bool {
        self.counts.get(name).is_some_and(|&n| n > 0)
    }

    /// Closes the element at `pos` and everything opened after it.
    fn truncate(&mut self, nodes: &[Node], pos: usize) {
        for &i in &self.ids[pos.max(1)..] {
            if let Some(n) = self.counts.get_mut(nodes[i].name()) {
                *n = n.saturating_sub(1);
            }
        }
        self.ids.truncate(pos.max(1));
    }

    fn current(&self) -> usize {
        *self.ids.last().unwrap_or(&0)
    }
}

/// Builds the element tree (node 0 is the document) and lists the source ranges of comments.
fn parse(src: &str) -> (Vec<Node>, Vec<Range<usize>>) {
    let mut nodes = vec![Node {
        kind: Kind::Element { name: "#document".into(), attrs: BTreeMap::new() },
        parent: 0,
        children: Vec::new(),
    }];
    let mut open = Open { ids: vec![0], counts: BTreeMap::new() };
    let mut comments = Vec::new();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script, style, title and textarea contents are raw text, not markup.
    emitter.naively_switch_states(true);
    let add = |nodes: &mut Vec<Node>, parent: usize, kind: Kind| -> usize {
        nodes.push(Node { kind, parent, children: Vec::new() });
        let id = nodes.len() - 1;
        nodes[parent].children.push(id);
        id
    };
    let tokenized = break_attribute_chains(src);
    for token in Tokenizer::new_with_emitter(tokenized.as_ref(), emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                close_implied(&nodes, &mut open, &name);
                let attrs = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| {
                        (String::from_utf8_lossy(k).to_ascii_lowercase(), String::from_utf8_lossy(v).into_owned())
                    })
                    .collect();
                // Past a sane depth elements are kept flat, so the recursive walks stay shallow
                // however deeply a page nests.
                let void = tag.self_closing || VOID_TAGS.contains(&name.as_str()) || open.ids.len() >= MAX_DEPTH;
                let id = add(&mut nodes, open.current(), Kind::Element { name: name.clone(), attrs });
                if !void {
                    open.push(id, &name);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if name == "br" {
                    // `</br>` is a line break in browsers.
                    add(&mut nodes, open.current(), Kind::Element { name, attrs: BTreeMap::new() });
                } else if open.is_open(&name) {
                    if let Some(pos) = open.ids.iter().rposition(|&i| i != 0 && nodes[i].name() == name) {
                        open.truncate(&nodes, pos);
                    }
                }
            }
            Token::String(s) => {
                let span = s.span.start.min(src.len())..s.span.end.min(src.len());
                let value = String::from_utf8_lossy(&s.value).into_owned();
                add(&mut nodes, open.current(), Kind::Text { span, value });
            }
            Token::Comment(c) => comments.push(c.span.start.min(src.len())..c.span.end.min(src.len())),
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    (nodes, comments)
}

/// How many double-quoted attributes in a row the tokenizer may read in one go (see
/// [`break_attribute_chains`]).
const MAX_ATTRIBUTE_CHAIN: usize = 64;

/// The page as the tokenizer is given it: every run of more than [`MAX_ATTRIBUTE_CHAIN`]
/// double-quoted attributes is cut by a `/` in place of the space before one of them.
///
/// html5gum 0.9 reads `name="value"` followed by white space by calling the state for the next
/// attribute directly, so the stack grows with every such attribute of one tag: a tag with 20,000
/// of them (120 KB) overflows the main thread's stack, fewer a worker thread's, and a stack
/// overflow aborts the whole process. A `/` between attributes sends the tokenizer back to its
/// loop (it is "an unexpected solidus in a tag": the attributes are still read), and it has the
/// length of the space it replaces, so every offset into the page stays right.
///
/// The scan does not know where tags are, so it counts more than the tokenizer reads (any `"`
/// followed by white space, a name, `=` and a quoted value is a link, in text too), never less.
/// A run long enough to be cut in the article's text itself (64 `a="b"` in a row) would show a
/// `/` for one of its spaces; real pages have no such text.
fn break_attribute_chains(src: &str) -> std::borrow::Cow<'_, str> {
    let b = src.as_bytes();
    let ws = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    // For the link that starts at the quote at `q`: the quote that closes its value.
    let link_end = |q: usize| -> Option<usize> {
        let mut i = q + 1;
        let from = i;
        while i < b.len() && ws(b[i]) {
            i += 1;
        }
        if i == from {
            return None;
        }
        let name = i;
        while i < b.len() && !ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        if i == name || b.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while i < b.len() && ws(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'"') {
            return None;
        }
        memchr_quote(b, i + 1)
    };
    // Links in a row end at the quote that starts the next one; `run` holds, for a quote that
    // ends a link, the longest uncut run of links ending there.
    let mut run: BTreeMap<usize, usize> = BTreeMap::new();
    let mut cuts: Vec<usize> = Vec::new();
    let mut q = memchr_quote(b, 0);
    while let Some(at) = q {
        let before = run.remove(&at).unwrap_or(0);
        if let Some(end) = link_end(at) {
            if before + 1 >= MAX_ATTRIBUTE_CHAIN {
                cuts.push(at + 1);
            } else {
                let e = run.entry(end).or_default();
                *e = (*e).max(before + 1);
            }
        }
        q = memchr_quote(b, at + 1);
    }
    // Each cut is a white-space byte.
    super::replace_ascii(src, &cuts, b'/')
}

/// The position of the next `"` at or after `from`.
fn memchr_quote(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?.iter().position(|&c| c == b'"').map(|p| from + p)
}

/// Closes elements that a start tag implicitly ends, as browsers do for the common cases.
fn close_implied(nodes: &[Node], open: &mut Open, name: &str) {
    let find = |open: &Open, what: &[&str], scope: &[&str]| -> Option<usize> {
        if !what.iter().any(|w| open.is_open(w)) {
            return None;
        }
        for (pos, &i) in open.ids.iter().enumerate().rev() {
            let n = nodes[i].name();
            if what.contains(&n) {
                return Some(pos);
            }
            if scope.contains(&n) {
                return None;
            }
        }
        None
    };
    const SCOPE: &[&str] = &["table", "td", "th", "button", "html", "body", "#document"];
    if CLOSES_P.contains(&name) {
        if let Some(pos) = find(open, &["p"], SCOPE) {
            open.truncate(nodes, pos);
        }
    }
    let (what, scope): (&[&str], &[&str]) = match name {
        "li" => (&["li"], &["ul", "ol", "menu", "table", "body", "#document"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl", "table", "body", "#document"]),
        "tr" => (&["tr"], &["table", "tbody", "thead", "tfoot", "#document"]),
        "td" | "th" => (&["td", "th"], &["tr", "table", "#document"]),
        "option" => (&["option"], &["select", "#document"]),
        _ => return,
    };
    if let Some(pos) = find(open, what, scope) {
        open.truncate(nodes, pos);
    }
}

/// The parsed page with per-node measures for choosing and cleaning the article.
struct Page {
    nodes: Vec<Node>,
    /// Whether each node is dropped, itself or through an ancestor.
    dropped: Vec<bool>,
    /// Non-space characters of kept text below each node.
    len: Vec<usize>,
    /// Of which inside links.
    link_len: Vec<usize>,
    commas: Vec<usize>,
    /// Length of kept paragraph text (paragraphs of 25 characters or more) below each node.
    ptext: Vec<usize>,
}

impl Page {
    fn new(nodes: Vec<Node>) -> Self {
        let n = nodes.len();
        let mut page = Page {
            nodes,
            dropped: vec![false; n],
            len: vec![0; n],
            link_len: vec![0; n],
            commas: vec![0; n],
            ptext: vec![0; n],
        };
        // Raw text lengths first (before class-based dropping), for the guard.
        for i in 1..n {
            let own = matches!(&page.nodes[i].kind, Kind::Element { name, .. } if DROP_TAGS.contains(&name.as_str()));
            page.dropped[i] = own || page.dropped[page.nodes[i].parent];
        }
        page.measure();
        let total = page.len[0].max(1);
        for i in 1..n {
            let parent_dropped = page.dropped[page.nodes[i].parent];
            page.dropped[i] = page.dropped[i] || parent_dropped || page.guarded(i, total);
        }
        page.measure();
        page
    }

    /// Whether node `i` is furniture by its tag, class, id, role or hidden state, and small
    /// enough (under half of the page's text) to be dropped on that evidence.
    fn guarded(&self, i: usize, total: usize) -> bool {
        let node = &self.nodes[i];
        let Kind::Element { name, .. } = &node.kind else { return false };
        if self.len[i] * 2 >= total {
            return false;
        }
        if name == "header" {
            return !self.has_descendant(i, "h1");
        }
        if GUARDED_TAGS.contains(&name.as_str()) || node.attr("hidden").is_some() {
            return true;
        }
        if node.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            return true;
        }
        if let Some(style) = node.attr("style") {
            let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            if s.contains("display:none") || s.contains("visibility:hidden") {
                return true;
            }
        }
        if node.attr("role").is_some_and(|r| DROP_ROLES.contains(&r.to_ascii_lowercase().as_str())) {
            return true;
        }
        let names = format!("{} {}", node.attr("class").unwrap_or(""), node.attr("id").unwrap_or(""));
        furniture_name(&names)
    }

    fn has_descendant(&self, i: usize, name: &str) -> bool {
        self.nodes[i].children.iter().any(|&c| self.nodes[c].name() == name || self.has_descendant(c, name))
    }

    /// Bottom-up text measures of kept nodes. Children always have larger indices than their
    /// parents, so one reverse pass suffices.
    fn measure(&mut self) {
        let n = self.nodes.len();
        self.len.iter_mut().for_each(|x| *x = 0);
        self.link_len.iter_mut().for_each(|x| *x = 0);
        self.commas.iter_mut().for_each(|x| *x = 0);
        self.ptext.iter_mut().for_each(|x| *x = 0);
        for i in (0..n).rev() {
            if self.dropped[i] {
                continue;
            }
            if let Kind::Text { value, .. } = &self.nodes[i].kind {
                self.len[i] = value.chars().filter(|c| !c.is_whitespace()).count();
                self.commas[i] = value.matches([',', '،', '，']).count();
            }
            let name = self.nodes[i].name();
            if name == "a" {
                self.link_len[i] = self.len[i];
            }
            if PARAGRAPH_TAGS.contains(&name) && self.len[i] >= 25 {
                self.ptext[i] = self.ptext[i].max(self.len[i]);
            }
            if i > 0 {
                let p = self.nodes[i].parent;
                self.len[p] += self.len[i];
                self.link_len[p] += self.link_len[i];
                self.commas[p] += self.commas[i];
                self.ptext[p] += self.ptext[i];
            }
        }
    }

    fn link_density(&self, i: usize) -> f64 {
        self.link_len[i] as f64 / self.len[i].max(1) as f64
    }

    /// The elements whose text is the article, in document order.
    fn roots(&self) -> Vec<usize> {
        let total = self.ptext[0];
        let kept = |i: &usize| !self.dropped[*i] && matches!(self.nodes[*i].kind, Kind::Element { .. });
        let largest = |pred: &dyn Fn(&Node) -> bool| -> Option<usize> {
            (0..self.nodes.len())
                .filter(kept)
                .filter(|&i| pred(&self.nodes[i]))
                .max_by_key(|&i| (self.ptext[i], usize::MAX - i))
        };
        if let Some(i) =
            largest(&|n| n.attr("itemprop").is_some_and(|v| v.split_whitespace().any(|w| w == "articleBody")))
                .filter(|&i| self.len[i] >= 80)
        {
            return vec![i];
        }
        for tag in ["article", "main"] {
            if let Some(i) = largest(&|n| n.name() == tag).filter(|&i| total > 0 && self.ptext[i] * 10 >= total * 4) {
                return vec![i];
            }
        }
        self.density_roots().unwrap_or_else(|| vec![self.body()])
    }

    fn body(&self) -> usize {
        (0..self.nodes.len()).find(|&i| self.nodes[i].name() == "body" && !self.dropped[i]).unwrap_or(0)
    }

    /// Readability-style scoring: each paragraph scores its parent fully and its grandparent by
    /// half; the best container, scaled by its link density, wins, with its sibling paragraphs.
    fn density_roots(&self) -> Option<Vec<usize>> {
        let n = self.nodes.len();
        let mut score = vec![0f64; n];
        for i in 1..n {
            if self.dropped[i] || !PARAGRAPH_TAGS.contains(&self.nodes[i].name()) || self.len[i] < 25 {
                continue;
            }
            let s = 1.0 + self.commas[i] as f64 + (self.len[i] as f64 / 100.0).min(3.0);
            let parent = self.nodes[i].parent;
            score[parent] += s;
            if parent != 0 {
                score[self.nodes[parent].parent] += s / 2.0;
            }
        }
        let scaled: Vec<f64> = (0..n).map(|i| score[i] * (1.0 - self.link_density(i))).collect();
        let top = (0..n).filter(|&i| scaled[i] > 0.0).fold(None, |best: Option<usize>, i| match best {
            Some(b) if scaled[b] >= scaled[i] => Some(b),
            _ => Some(i),
        })?;
        if top == 0 {
            return Some(vec![0]);
        }
        let threshold = (scaled[top] * 0.2).max(10.0);
        let siblings = &self.nodes[self.nodes[top].parent].children;
        let mut out = Vec::new();
        for &s in siblings {
            if self.dropped[s] || !matches!(self.nodes[s].kind, Kind::Element { .. }) {
                continue;
            }
            let ld = self.link_density(s);
            let para = self.nodes[s].name() == "p"
                && ((self.len[s] > 80 && ld < 0.25) || (self.len[s] > 0 && ld == 0.0 && self.ends_sentence(s)));
            if s == top || scaled[s] >= threshold || para {
                out.push(s);
            }
        }
        Some(out)
    }

    fn ends_sentence(&self, i: usize) -> bool {
        let mut s = String::new();
        self.collect_value(i, &mut s);
        s.trim_end().ends_with(['.', '!', '?', '"', '”'])
    }

    /// The decoded text below node `i` (for metadata), kept or not.
    fn collect_value(&self, i: usize, out: &mut String) {
        match &self.nodes[i].kind {
            Kind::Text { value, .. } => out.push_str(value),
            Kind::Element { .. } => self.nodes[i].children.iter().for_each(|&c| self.collect_value(c, out)),
        }
    }

    fn value(&self, i: usize) -> String {
        let mut s = String::new();
        self.collect_value(i, &mut s);
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Appends the kept text below node `i`.
    fn emit(&self, i: usize, out: &mut Emitter<'_>) {
        if self.dropped[i] {
            return;
        }
        match &self.nodes[i].kind {
            Kind::Text { span, .. } => out.raw(span.clone()),
            Kind::Element { name, .. } => {
                let block = BLOCK_TAGS.contains(&name.as_str());
                if block {
                    out.block();
                }
                for &c in &self.nodes[i].children {
                    self.emit(c, out);
                }
                if block {
                    out.block();
                }
            }
        }
    }

    /// Page metadata; `root` is the article element, searched first for `<h1>` and `<time>`.
    fn meta(&self, root: usize) -> Meta {
        let mut meta_tags: BTreeMap<String, String> = BTreeMap::new();
        let mut json = Meta::default();
        let (mut title_tag, mut h1, mut time) = (None, None, None);
        for (i, node) in self.nodes.iter().enumerate() {
            match node.name() {
                "meta" => {
                    let key = node.attr("property").or_else(|| node.attr("name")).or_else(|| node.attr("itemprop"));
                    if let (Some(k), Some(v)) = (key, node.attr("content")) {
                        let v = v.trim();
                        if !v.is_empty() {
                            meta_tags.entry(k.to_ascii_lowercase()).or_insert_with(|| v.to_string());
                        }
                    }
                }
                "title" if title_tag.is_none() => title_tag = Some(self.value(i)).filter(|s| !s.is_empty()),
                "h1" if (h1.is_none() || self.is_within(i, root) && !h1.is_some_and(|h| self.is_within(h, root)))
                    && !self.value(i).is_empty() =>
                {
                    h1 = Some(i);
                }
                "time"
                    if (time.is_none()
                        || self.is_within(i, root) && !time.is_some_and(|t| self.is_within(t, root)))
                        && node.attr("datetime").is_some_and(|d| !d.trim().is_empty()) =>
                {
                    time = Some(i);
                }
                "script" if node.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&self.value(i)) {
                        json.fill_from(json_ld(&v));
                    }
                }
                _ => {}
            }
        }
        let tag = |keys: &[&str]| keys.iter().find_map(|k| meta_tags.get(*k).cloned());
        let title = json
            .title
            .clone()
            .or_else(|| tag(&["og:title", "twitter:title"]))
            .or_else(|| h1.map(|i| self.value(i)))
            .or(title_tag);
        let date = tag(&["article:published_time", "og:published_time"])
            .or_else(|| json.date.clone())
            .or_else(|| {
                tag(&[
                    "date",
                    "datepublished",
                    "pubdate",
                    "publishdate",
                    "publish-date",
                    "publication_date",
                    "dc.date",
                    "dc.date.issued",
                    "dcterms.date",
                    "dcterms.created",
                    "sailthru.date",
                    "parsely-pub-date",
                ])
            })
            .or_else(|| time.and_then(|i| self.nodes[i].attr("datetime").map(|d| d.trim().to_string())));
        let source = tag(&["og:site_name", "application-name"]).or(json.source);
        Meta { title, date, source }
    }

    fn is_within(&self, mut i: usize, root: usize) -> bool {
        loop {
            if i == root {
                return true;
            }
            if i == 0 {
                return false;
            }
            i = self.nodes[i].parent;
        }
    }
}

/// Whether class and id words name page furniture.
fn furniture_name(names: &str) -> bool {
    let lower = names.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| DROP_WORDS.contains(w) || DROP_STEMS.iter().any(|s| w.starts_with(s)))
        || words.windows(2).any(|p| DROP_PAIRS.contains(&(p[0], p[1])))
}

/// Title, date and publisher from a JSON-LD value (an object, an array or an `@graph`), the
/// first article-like object winning.
fn json_ld(v: &serde_json::Value) -> Meta {
    use serde_json::Value;
    let mut meta = Meta::default();
    match v {
        Value::Array(items) => items.iter().for_each(|x| meta.fill_from(json_ld(x))),
        Value::Object(o) => {
            let s =
                |k: &str| o.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(String::from);
            meta.title = s("headline");
            meta.date = s("datePublished").or_else(|| s("dateCreated"));
            meta.source = match o.get("publisher") {
                Some(Value::Object(p)) => p.get("name").and_then(Value::as_str).map(String::from),
                Some(Value::String(p)) => Some(p.clone()),
                _ => None,
            };
            if let Some(g) = o.get("@graph") {
                meta.fill_from(json_ld(g));
            }
        }
        _ => {}
    }
    meta
}

/// Builds the analysis text and its map from source spans.
struct Emitter<'a> {
    src: &'a str,
    text: String,
    map: OffsetMap,
    /// Decoded entities seen so far (entity text → its value).
    entities: BTreeMap<String, String>,
}

impl<'a> Emitter<'a> {
    fn new(src: &'a str) -> Self {
        Emitter { src, text: String::new(), map: OffsetMap::new(), entities: BTreeMap::new() }
    }

    /// Ends the current paragraph with a blank line (not mapped to the source).
    fn block(&mut self) {
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        // Pushed text is mapped, so a trailing space stays rather than shifting the map.
        self.text.push_str(if self.text.ends_with('\n') { "\n" } else { "\n\n" });
    }

    fn at_break(&self) -> bool {
        self.text.is_empty() || self.text.ends_with([' ', '\n'])
    }

    fn push(&mut self, s: &str, source: Range<usize>) {
        let start = self.text.len();
        self.text.push_str(s);
        self.map.push(start..self.text.len(), source);
    }

    fn push_decoded(&mut self, s: &str, source: Range<usize>) {
        let start = self.text.len();
        self.text.push_str(s);
        self.map.push_decoded(start..self.text.len(), source);
    }

    /// Appends the source text at `span`, decoding entities and collapsing white space.
    fn raw(&mut self, span: Range<usize>) {
        let src = self.src;
        let Some(raw) = src.get(span.clone()) else { return };
        let mut pos = 0usize;
        while pos < raw.len() {
            let rest = &raw[pos..];
            let Some(c) = rest.chars().next() else { break };
            let at = span.start + pos;
            if c.is_whitespace() && c != '\u{a0}' {
                let len = rest.find(|c: char| !c.is_whitespace() || c == '\u{a0}').unwrap_or(rest.len());
                if !self.at_break() {
                    self.push(" ", at..at + len);
                }
                pos += len;
            } else if c == '&' {
                let Some(m) = ENTITY.find(rest) else {
                    self.push("&", at..at + 1);
                    pos += 1;
                    continue;
                };
                let candidate = m.as_str();
                let decoded = self.decode_entity(candidate);
                // The tokenizer may use only part of the candidate (`&ampx` is `&` + `x`): the
                // shared tail is copied text, the rest is the entity.
                let tail = common_suffix(candidate, &decoded).min(candidate.len() - 1);
                let (ent, val) = (&candidate[..candidate.len() - tail], &decoded[..decoded.len() - tail]);
                if !val.is_empty() {
                    self.push_decoded(val, at..at + ent.len());
                }
                if tail > 0 {
                    self.push(&candidate[ent.len()..], at + ent.len()..at + candidate.len());
                }
                pos += candidate.len();
            } else {
                let len = rest.find(|c: char| c == '&' || (c.is_whitespace() && c != '\u{a0}')).unwrap_or(rest.len());
                self.push(&rest[..len], at..at + len);
                pos += len;
            }
        }
    }

    /// Decodes one entity the way the HTML tokenizer does, by tokenizing it alone.
    fn decode_entity(&mut self, candidate: &str) -> String {
        if let Some(v) = self.entities.get(candidate) {
            return v.clone();
        }
        let mut value = String::new();
        for token in Tokenizer::new(candidate).flatten() {
            if let Token::String(s) = token {
                value.push_str(&String::from_utf8_lossy(&s));
            }
        }
        self.entities.insert(candidate.to_string(), value.clone());
        value
    }
}

/// Length in bytes of the longest common suffix of `a` and `b`, at a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences;

    fn at<'a>(e: &'a Extracted, word: &str) -> &'a str {
        let i = e.text.find(word).unwrap_or_else(|| panic!("{word} not in text: {:?}", e.text));
        &e.source[e.map.span_to_source(i..i + word.len())]
    }

    #[test]
    fn a_tag_with_thousands_of_quoted_attributes_does_not_overflow_the_stack() {
        // 100,000 attributes (600 KB): without the cuts, the tokenizer needs far more than the
        // 1 MB stack this runs on (a main thread's 8 MB overflowed at 20,000).
        let page = format!("<p {}>The harbour council met on Tuesday.</p>", "a=\"\" ".repeat(100_000));
        let text = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(move || read_html(&page).text)
            .unwrap()
            .join()
            .expect("read_html must not overflow");
        assert_eq!(text, "The harbour council met on Tuesday.");
    }

    #[test]
    fn attributes_after_a_cut_are_still_read() {
        // The class comes after 200 attributes, so after three cuts: the banner is still known.
        let page = format!(
            "<div {}class=\"cookie-banner\">We use cookies.</div><p>The harbour council met on Tuesday.</p>",
            "data-x=\"1\" ".repeat(200)
        );
        assert!(break_attribute_chains(&page).matches("\"/").count() >= 3);
        let e = read_html(&page);
        assert_eq!(e.text, "The harbour council met on Tuesday.");
        assert_eq!(at(&e, "harbour"), "harbour");
    }

    #[test]
    fn pages_without_long_attribute_runs_are_tokenized_as_they_are() {
        let page = "<p class=\"a\" id=\"b\" title=\"x y\">He said \"hello there\" and left.</p>";
        assert!(matches!(break_attribute_chains(page), std::borrow::Cow::Borrowed(_)));
    }

    const PAGE: &str = r##"<!DOCTYPE html>
<html><head><title>Ferry vote | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2023-05-12T09:30:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council approves ferry terminal","datePublished":"2023-05-12"}</script>
<style>p { color: red }</style></head>
<body>
<header class="site-header"><a href="/">Harbour Gazette</a><nav><a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<main>
<article>
  <h1>Council approves ferry terminal</h1>
  <div class="share-buttons"><a href="#">Share on Facebook</a></div>
  <p>The harbour council of Portmere voted on Tuesday to build a ferry terminal, its chair
     Agnes Dolan said. The caf&eacute; owners &amp; fishermen welcomed it.</p>
  <p>&ldquo;We waited years,&rdquo; Dolan said. The project will cost &euro;40&nbsp;million, about
     $43 million, and should open in 2026<br>after a vote in M&#252;nster&#x27;s twin town.</p>
  <aside class="related"><h2>Related</h2><ul><li><a href="/a">Mayor resigns after the vote in the...</a></li></ul></aside>
  <p>Share this article</p>
</article>
<section class="most-read"><h2>Most read</h2><p>A storm closed the port of another town for a week, officials said on Monday.</p></section>
</main>
<footer>&copy; 2023 Harbour Gazette. All rights reserved.</footer>
<script>var x = "<p>not text</p>";</script>
</body></html>"##;

    #[test]
    fn article_text_with_offsets_into_the_page() {
        let e = read_html(PAGE);
        for w in ["Portmere", "Agnes Dolan", "Tuesday", "2026", "Council approves ferry terminal"] {
            assert_eq!(at(&e, w), w);
        }
        // Decoded entities map to their whole entity; text after them maps exactly.
        assert_eq!(at(&e, "é"), "&eacute;");
        assert_eq!(at(&e, "café"), "caf&eacute;");
        assert_eq!(at(&e, "owners"), "owners");
        assert_eq!(at(&e, "fishermen"), "fishermen");
        assert_eq!(at(&e, "“We"), "&ldquo;We");
        assert_eq!(at(&e, "Münster's"), "M&#252;nster&#x27;s");
        assert_eq!(at(&e, "twin"), "twin");
        assert_eq!(at(&e, "€40\u{a0}million"), "&euro;40&nbsp;million");
        assert!(e.text.contains("chair Agnes"), "white space collapses: {:?}", e.text);
    }

    #[test]
    fn furniture_is_dropped() {
        let e = read_html(PAGE);
        for gone in
            ["News", "Sport", "cookies", "Accept", "Facebook", "Mayor resigns", "storm", "not text", "color", "rights"]
        {
            assert!(!e.text.contains(gone), "{gone} should be dropped: {:?}", e.text);
        }
        assert!(!e.text.contains("Share this article"));
    }

    #[test]
    fn blocks_become_sentences() {
        let e = read_html(PAGE);
        let s: Vec<&str> = sentences(&e.text).into_iter().map(|r| &e.text[r]).collect();
        assert_eq!(s[0], "Council approves ferry terminal");
        assert!(s.iter().any(|x| x.starts_with("after a vote")), "{s:?}");
    }

    #[test]
    fn meta_is_read() {
        let e = read_html(PAGE);
        assert_eq!(e.meta.title.as_deref(), Some("Council approves ferry terminal"));
        assert_eq!(e.meta.date.as_deref(), Some("2023-05-12T09:30:00Z"));
        assert_eq!(e.meta.source.as_deref(), Some("Harbour Gazette"));
        let e = read_html("<title>Only &amp; title</title><p>Text <time datetime=\"2021-02-03\">today</time>.</p>");
        assert_eq!(e.meta.title.as_deref(), Some("Only & title"));
        assert_eq!(e.meta.date.as_deref(), Some("2021-02-03"));
        let e = read_html(
            r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"headline":"G","datePublished":"2020-01-01","publisher":{"name":"P"}}]}</script><p>x</p>"#,
        );
        assert_eq!(
            (e.meta.title.as_deref(), e.meta.date.as_deref(), e.meta.source.as_deref()),
            (Some("G"), Some("2020-01-01"), Some("P"))
        );
    }

    #[test]
    fn density_scoring_without_semantic_tags() {
        let para = "The minister of transport, Ruth Okafor, said on Monday that the bridge would reopen in June, after repairs.";
        let html = format!(
            "<div id=top><a href=/>Home</a> <a href=/a>World</a> <a href=/b>Business</a></div>\
             <div class=wrap><div class=story><p>{para}</p><p>{para}</p><p>{para}</p></div>\
             <div class=links><p><a href=/x>Another headline about a different story entirely</a></p></div></div>"
        );
        let e = read_html(&html);
        assert_eq!(e.text.matches("Ruth Okafor").count(), 3);
        assert!(!e.text.contains("Home") && !e.text.contains("Another headline"), "{:?}", e.text);
        assert_eq!(at(&e, "Okafor"), "Okafor");
    }

    #[test]
    fn class_guard_keeps_a_page_wide_wrapper() {
        let html = "<form id=aspnetForm><div class=\"page has-sidebar\"><p>The court in Lviv sentenced the former mayor to eight years.</p></div></form>";
        let e = read_html(html);
        assert!(e.text.contains("eight years"), "{:?}", e.text);
    }

    #[test]
    fn ignore_comments_cover_the_next_block() {
        let src = "<html><body><article><p>The Kyiv office closed on Monday.</p>\n<!-- crosscheck-ignore name-variants -->\n<p>The Kiev office opened on Tuesday.</p><p>Kyiv again.</p></article></body></html>";
        let e = read_html(src);
        assert_eq!(e.directives.len(), 1);
        let covered = e.directives[0].covers.clone().unwrap();
        assert_eq!(&e.text[covered.clone()], "The Kiev office opened on Tuesday.");
        assert_eq!(&src[e.map.span_to_source(covered)], "The Kiev office opened on Tuesday.");
    }

    #[test]
    fn malformed_html_does_not_panic() {
        for src in [
            "",
            "<",
            "<p>unclosed <b>bold <i>it",
            "</div></div>text",
            "<p a=\"x>y</p>",
            "&",
            "&#xFFFFFFFF; &#0; &bogus; &amp",
            "<script>never closed",
            "<!-- comment",
            "<table><td>a<td>b<tr><td>c</table>",
            "é<p>ü&ouml;</p>\u{feff}",
        ] {
            let e = read_html(src);
            for p in e.map.pieces() {
                assert!(e.source.get(p.source.clone()).is_some(), "{src:?}");
                assert!(e.text.get(p.text.clone()).is_some(), "{src:?}");
            }
        }
        let deep = format!("{}<p>Deep text here.</p>", "<div>".repeat(200_000));
        assert!(read_html(&deep).text.contains("Deep text here."));
        let e = read_html("<table><td>alpha<td>beta<tr><td>gamma</table>");
        assert_eq!(e.text, "alpha\n\nbeta\n\ngamma");
    }

    #[test]
    fn same_length_reference_is_a_decoded_piece() {
        // Found by the `html` and `pipeline` fuzz targets: `&#0` is U+FFFD and `&acE;` is
        // U+223E U+0333, as many bytes as the reference, so a length test took them for copies.
        for (src, value) in [("<p>a &#0b</p>", "\u{fffd}"), ("<p>x &acE;y</p>", "\u{223e}\u{333}")] {
            let e = read_html(src);
            let at = e.text.find(value).expect("decoded");
            let piece = e.map.pieces().iter().find(|p| p.text.start == at).expect("a piece of its own");
            assert!(!piece.copied, "{src:?}: {piece:?}");
            for p in e.map.pieces().iter().filter(|p| p.copied) {
                assert_eq!(e.text[p.text.clone()].trim(), e.source[p.source.clone()].trim(), "{src:?}");
            }
            let tail = e.text.len() - 1;
            assert_eq!(&e.source[e.map.span_to_source(tail..tail + 1)], &e.text[tail..], "{src:?}");
        }
    }

    #[test]
    fn trimmed_trailing_space_leaves_no_piece_past_the_text() {
        // Found by the `html` fuzz target (`\xff\n`, read as "\u{FFFD}\n"): the mapped space of
        // the collapsed newline was trimmed from the text but its piece stayed in the map.
        for src in ["\u{FFFD}\n", "a\n", "<p>Zürich&nbsp;</p>\n", "<p>a &amp; b\t\n c&nbsp; </p>"] {
            let e = read_html(src);
            assert_eq!(e.text, e.text.trim_end(), "{src:?}");
            for p in e.map.pieces() {
                assert!(p.text.end <= e.text.len() && e.text.get(p.text.clone()).is_some(), "{src:?}: {p:?}");
                assert!(e.source.get(p.source.clone()).is_some(), "{src:?}: {p:?}");
            }
            let end = e.text.len();
            assert!(e.source.is_char_boundary(e.map.to_source(end, true)), "{src:?}");
        }
        let e = read_html("<p>Zürich&nbsp;</p>\n");
        assert_eq!(e.text, "Zürich");
        assert_eq!(&e.source[e.map.span_to_source(0..e.text.len())], "Zürich");
    }
}
