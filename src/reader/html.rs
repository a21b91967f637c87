//! Reading an HTML page into blocks (CLI only).
//!
//! html5ever (through `scraper`) repairs broken markup the way browsers do,
//! so any input gives a tree. From it we keep what a reader of the article
//! sees, following `rules.json` like the extension's content script:
//!
//! 1. **Visible text only**: skipped tags, ARIA roles and attributes, inline
//!    `display: none`, and (Readability's first pass) elements whose class or
//!    id looks like page furniture (`unlikely_pattern`).
//! 2. **The article root**: a page shorter than an article is read whole.
//!    Otherwise a Readability-like scoring of paragraphs picks the best
//!    container and its related siblings; the element the page marks as its
//!    article (`article_selectors`, the largest with `min_article_chars`)
//!    wins when that container is not inside it, and bounds it when it is.
//!    Failing both, `<body>`. When the result is too short, the page is read
//!    again less strictly (see [`Strictness`]).
//! 3. **Blocks**: block-level elements start a new block; inline elements
//!    (`<a>`, `<em>`) do not, so a sentence crossing them stays whole.
//!    Whitespace collapses as a browser renders it, `<br>` is a line break and
//!    `<br><br>` a paragraph break. Each block takes the role of its nearest
//!    role-giving element (heading, caption, byline, quote, list, data),
//!    except inside an element whose role is sticky (data: a list in a
//!    table cell is still data).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use regex::{Regex, RegexBuilder};
use scraper::node::Element;
use scraper::{Html, Node, Selector};
use serde::Deserialize;

use crate::text::{Block, Role};

/// One block of page text and what it is on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageBlock {
    pub text: String,
    pub role: Role,
}

impl PageBlock {
    pub fn as_block(&self) -> Block<'_> {
        Block {
            text: &self.text,
            role: self.role,
        }
    }
}

/// The visible article text of an HTML page, as blocks in reading order.
pub fn read(html: &str) -> Vec<PageBlock> {
    // Browsers drop a byte-order mark; html5ever would keep it as text.
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let doc = Html::parse_document(html);
    let rules = rules();
    // Like Readability, read again less strictly while the article comes out
    // too short: the page may use a furniture-like class name around its
    // content (`two-col-sidebar-layout`, `comment-body`). A short page with
    // no article either way keeps the strictest reading that found text, so
    // its furniture stays out.
    let mut fallback = None;
    for strictness in [Strictness::Strict, Strictness::Loose, Strictness::Lenient] {
        let blocks = Pass::new(&doc, rules, strictness).extract();
        if chars(&blocks) >= rules.min_article_chars {
            return blocks;
        }
        if fallback.is_none() && !blocks.is_empty() {
            fallback = Some(blocks);
        }
    }
    fallback.unwrap_or_default()
}

/// How a pass treats elements whose class or id looks like furniture
/// (`unlikely_pattern`) and link-heavy containers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strictness {
    /// They neither vote for the article root nor are read.
    Strict,
    /// They vote, but inside the chosen root they are not read.
    Loose,
    /// Nothing is dropped for its name or links.
    Lenient,
}

fn chars(blocks: &[PageBlock]) -> usize {
    blocks.iter().map(|b| b.text.chars().count()).sum()
}

/// `rules.json` compiled for use.
struct Rules {
    skip_tags: HashSet<String>,
    skip_roles: HashSet<String>,
    /// Attribute name → values that hide the element (empty: any value).
    skip_attributes: Vec<(String, Vec<String>)>,
    unlikely: Regex,
    maybe: Regex,
    block_tags: HashSet<String>,
    role_tags: HashMap<String, Role>,
    /// ARIA `role` value → block role.
    role_attributes: HashMap<String, Role>,
    /// Class/id patterns, checked in a fixed order so that an element matching
    /// two (`photo-credit`: caption and byline) always gets the same role.
    role_patterns: Vec<(Role, Regex)>,
    data_table: DataTable,
    /// Roles every block inside their element keeps.
    sticky_roles: Vec<Role>,
    article_selectors: Vec<Selector>,
    min_article_chars: usize,
    positive: Regex,
    negative: Regex,
}

#[derive(Deserialize)]
struct RulesFile {
    skip_tags: Vec<String>,
    skip_roles: Vec<String>,
    skip_attributes: BTreeMap<String, Vec<String>>,
    unlikely_pattern: String,
    maybe_pattern: String,
    block_tags: Vec<String>,
    role_tags: BTreeMap<String, String>,
    role_attributes: BTreeMap<String, Vec<String>>,
    role_patterns: BTreeMap<String, String>,
    data_table: DataTable,
    sticky_roles: Vec<String>,
    article_selectors: Vec<String>,
    min_article_chars: usize,
}

/// When a `<table>` holds data rather than layout (`rules.json` says how).
#[derive(Deserialize)]
struct DataTable {
    layout_roles: Vec<String>,
    data_attributes: Vec<String>,
    data_descendants: Vec<String>,
    min_rows: usize,
    min_columns: usize,
    min_cells: usize,
}

/// Readability's class weights (not in `rules.json`: the extension runs
/// Readability itself and only this reader imitates it).
const POSITIVE_PATTERN: &str =
    "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story";
const NEGATIVE_PATTERN: &str = "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget";

/// Class and id patterns are matched like JavaScript's `/…/i`: ASCII word
/// boundaries and case folding, so both readers agree on every name.
fn pattern(p: &str) -> Regex {
    RegexBuilder::new(p)
        .case_insensitive(true)
        .unicode(false)
        .build()
        .unwrap_or_else(|e| panic!("reader pattern {p:?}: {e}"))
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        // rules.json is compiled in, so a mistake in it is a bug caught by
        // the tests, not an input error.
        let file: RulesFile =
            serde_json::from_str(crate::reader::RULES_JSON).expect("src/reader/rules.json");
        let role_patterns = [Role::Caption, Role::Heading, Role::Byline]
            .into_iter()
            .filter_map(|role| {
                let (_, p) = file
                    .role_patterns
                    .iter()
                    .find(|(name, _)| Role::parse(name) == role)?;
                Some((role, pattern(p)))
            })
            .collect();
        Rules {
            skip_tags: file.skip_tags.into_iter().collect(),
            skip_roles: file.skip_roles.into_iter().collect(),
            skip_attributes: file.skip_attributes.into_iter().collect(),
            unlikely: pattern(&file.unlikely_pattern),
            maybe: pattern(&file.maybe_pattern),
            block_tags: file.block_tags.into_iter().collect(),
            role_tags: file
                .role_tags
                .iter()
                .map(|(tag, role)| (tag.clone(), Role::parse(role)))
                .collect(),
            role_attributes: file
                .role_attributes
                .iter()
                .flat_map(|(role, aria)| aria.iter().map(|a| (a.clone(), Role::parse(role))))
                .collect(),
            role_patterns,
            data_table: file.data_table,
            sticky_roles: file.sticky_roles.iter().map(|r| Role::parse(r)).collect(),
            article_selectors: file
                .article_selectors
                .iter()
                .map(|s| Selector::parse(s).unwrap_or_else(|e| panic!("selector {s:?}: {e:?}")))
                .collect(),
            min_article_chars: file.min_article_chars,
            positive: pattern(POSITIVE_PATTERN),
            negative: pattern(NEGATIVE_PATTERN),
        }
    })
}

/// Text measures of an element's visible content.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    /// Characters with whitespace runs counted once.
    chars: usize,
    commas: usize,
    /// Characters inside links (in-page `#` links count 0.3, as in Readability).
    link_chars: f64,
    /// Characters inside lists (`<ul>`, `<ol>`).
    list_chars: usize,
    /// A child element is a block: a `<div>` without one reads as a paragraph.
    block_child: bool,
}

impl Stats {
    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars / self.chars as f64
        }
    }
}

/// Paragraphs shorter than this do not vote for a container (Readability).
const MIN_PARAGRAPH_CHARS: usize = 25;
/// Longest element a class or id pattern gives a role to.
const ROLE_PATTERN_MAX_CHARS: usize = 500;

/// One reading of the page.
struct Pass<'a> {
    doc: &'a Html,
    rules: &'static Rules,
    strictness: Strictness,
    /// Every element that is read (absent: hidden, skipped or inside such).
    stats: HashMap<NodeId, Stats>,
    /// Paragraph-like elements long enough to vote, in document order.
    paragraphs: Vec<NodeRef<'a, Node>>,
}

/// Visit a subtree in document order without recursion (pages nest deeply).
/// `visit` gets `Open` and `Close` edges; returning false on `Open` skips
/// the node's subtree and its `Close`.
fn walk<'a>(root: NodeRef<'a, Node>, mut visit: impl FnMut(Edge<'a, Node>) -> bool) {
    let mut skipping: Option<NodeId> = None;
    for edge in root.traverse() {
        match (edge, skipping) {
            (Edge::Open(n), None) if !visit(edge) => skipping = Some(n.id()),
            (Edge::Close(n), Some(id)) if n.id() == id => skipping = None,
            (Edge::Close(_), None) => {
                visit(edge);
            }
            _ => {}
        }
    }
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// Length of text with each whitespace run counted as one character.
fn collapsed_len(s: &str) -> usize {
    let mut n = 0;
    let mut space = false;
    for c in s.chars() {
        if is_html_space(c) {
            space = true;
        } else {
            n += 1 + usize::from(space);
            space = false;
        }
    }
    n + usize::from(space)
}

fn is_comma(c: char) -> bool {
    // Readability counts the commas of several scripts.
    matches!(
        c,
        ',' | '\u{060C}'
            | '\u{FE50}'
            | '\u{FE10}'
            | '\u{FE11}'
            | '\u{2E41}'
            | '\u{2E34}'
            | '\u{2E32}'
            | '\u{FF0C}'
    )
}

impl<'a> Pass<'a> {
    fn new(doc: &'a Html, rules: &'static Rules, strictness: Strictness) -> Pass<'a> {
        let mut pass = Pass {
            doc,
            rules,
            strictness,
            stats: HashMap::new(),
            paragraphs: Vec::new(),
        };
        pass.measure();
        pass
    }

    /// One pass over the tree: which elements are read, and their stats.
    fn measure(&mut self) {
        let mut stack: Vec<Stats> = vec![Stats::default()];
        let mut stats = HashMap::new();
        let mut paragraphs = Vec::new();
        walk(self.doc.tree.root(), |edge| match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(el) if self.excluded(n, el) => false,
                Node::Element(_) => {
                    stack.push(Stats::default());
                    true
                }
                Node::Text(t) => {
                    let top = stack.last_mut().expect("root stats");
                    top.chars += collapsed_len(t);
                    top.commas += t.chars().filter(|&c| is_comma(c)).count();
                    true
                }
                _ => true,
            },
            Edge::Close(n) => {
                let Node::Element(el) = n.value() else {
                    return true;
                };
                let mut s = stack.pop().expect("stats pushed on open");
                let tag = el.name();
                if matches!(tag, "ul" | "ol") {
                    s.list_chars = s.chars;
                }
                if let (true, Some(href)) = (tag == "a", el.attr("href")) {
                    let weight = if href.starts_with('#') { 0.3 } else { 1.0 };
                    s.link_chars = s.chars as f64 * weight;
                }
                let votes = matches!(
                    tag,
                    "p" | "td" | "pre" | "section" | "h2" | "h3" | "h4" | "h5" | "h6"
                ) || (tag == "div" && !s.block_child);
                if votes && s.chars >= MIN_PARAGRAPH_CHARS {
                    paragraphs.push(n);
                }
                stats.insert(n.id(), s);
                let parent = stack.last_mut().expect("root stats");
                parent.chars += s.chars;
                parent.commas += s.commas;
                parent.link_chars += s.link_chars;
                parent.list_chars += s.list_chars;
                parent.block_child |= self.rules.block_tags.contains(tag);
                true
            }
        });
        self.stats = stats;
        self.paragraphs = paragraphs;
    }

    /// Not read at all: hidden, a skipped tag or role, or (strict pass) an
    /// element whose class or id says it is furniture.
    fn excluded(&self, n: NodeRef<'a, Node>, el: &Element) -> bool {
        let r = self.rules;
        if r.skip_tags.contains(el.name()) {
            return true;
        }
        if let Some(role) = el.attr("role") {
            if role
                .split_ascii_whitespace()
                .any(|t| r.skip_roles.contains(&t.to_ascii_lowercase()))
            {
                return true;
            }
        }
        for (name, values) in &r.skip_attributes {
            if let Some(v) = el.attr(name) {
                if values.is_empty() || values.iter().any(|x| x.eq_ignore_ascii_case(v.trim())) {
                    return true;
                }
            }
        }
        if let Some(style) = el.attr("style") {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            if style.contains("display:none") || style.contains("visibility:hidden") {
                return true;
            }
        }
        self.strictness == Strictness::Strict && self.unlikely(n, el)
    }

    /// Readability's unlikely candidates: class or id matching the unlikely
    /// pattern and not the maybe pattern; never `<body>`, links, or anything
    /// inside a table or code (their class names are not about layout). As
    /// in the extension, `<article>` and `<main>` say what they are.
    fn unlikely(&self, n: NodeRef<'a, Node>, el: &Element) -> bool {
        if matches!(el.name(), "html" | "body" | "a" | "article" | "main") {
            return false;
        }
        let names = class_and_id(el);
        if names.is_empty()
            || !self.rules.unlikely.is_match(&names)
            || self.rules.maybe.is_match(&names)
        {
            return false;
        }
        !n.ancestors()
            .any(|a| matches!(a.value(), Node::Element(e) if matches!(e.name(), "table" | "code")))
    }

    fn body(&self) -> Option<NodeRef<'a, Node>> {
        self.doc
            .tree
            .root()
            .descendants()
            .find(|n| matches!(n.value(), Node::Element(e) if e.name() == "body"))
            .filter(|n| self.stats.contains_key(&n.id()))
    }

    fn chars_of(&self, n: NodeRef<'a, Node>) -> usize {
        self.stats.get(&n.id()).map_or(0, |s| s.chars)
    }

    /// The elements whose text is the article, in document order.
    fn roots(&self) -> Vec<NodeRef<'a, Node>> {
        let Some(body) = self.body() else {
            // A frameset page or one whose body is hidden: read what is left.
            return vec![self.doc.tree.root()];
        };
        // A page shorter than an article is read whole (less its furniture):
        // choosing a container would only lose text.
        if self.chars_of(body) < self.rules.min_article_chars {
            return vec![body];
        }
        let selected = self.selected_article();
        let scored = self.scored_article();
        match (selected, scored) {
            // The page's own marker bounds the article; the scoring finds
            // the body text inside it, without comments and teasers.
            (Some(sel), Some(roots)) if roots.iter().all(|r| r.ancestors().any(|a| a == sel)) => {
                roots
            }
            (Some(sel), _) => vec![sel],
            (None, Some(roots)) => roots,
            (None, None) => vec![body],
        }
    }

    /// The page says where its article is: the first selector with a match
    /// long enough, and of its matches the one with the most text (a page
    /// may mark teasers or comments as `<article>` too).
    fn selected_article(&self) -> Option<NodeRef<'a, Node>> {
        for sel in &self.rules.article_selectors {
            let best = self
                .doc
                .select(sel)
                .map(|e| *e)
                .filter(|n| self.chars_of(*n) >= self.rules.min_article_chars)
                .max_by_key(|n| self.chars_of(*n));
            if best.is_some() {
                return best;
            }
        }
        None
    }

    fn class_weight(&self, el: &Element) -> f64 {
        let mut w = 0.0;
        for v in [el.attr("class"), el.attr("id")].into_iter().flatten() {
            if self.rules.negative.is_match(v) {
                w -= 25.0;
            }
            if self.rules.positive.is_match(v) {
                w += 25.0;
            }
        }
        w
    }

    fn initial_score(&self, el: &Element) -> f64 {
        let base = match el.name() {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + self.class_weight(el)
    }

    /// Readability's choice: each paragraph scores its parent and, less and
    /// less, four more ancestors (commas and length count); scores are scaled
    /// down by link density; the best container wins, is widened when its
    /// rivals share an ancestor or its parent scores as well, and related
    /// siblings join it. `None` when nothing scores or the winner is `<body>`.
    fn scored_article(&self) -> Option<Vec<NodeRef<'a, Node>>> {
        let mut scores: HashMap<NodeId, f64> = HashMap::new();
        let mut order: Vec<NodeRef<'a, Node>> = Vec::new();
        for p in &self.paragraphs {
            let s = self.stats[&p.id()];
            let score = 1.0 + s.commas as f64 + (s.chars / 100).min(3) as f64;
            let ancestors = p
                .ancestors()
                .filter(|a| a.value().is_element())
                // The <html> element never holds the article.
                .filter(|a| a.parent().is_some_and(|g| g.value().is_element()))
                .take(5);
            for (level, a) in ancestors.enumerate() {
                let Node::Element(el) = a.value() else {
                    continue;
                };
                let entry = scores.entry(a.id()).or_insert_with(|| {
                    order.push(a);
                    self.initial_score(el)
                });
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                *entry += score / divider;
            }
        }
        for n in &order {
            let density = self.stats.get(&n.id()).map_or(0.0, |s| s.link_density());
            if let Some(v) = scores.get_mut(&n.id()) {
                *v *= 1.0 - density;
            }
        }
        let mut ranked: Vec<(NodeRef<'a, Node>, f64)> =
            order.iter().map(|n| (*n, scores[&n.id()])).collect();
        // Stable sort keeps document order among equal scores.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let &(mut top, top_score) = ranked.first()?;
        if is_tag(top, "body") {
            return None;
        }

        // Several near-best candidates under one ancestor: the article is
        // split into sections, take the ancestor.
        let rivals: Vec<NodeRef<'a, Node>> = ranked[1..]
            .iter()
            .take(4)
            .filter(|(_, s)| *s / top_score >= 0.75)
            .map(|(n, _)| *n)
            .collect();
        if rivals.len() >= 3 {
            let mut parent = top.parent();
            while let Some(p) = parent.filter(|p| !is_tag(*p, "body") && p.value().is_element()) {
                let shared = rivals
                    .iter()
                    .filter(|r| r.ancestors().any(|a| a.id() == p.id()))
                    .count();
                if shared >= 3 {
                    top = p;
                    break;
                }
                parent = p.parent();
            }
        }

        // Climb while the parent scores comparably: the winner may be one
        // part of the real container.
        // An ancestor taken above may not have been scored: it starts from
        // its tag and class, as in Readability.
        let score_of = |n: NodeRef<'a, Node>| {
            scores
                .get(&n.id())
                .copied()
                .or_else(|| element(n).map(|e| self.initial_score(e)))
        };
        let mut last = score_of(top).unwrap_or(0.0);
        let threshold = last / 3.0;
        let mut parent = top.parent();
        while let Some(p) = parent.filter(|p| !is_tag(*p, "body") && p.value().is_element()) {
            let Some(&s) = scores.get(&p.id()) else {
                parent = p.parent();
                continue;
            };
            if s < threshold {
                break;
            }
            if s > last {
                top = p;
                break;
            }
            last = s;
            parent = p.parent();
        }

        // An only child says nothing more than its parent does.
        while let Some(p) = top.parent().filter(|p| !is_tag(*p, "body")) {
            if !p.value().is_element()
                || p.children().filter(|c| c.value().is_element()).count() != 1
            {
                break;
            }
            top = p;
        }
        if is_tag(top, "body") {
            return None;
        }

        Some(self.with_siblings(top, score_of(top).unwrap_or(0.0), &scores))
    }

    /// Readability's sibling rule: siblings that score well, share the
    /// winner's class, or are paragraphs of prose join the article.
    fn with_siblings(
        &self,
        top: NodeRef<'a, Node>,
        top_score: f64,
        scores: &HashMap<NodeId, f64>,
    ) -> Vec<NodeRef<'a, Node>> {
        let Some(parent) = top.parent() else {
            return vec![top];
        };
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = element(top).and_then(|e| e.attr("class")).unwrap_or("");
        parent
            .children()
            .filter(|s| {
                if s.id() == top.id() {
                    return true;
                }
                let (Some(el), Some(st)) = (element(*s), self.stats.get(&s.id())) else {
                    return false;
                };
                let bonus = if !top_class.is_empty() && el.attr("class") == Some(top_class) {
                    top_score * 0.2
                } else {
                    0.0
                };
                if scores.get(&s.id()).is_some_and(|v| v + bonus >= threshold) {
                    return true;
                }
                if el.name() != "p" {
                    return false;
                }
                let density = st.link_density();
                if st.chars > 80 {
                    density < 0.25
                } else {
                    st.chars > 0 && density == 0.0 && ends_sentence(*s)
                }
            })
            .collect()
    }

    /// The blocks of the article.
    fn extract(&self) -> Vec<PageBlock> {
        let mut out = BlockWriter::default();
        for root in self.roots() {
            self.write(root, &mut out);
        }
        out.finish()
    }

    fn write(&self, root: NodeRef<'a, Node>, out: &mut BlockWriter) {
        let root_chars = self.chars_of(root);
        walk(root, |edge| match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(el) => {
                    if !self.stats.contains_key(&n.id()) {
                        return false;
                    }
                    if n != root && self.dropped_inside_root(n, el, root_chars) {
                        return false;
                    }
                    let tag = el.name();
                    if tag == "br" {
                        out.line_break();
                        return false;
                    }
                    let fixed = self.fixed_role(n, el);
                    // Inside a sticky role nothing gives another.
                    let sticky = out
                        .block_role()
                        .is_some_and(|r| self.rules.sticky_roles.contains(&r));
                    out.open(Open {
                        block: fixed.is_some() || self.rules.block_tags.contains(tag),
                        role: if sticky {
                            None
                        } else {
                            fixed.or_else(|| self.pattern_role(n, el))
                        },
                        pre: tag == "pre",
                    });
                    true
                }
                Node::Text(t) => {
                    out.text(t);
                    true
                }
                _ => true,
            },
            Edge::Close(n) => {
                if n.value().is_element() {
                    out.close();
                }
                true
            }
        });
        out.block_edge();
    }

    /// Furniture inside the article: elements named like it (unless the
    /// strict pass already kept them from voting) and, as in Readability's
    /// conditional cleaning, containers whose class says they are not
    /// content, or that are mostly links (related stories, share bars)
    /// unless they are lists, which may be the article's own. Containers of
    /// prose (with commas) stay, and so does one holding most of the
    /// article's text, whatever its name: it is the article.
    fn dropped_inside_root(&self, n: NodeRef<'a, Node>, el: &Element, root_chars: usize) -> bool {
        if self.strictness == Strictness::Lenient {
            return false;
        }
        if self.strictness == Strictness::Loose && self.unlikely(n, el) {
            return true;
        }
        let tag = el.name();
        let Some(s) = self.stats.get(&n.id()) else {
            return true;
        };
        let container =
            matches!(tag, "ul" | "ol" | "table" | "section") || (tag == "div" && s.block_child);
        if !container || s.commas >= 10 || s.chars * 2 > root_chars {
            return false;
        }
        let weight = self.class_weight(el);
        let density = s.link_density();
        let list = s.list_chars * 10 > s.chars * 9;
        weight < 0.0
            || (weight >= 25.0 && density > 0.5)
            || (!list && weight < 25.0 && density > 0.2)
    }

    /// The role an element's tag or ARIA role gives the blocks inside it
    /// (tag first, then a data table, then ARIA, as in the extension). Such
    /// an element is a block of its own, even a `<span role="heading">`.
    fn fixed_role(&self, n: NodeRef<'a, Node>, el: &Element) -> Option<Role> {
        let r = self.rules;
        if let Some(role) = r.role_tags.get(el.name()) {
            return Some(*role);
        }
        if el.name() == "table" && data_table(&r.data_table, n, el) {
            return Some(Role::Data);
        }
        let aria = el.attr("role")?.trim().to_ascii_lowercase();
        r.role_attributes.get(&aria).copied()
    }

    /// The role a class or id gives (`byline`, `wp-caption-text`), for
    /// short elements only: a wrapper named `article-header-meta` around the
    /// whole story must not make every paragraph furniture.
    fn pattern_role(&self, n: NodeRef<'a, Node>, el: &Element) -> Option<Role> {
        if self.chars_of(n) > ROLE_PATTERN_MAX_CHARS {
            return None;
        }
        let names = class_and_id(el);
        if names.is_empty() {
            return None;
        }
        let (role, _) = self
            .rules
            .role_patterns
            .iter()
            .find(|(_, p)| p.is_match(&names))?;
        Some(*role)
    }
}

fn element<'a>(n: NodeRef<'a, Node>) -> Option<&'a Element> {
    match n.value() {
        Node::Element(e) => Some(e),
        _ => None,
    }
}

fn is_tag(n: NodeRef<'_, Node>, tag: &str) -> bool {
    element(n).is_some_and(|e| e.name() == tag)
}

fn class_and_id(el: &Element) -> String {
    match (el.attr("class"), el.attr("id")) {
        (Some(c), Some(i)) => format!("{c} {i}"),
        (Some(c), None) => c.to_string(),
        (None, Some(i)) => i.to_string(),
        (None, None) => String::new(),
    }
}

/// Whether a `<table>` holds data (an infobox, a table of figures) rather
/// than laying out the page: `rules.json`'s `data_table`, Readability's
/// test, except that only the table's own part counts (not the tables
/// nested in it): a layout table around a data table is layout, not data,
/// and each element is looked at for one table only, so nested tables cost
/// linear time. Hidden parts count, as in the extension's DOM queries.
fn data_table(t: &DataTable, n: NodeRef<'_, Node>, el: &Element) -> bool {
    if el.attr("role").is_some_and(|r| {
        t.layout_roles
            .iter()
            .any(|l| r.trim().eq_ignore_ascii_case(l))
    }) {
        return false;
    }
    if t.data_attributes
        .iter()
        .any(|a| el.attr(a).is_some_and(|v| !v.is_empty()))
    {
        return true;
    }
    let (mut data, mut nested) = (false, false);
    // Cells per row, and the row each element to visit sits in.
    let mut rows: Vec<usize> = Vec::new();
    let mut stack: Vec<(NodeRef<'_, Node>, Option<usize>)> =
        n.children().map(|c| (c, None)).collect();
    while let Some((d, row)) = stack.pop() {
        let Some(e) = element(d) else { continue };
        let mut row = row;
        match e.name() {
            "table" => {
                nested = true;
                continue;
            }
            "tr" => {
                rows.push(0);
                row = Some(rows.len() - 1);
            }
            "td" => {
                if let Some(r) = row {
                    rows[r] += colspan(e.attr("colspan"));
                }
            }
            name if t.data_descendants.iter().any(|x| x == name) => data = true,
            _ => {}
        }
        stack.extend(d.children().map(|c| (c, row)));
    }
    if data {
        return true;
    }
    if nested {
        return false;
    }
    let columns = rows.iter().copied().max().unwrap_or(0);
    let rows = rows.len();
    rows > 1
        && columns > 1
        && (rows >= t.min_rows || columns >= t.min_columns || rows * columns >= t.min_cells)
}

/// A cell's `colspan` when it is a positive whole number (at most the
/// 1000 browsers allow), else 1.
fn colspan(v: Option<&str>) -> usize {
    v.map(str::trim)
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        // Digits past usize's range are a very large span: 1000.
        .map(|v| v.parse::<usize>().unwrap_or(usize::MAX))
        .filter(|&n| n > 0)
        .map_or(1, |n| n.min(1000))
}

/// A short paragraph that ends a sentence is prose, not a label.
fn ends_sentence(n: NodeRef<'_, Node>) -> bool {
    let text: String = n
        .descendants()
        .filter_map(|d| match d.value() {
            Node::Text(t) => Some(&**t),
            _ => None,
        })
        .collect();
    let text = text.trim_end();
    text.ends_with('.') || text.contains(". ")
}

/// Builds blocks from the walk: collapses whitespace, tracks roles.
#[derive(Default)]
struct BlockWriter {
    blocks: Vec<PageBlock>,
    current: String,
    role: Role,
    /// Whitespace seen since the last character: one space if text follows.
    space: bool,
    /// The elements open around the current text, innermost last.
    open: Vec<Open>,
    /// Roles given by the open block elements, innermost last.
    roles: Vec<Role>,
    /// Roles given by open inline elements (`<span class="byline">`): they
    /// do not split a sentence, but a block made only of such text takes
    /// the role.
    inline_roles: Vec<Role>,
    /// The inline role every character of the current block had so far
    /// (`Some(None)`: none, or not the same one throughout).
    inline_role: Option<Option<Role>>,
    /// Open `<pre>` elements: whitespace is kept inside them.
    pre: usize,
}

/// How an open element shapes the text inside it.
struct Open {
    /// Starts and ends a block.
    block: bool,
    role: Option<Role>,
    pre: bool,
}

impl BlockWriter {
    fn open(&mut self, o: Open) {
        if o.block {
            self.block_edge();
        }
        match (o.role, o.block) {
            (Some(role), true) => self.roles.push(role),
            (Some(role), false) => self.inline_roles.push(role),
            (None, _) => {}
        }
        self.pre += usize::from(o.pre);
        self.open.push(o);
    }

    /// The role the innermost open block element gives, if any.
    fn block_role(&self) -> Option<Role> {
        self.roles.last().copied()
    }

    fn close(&mut self) {
        let Some(o) = self.open.pop() else {
            return;
        };
        if o.block {
            self.block_edge();
        }
        if o.role.is_some() {
            if o.block {
                self.roles.pop();
            } else {
                self.inline_roles.pop();
            }
        }
        self.pre -= usize::from(o.pre);
    }

    fn push(&mut self, c: char) {
        if self.current.is_empty() {
            self.role = self.roles.last().copied().unwrap_or_default();
        }
        let inline = self.inline_roles.last().copied();
        self.inline_role = match self.inline_role {
            None => Some(inline),
            Some(r) if r == inline => Some(r),
            Some(_) => Some(None),
        };
        self.current.push(c);
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            for c in t.chars() {
                match c {
                    '\r' => {}
                    // A blank line would read as a block boundary in the
                    // joined text, so consecutive newlines count once.
                    '\n' => {
                        if !self.current.is_empty() && !self.current.ends_with('\n') {
                            self.current.push('\n');
                        }
                    }
                    c => self.push(c),
                }
            }
            self.space = false;
            return;
        }
        for c in t.chars() {
            if is_html_space(c) {
                self.space = !self.current.is_empty() && !self.current.ends_with('\n');
            } else {
                if self.space {
                    self.current.push(' ');
                    self.space = false;
                }
                self.push(c);
            }
        }
    }

    /// `<br>`: a new line; a second one in a row ends the paragraph.
    fn line_break(&mut self) {
        self.space = false;
        if self.current.ends_with('\n') {
            self.block_edge();
        } else if !self.current.is_empty() {
            self.current.push('\n');
        }
    }

    fn block_edge(&mut self) {
        self.space = false;
        let text = self.current.trim_end_matches(is_html_space);
        if !is_blank(text) {
            let role = match (self.role, self.inline_role) {
                (Role::Paragraph, Some(Some(inline))) => inline,
                (role, _) => role,
            };
            self.blocks.push(PageBlock {
                text: text.to_string(),
                role,
            });
        }
        self.current.clear();
        self.inline_role = None;
    }

    fn finish(mut self) -> Vec<PageBlock> {
        self.block_edge();
        self.blocks
    }
}

/// Nothing a reader could read: `<p>&nbsp;</p>` and the like.
fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_file_compiles() {
        let r = rules();
        assert!(r.skip_tags.contains("script"));
        assert!(r.block_tags.contains("p"));
        assert_eq!(r.role_tags.get("h1"), Some(&Role::Heading));
        assert!(!r.article_selectors.is_empty());
        assert!(r.unlikely.is_match("sidebar-Left"));
        assert!(!r.unlikely.is_match("headline"));
    }

    #[test]
    fn collapsed_length_counts_whitespace_runs_once() {
        assert_eq!(collapsed_len("a  \n b"), 3);
        assert_eq!(collapsed_len(" ab "), 4);
    }
}
