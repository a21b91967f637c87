//! `whosays._whosays`: the core for Python (PyO3). The functions take a
//! `str` (plain text, paragraphs separated by blank lines) or a page from
//! `read_html`, and give findings and profiles as plain dicts: the JSON
//! Lines contract's fields, through the core's own serde form, plus
//! `cp_start`/`cp_end` on every span — offsets in code points, which is what
//! Python strings index by (the contract's `start`/`end` count UTF-16 code
//! units, as JavaScript does). The GIL is released while the core works, so
//! threads scan in parallel.

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pythonize::{depythonize, pythonize};

use whosays::profile::{Profile, Sum};
use whosays::reader::html;
use whosays::{Block, Finding, Role};

/// What to analyse: a Python string, or the blocks of a page.
enum Input {
    Text(String),
    Blocks(Vec<(String, Role)>),
}

impl Input {
    fn from_py(obj: &Bound<'_, PyAny>, function: &str) -> PyResult<Input> {
        if let Ok(s) = obj.cast::<PyString>() {
            // A lone surrogate cannot be UTF-8: Python raises UnicodeEncodeError.
            return Ok(Input::Text(s.to_str()?.to_owned()));
        }
        if let Ok(page) = obj.cast::<PyDict>() {
            if let Some(blocks) = page.get_item("blocks")? {
                let mut out = Vec::new();
                for b in blocks.try_iter()? {
                    let b = b?;
                    let text: String = b.get_item("text")?.extract()?;
                    let role: String = b.get_item("role")?.extract()?;
                    out.push((text, Role::parse(&role)));
                }
                return Ok(Input::Blocks(out));
            }
        }
        Err(PyTypeError::new_err(format!(
            "{function}() takes a str or a page from read_html(), not {}",
            obj.get_type().name()?
        )))
    }

    /// Run the core without the GIL: `on_text` on a string, `on_blocks`
    /// on a page's blocks; for a page, also the text its offsets count into.
    fn analyse<T: Send>(
        &self,
        py: Python<'_>,
        on_text: fn(&str) -> T,
        on_blocks: fn(&[Block]) -> T,
    ) -> (T, Option<String>) {
        py.detach(|| match self {
            Input::Text(text) => (on_text(text), None),
            Input::Blocks(blocks) => {
                let blocks: Vec<Block> = blocks
                    .iter()
                    .map(|(text, role)| Block { text, role: *role })
                    .collect();
                (on_blocks(&blocks), Some(whosays::joined_text(&blocks)))
            }
        })
    }
}

/// The compiled-in model loads, as the CLI and the extension require: a
/// broken build raises instead of scanning with the rules alone.
fn model_loads() -> PyResult<()> {
    whosays::model_check().map_err(PyRuntimeError::new_err)
}

/// Find attributions, unsourced claims and hedged wording.
#[pyfunction]
fn scan<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    model_loads()?;
    let input = Input::from_py(text, "scan")?;
    let (findings, joined) = input.analyse(py, whosays::scan_text, whosays::scan_blocks);
    let analysed = match (&input, &joined) {
        (Input::Text(t), _) => t.as_str(),
        (Input::Blocks(_), joined) => joined.as_deref().unwrap_or(""),
    };
    findings_to_py(py, analysed, &findings)
}

/// The article's sourcing profile: counts and rates (see the README).
#[pyfunction]
fn profile<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    model_loads()?;
    let input = Input::from_py(text, "profile")?;
    let (p, _) = input.analyse(py, whosays::profile_text, whosays::profile_blocks);
    Ok(pythonize(py, &p)?)
}

/// Profiles added up: counts summed, sources added by name, rates computed
/// again from the sums — what `whosays profile` prints as its total row.
#[pyfunction]
fn merge_profiles<'py>(
    py: Python<'py>,
    profiles: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut sum = Sum::default();
    for p in profiles.try_iter()? {
        let p: Profile =
            depythonize(&p?).map_err(|e| PyValueError::new_err(format!("not a profile: {e}")))?;
        sum.add(&p);
    }
    Ok(pythonize(py, &sum.total())?)
}

/// Read a page's article text as the `whosays` command does: a dict with
/// `text` (the blocks joined by blank lines) and `blocks`, each with its
/// `text`, `role` and offsets into `text`.
#[pyfunction]
fn read_html<'py>(py: Python<'py>, html: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let source = html.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "read_html() takes a str, not {}",
            html.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    let source = source.to_str()?.to_owned();
    let (blocks, text) = py.detach(|| {
        let page = html::read(&source);
        let blocks: Vec<Block> = page.iter().map(html::PageBlock::as_block).collect();
        let text = whosays::joined_text(&blocks);
        let owned: Vec<(String, Role)> = page.into_iter().map(|b| (b.text, b.role)).collect();
        (owned, text)
    });
    let mut offsets = Vec::with_capacity(blocks.len() * 2);
    let mut at = 0;
    for (i, (t, _)) in blocks.iter().enumerate() {
        if i > 0 {
            at += utf16_len(whosays::BLOCK_SEPARATOR);
        }
        offsets.push(at);
        at += utf16_len(t);
        offsets.push(at);
    }
    let map = CodePoints::new(&text, offsets.clone());
    let list = PyList::empty(py);
    for (i, (t, role)) in blocks.iter().enumerate() {
        let d = PyDict::new(py);
        d.set_item("text", t)?;
        d.set_item("role", role.name())?;
        set_span(&d, &map, offsets[2 * i], offsets[2 * i + 1])?;
        list.append(d)?;
    }
    let page = PyDict::new(py);
    page.set_item("text", text)?;
    page.set_item("blocks", list)?;
    Ok(page)
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

fn findings_to_py<'py>(
    py: Python<'py>,
    text: &str,
    findings: &[Finding],
) -> PyResult<Bound<'py, PyList>> {
    let mut offsets = Vec::new();
    for f in findings {
        offsets.extend([f.start, f.end]);
        for (s, e) in [
            f.cue.as_ref().map(|c| (c.start, c.end)),
            f.source.as_ref().map(|s| (s.start, s.end)),
            f.content.as_ref().map(|c| (c.start, c.end)),
        ]
        .into_iter()
        .flatten()
        {
            offsets.extend([s, e]);
        }
        offsets.extend(f.signals.iter().flat_map(|s| [s.start, s.end]));
    }
    let map = CodePoints::new(text, offsets);
    let out = PyList::empty(py);
    for f in findings {
        let d = pythonize(py, f)?.cast_into::<PyDict>()?;
        add_code_points(&d, &map)?;
        for key in ["cue", "source", "content"] {
            if let Some(span) = d.get_item(key)? {
                if let Ok(span) = span.cast::<PyDict>() {
                    add_code_points(span, &map)?;
                }
            }
        }
        if let Some(signals) = d.get_item("signals")? {
            for s in signals.try_iter()? {
                add_code_points(s?.cast::<PyDict>()?, &map)?;
            }
        }
        out.append(d)?;
    }
    Ok(out)
}

/// `cp_start`/`cp_end` from a span dict's UTF-16 `start`/`end`.
fn add_code_points(d: &Bound<'_, PyDict>, map: &CodePoints) -> PyResult<()> {
    let start: usize = d.get_item("start")?.map_or(Ok(0), |v| v.extract())?;
    let end: usize = d.get_item("end")?.map_or(Ok(0), |v| v.extract())?;
    d.set_item("cp_start", map.get(start))?;
    d.set_item("cp_end", map.get(end))
}

fn set_span(d: &Bound<'_, PyDict>, map: &CodePoints, start: usize, end: usize) -> PyResult<()> {
    d.set_item("start", start)?;
    d.set_item("end", end)?;
    d.set_item("cp_start", map.get(start))?;
    d.set_item("cp_end", map.get(end))
}

/// UTF-16 offsets of one text mapped to code point offsets, all found in
/// one pass over the text (findings nest, so their offsets are sorted first).
struct CodePoints {
    utf16: Vec<usize>,
    cp: Vec<usize>,
}

impl CodePoints {
    fn new(text: &str, mut offsets: Vec<usize>) -> CodePoints {
        offsets.sort_unstable();
        offsets.dedup();
        let mut cp = Vec::with_capacity(offsets.len());
        let (mut units, mut points) = (0usize, 0usize);
        let mut chars = text.chars();
        for &target in &offsets {
            while units < target {
                match chars.next() {
                    Some(c) => {
                        units += c.len_utf16();
                        points += 1;
                    }
                    None => break,
                }
            }
            cp.push(points);
        }
        CodePoints { utf16: offsets, cp }
    }

    /// Every offset asked for was given to `new`; past the last, the end.
    fn get(&self, utf16: usize) -> usize {
        let i = self.utf16.partition_point(|&u| u < utf16);
        self.cp.get(i).or(self.cp.last()).copied().unwrap_or(0)
    }
}

#[pymodule]
fn _whosays(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(scan, m)?)?;
    m.add_function(wrap_pyfunction!(profile, m)?)?;
    m.add_function(wrap_pyfunction!(merge_profiles, m)?)?;
    m.add_function(wrap_pyfunction!(read_html, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
