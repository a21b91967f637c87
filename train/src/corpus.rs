//! PolNeAR (Newell, Margolin and Ruths, LREC 2018): articles and their
//! BRAT standoff annotations, turned into tagging instances over the
//! core's own tokens.

use std::fs;
use std::path::{Path, PathBuf};

use whosays::model::training::{cue_tag, prepare, role_tag};

/// A span as character (code point) ranges, possibly discontinuous.
pub type Ranges = Vec<(usize, usize)>;

#[derive(Debug, Clone, Default)]
pub struct GoldAttribution {
    pub cue: Ranges,
    pub source: Option<Ranges>,
    pub content: Option<Ranges>,
}

pub struct Article {
    pub name: String,
    pub path: PathBuf,
    /// The annotation file read.
    pub ann: PathBuf,
    pub text: String,
    pub gold: Vec<GoldAttribution>,
}

/// The articles of a split (`dir/text`, `dir/attributions`), with the first
/// annotator's file in name order where several annotated one article — the
/// same choice as the scorer.
pub fn read_split(dir: &Path) -> Result<Vec<Article>, String> {
    let ann_dir = dir.join("attributions");
    let mut names: Vec<String> = fs::read_dir(&ann_dir)
        .map_err(|e| format!("{}: {e}", ann_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    names.sort();
    let mut out: Vec<Article> = Vec::new();
    for name in names {
        // NAME_abcd.ann: the stem is NAME.
        let stem = &name[..name.len() - ".ann".len()];
        let stem = match stem.rsplit_once('_') {
            Some((s, id)) if id.len() == 4 && id.bytes().all(|b| b.is_ascii_hexdigit()) => s,
            _ => stem,
        };
        if out.last().is_some_and(|a| a.name == stem) {
            continue;
        }
        let path = dir.join("text").join(format!("{stem}.txt"));
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let ann_path = ann_dir.join(&name);
        let ann = fs::read_to_string(&ann_path).map_err(|e| format!("{name}: {e}"))?;
        out.push(Article {
            name: stem.to_string(),
            path,
            ann: ann_path,
            text,
            gold: parse_ann(&ann),
        });
    }
    Ok(out)
}

/// Attributions from BRAT standoff: `T` lines are spans, `E` lines tie a
/// Cue, a Source and a Content together.
fn parse_ann(ann: &str) -> Vec<GoldAttribution> {
    let mut spans = std::collections::HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        if parts.len() < 2 {
            continue;
        }
        if line.starts_with('T') {
            let Some((_, offs)) = parts[1].split_once(' ') else {
                continue;
            };
            let ranges: Option<Ranges> = offs
                .split(';')
                .map(|p| {
                    let mut it = p.split_whitespace().map(|x| x.parse::<usize>().ok());
                    Some((it.next()??, it.next()??))
                })
                .collect();
            if let Some(r) = ranges {
                spans.insert(parts[0].to_string(), r);
            }
        } else if line.starts_with('E') {
            let roles: Vec<(String, String)> = parts[1]
                .split_whitespace()
                .filter_map(|item| {
                    let (role, id) = item.split_once(':')?;
                    Some((role.to_string(), id.to_string()))
                })
                .collect();
            events.push(roles);
        }
    }
    let mut out = Vec::new();
    for roles in events {
        let get = |want: &str| {
            roles
                .iter()
                .find(|(r, _)| r == want)
                .and_then(|(_, id)| spans.get(id).cloned())
        };
        if let Some(cue) = get("Cue") {
            out.push(GoldAttribution {
                cue,
                source: get("Source"),
                content: get("Content"),
            });
        }
    }
    out
}

/// One sentence for the cue tagger.
pub struct CueInstance {
    pub features: Vec<Vec<u32>>,
    pub tags: Vec<u8>,
}

/// One cue's window for the role tagger.
pub struct RoleInstance {
    pub features: Vec<Vec<u32>>,
    pub tags: Vec<u8>,
    /// Position of the cue in the window.
    pub cue: (usize, usize),
}

/// Byte offset of every character offset of `text` (and of its end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Token indices whose bytes overlap any of `ranges` (character offsets).
fn tokens_in(ranges: &Ranges, toks: &[(usize, usize)], c2b: &[usize]) -> Vec<usize> {
    let bytes: Vec<(usize, usize)> = ranges
        .iter()
        .filter(|&&(a, b)| a < b && b < c2b.len())
        .map(|&(a, b)| (c2b[a], c2b[b]))
        .collect();
    (0..toks.len())
        .filter(|&k| bytes.iter().any(|&(a, b)| toks[k].0 < b && a < toks[k].1))
        .collect()
}

/// Tagging instances of one article: its sentences for the cue tagger and
/// its gold cues' windows for the role tagger.
pub fn instances(article: &Article) -> (Vec<CueInstance>, Vec<RoleInstance>) {
    prepare(&article.text, |p| {
        let toks = p.tokens();
        let c2b = char_to_byte(&article.text);
        let mut cue_at = vec![cue_tag::O; toks.len()];
        let mut golds = Vec::new();
        for g in &article.gold {
            let cue = tokens_in(&g.cue, &toks, &c2b);
            let (Some(&first), Some(&last)) = (cue.first(), cue.last()) else {
                continue;
            };
            for &k in &cue {
                cue_at[k] = if k == first { cue_tag::B } else { cue_tag::I };
            }
            golds.push((g, (first, last + 1)));
        }
        let cues = p
            .sentences()
            .into_iter()
            .map(|(lo, hi)| CueInstance {
                features: p.cue_features(lo, hi),
                tags: spans_restarted(&cue_at[lo..hi]),
            })
            .collect();
        let roles = golds
            .into_iter()
            .map(|(g, cue)| {
                let win = p.window(cue);
                let mut tags = vec![role_tag::O; win.1 - win.0];
                let mut mark = |ranges: &Option<Ranges>, b: u8, i: u8| {
                    if let Some(r) = ranges {
                        let mut prev: Option<usize> = None;
                        for k in tokens_in(r, &toks, &c2b) {
                            if k >= win.0 && k < win.1 {
                                let first = prev != Some(k.wrapping_sub(1));
                                tags[k - win.0] = if first { b } else { i };
                            }
                            prev = Some(k);
                        }
                    }
                };
                mark(&g.content, role_tag::CONTENT_B, role_tag::CONTENT_I);
                mark(&g.source, role_tag::SOURCE_B, role_tag::SOURCE_I);
                for k in cue.0..cue.1 {
                    tags[k - win.0] = role_tag::CUE;
                }
                // An inside tag after a token of another role restarts its span.
                for k in 0..tags.len() {
                    let prev = if k > 0 { Some(tags[k - 1]) } else { None };
                    if tags[k] == role_tag::SOURCE_I
                        && !matches!(prev, Some(role_tag::SOURCE_B | role_tag::SOURCE_I))
                    {
                        tags[k] = role_tag::SOURCE_B;
                    }
                    if tags[k] == role_tag::CONTENT_I
                        && !matches!(prev, Some(role_tag::CONTENT_B | role_tag::CONTENT_I))
                    {
                        tags[k] = role_tag::CONTENT_B;
                    }
                }
                RoleInstance {
                    features: p.role_features(cue, win),
                    tags,
                    cue: (cue.0 - win.0, cue.1 - win.0),
                }
            })
            .collect();
        (cues, roles)
    })
}

/// A sentence's cue tags with an inside tag at its start made a beginning
/// (a cue the sentence splitter cut).
fn spans_restarted(tags: &[u8]) -> Vec<u8> {
    let mut t = tags.to_vec();
    if t.first() == Some(&cue_tag::I) {
        t[0] = cue_tag::B;
    }
    t
}
