# Type stubs of the compiled core (python/src/lib.rs). Keys mirror the JSON
# Lines contract of DESIGN.md; the core may add keys, never rename them.
from collections.abc import Iterable
from typing import Literal, TypedDict, Union

__version__: str

SourceKind = Literal["named", "anonymous", "vague", "pronoun"]
SignalKind = Literal[
    "statistic",
    "superlative",
    "certainty",
    "common_knowledge",
    "hedge",
    "weasel",
    "generalization",
    "motive",
]

class Span(TypedDict):
    start: int
    """UTF-16 code units into the analysed text (the contract's offsets)."""
    end: int
    cp_start: int
    """Code points: what a Python str indexes by."""
    cp_end: int
    text: str

CueClass = Literal["speech", "thought"]
"""What a cue reports: something said or written, or a state of mind."""

# The functional form: "class" is a keyword, so it cannot be written as a
# field of a class body.
Cue = TypedDict(
    "Cue",
    {
        "start": int,
        "end": int,
        "cp_start": int,
        "cp_end": int,
        "text": str,
        "loaded": bool,
        "class": CueClass,
    },
)

class Source(Span, total=False):
    kind: SourceKind
    resolved: str
    """For a pronoun, the name it most likely stands for."""

class Signal(Span):
    kind: SignalKind

class Finding(Span):
    kind: Literal["attribution", "unsourced", "hedge"]
    cue: Cue | None
    source: Source | None
    content: Span | None
    signals: list[Signal]
    category: Literal["named", "anonymous", "vague", "pronoun", "unsourced", "hedge"]
    headline: str
    explanation: str

class PageBlock(Span):
    role: Literal["paragraph", "heading", "caption", "byline", "quote", "list", "data"]

class Page(TypedDict):
    text: str
    """The blocks' texts joined by blank lines: what offsets count into."""
    blocks: list[PageBlock]

class Cited(TypedDict):
    name: str
    count: int

class Profile(TypedDict):
    words: int
    sentences: int
    claim_sentences: int
    attributed_sentences: int
    attributed_share: float | None
    attributions: int
    attributions_named: int
    attributions_anonymous: int
    attributions_vague: int
    attributions_pronoun: int
    loaded_cues: int
    unsourced: int
    unsourced_per_1000_words: float | None
    unsourced_statistic: int
    unsourced_superlative: int
    unsourced_certainty: int
    unsourced_common_knowledge: int
    unsourced_hedge: int
    unsourced_weasel: int
    unsourced_generalization: int
    unsourced_motive: int
    unsourced_statistic_per_1000_words: float | None
    unsourced_superlative_per_1000_words: float | None
    unsourced_certainty_per_1000_words: float | None
    unsourced_common_knowledge_per_1000_words: float | None
    unsourced_hedge_per_1000_words: float | None
    unsourced_weasel_per_1000_words: float | None
    unsourced_generalization_per_1000_words: float | None
    unsourced_motive_per_1000_words: float | None
    hedged: int
    sources: list[Cited]
    attributions_speech: int
    attributions_thought: int

def scan(text: Union[str, Page]) -> list[Finding]:
    """Attributions, unsourced claims and hedged wording, in text order."""

def profile(text: Union[str, Page]) -> Profile:
    """The sourcing profile: counts and rates (see the README)."""

def merge_profiles(profiles: Iterable[Profile]) -> Profile:
    """Profiles added up, as `whosays profile` prints its total row."""

def read_html(html: str) -> Page:
    """A page's article text, read as the `whosays` command reads it."""
