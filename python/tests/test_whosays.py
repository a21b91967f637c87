"""The Python package against the contract and the native CLI."""

import subprocess
import sys
import threading
import time

import pytest

import whosays
from conftest import CORPUS, REPO, without

CONTRACT_KEYS = {"kind", "start", "end", "text", "cue", "source", "content", "signals", "category", "headline", "explanation"}


def spans(finding: dict):
    """The finding and every span inside it."""
    yield finding
    for key in ("cue", "source", "content"):
        if finding[key] is not None:
            yield finding[key]
    yield from finding["signals"]


def utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def check_offsets(text: str, findings: list[dict]) -> None:
    for f in findings:
        for s in spans(f):
            assert text[s["cp_start"] : s["cp_end"]] == s["text"]
            assert utf16_slice(text, s["start"], s["end"]) == s["text"]


def test_the_readme_example():
    findings = whosays.scan("He said it was undeniable.")
    assert [f["kind"] for f in findings] == ["attribution"]
    assert CONTRACT_KEYS <= findings[0].keys()
    assert findings[0]["source"]["kind"] == "pronoun"


def test_cues_carry_their_class():
    # A statement and a reported state of mind are told apart.
    said, believes = whosays.scan("Jane Smith said the plan failed.\n\nThe mayor believes the city can recover.")
    assert (said["cue"]["class"], believes["cue"]["class"]) == ("speech", "thought")
    p = whosays.profile("Jane Smith said the plan failed.\n\nThe mayor believes the city can recover.")
    assert (p["attributions_speech"], p["attributions_thought"]) == (1, 1)


def test_offsets_with_emoji_astral_letters_and_combining_marks():
    # Emoji and 𝔘 are two UTF-16 units but one code point; "é" written as
    # e + U+0301 is two code points in both.
    text = (
        "👩‍👩‍👧 Café (cafe\u0301) 𝔘𝔫𝔦𝔬𝔫 🙂\n\n"
        "Jane Smith 🙂 said the plan failed. It is the largest deficit in history 📉.\n\n"
        "“The cafe\u0301 is 🔥 the best in town,” said Zoë Ångström."
    )
    findings = whosays.scan(text)
    assert {f["kind"] for f in findings} >= {"attribution", "unsourced"}
    check_offsets(text, findings)
    last = findings[-1]
    assert last["cp_start"] < last["start"], "astral characters before it shift the two counts apart"


def test_scan_agrees_with_the_cli_contract(cli, tmp_path):
    text = (CORPUS / "world" / "talks.txt").read_text(encoding="utf-8")
    line = cli("scan", "--format", "jsonl", str(CORPUS / "world" / "talks.txt"))[0]
    ours = [without(f, "cp_start", "cp_end") for f in whosays.scan(text)]
    for f in ours:
        for key in ("cue", "source", "content"):
            if f[key] is not None:
                f[key] = without(f[key], "cp_start", "cp_end")
        f["signals"] = [without(s, "cp_start", "cp_end") for s in f["signals"]]
    assert ours == line["findings"]


def test_empty_text():
    assert whosays.scan("") == []
    p = whosays.profile("")
    assert p["words"] == 0 and p["attributed_share"] is None and p["sources"] == []
    assert whosays.read_html("") == {"text": "", "blocks": []}


def test_huge_text():
    paragraph = "🙂 Jane Smith said the plan failed. It is the largest deficit in history.\n\n"
    n = 60_000  # about 4.5 MB
    text = paragraph * n
    findings = whosays.scan(text)
    assert len(findings) == 2 * n
    check_offsets(text, findings[-2:])
    p = whosays.profile(text)
    assert p["attributions"] == n and p["unsourced"] == n


@pytest.mark.parametrize("bad", [42, None, b"He said so.", 3.5, ["He said so."], {"text": "no blocks"}])
def test_anything_but_a_string_or_page_is_a_type_error(bad):
    with pytest.raises(TypeError):
        whosays.scan(bad)
    with pytest.raises(TypeError):
        whosays.profile(bad)


def test_read_html_takes_only_a_string():
    with pytest.raises(TypeError):
        whosays.read_html(b"<p>He said so.</p>")


def test_a_lone_surrogate_is_refused_cleanly():
    with pytest.raises(UnicodeEncodeError):
        whosays.scan("He said \ud800 so.")


def test_read_html_gives_the_clis_text_and_blocks(cli):
    path = CORPUS / "world" / "harvest.html"
    page = whosays.read_html(path.read_text(encoding="utf-8"))
    line = cli("scan", "--format", "jsonl", "--with-text", str(path))[0]
    assert page["text"] == line["text"]
    assert [(b["start"], b["end"], b["role"]) for b in page["blocks"]] == [
        (b["start"], b["end"], b["role"]) for b in line["blocks"]
    ]
    for b in page["blocks"]:
        assert page["text"][b["cp_start"] : b["cp_end"]] == b["text"]
    assert page["blocks"][0]["role"] == "heading"
    findings = whosays.scan(page)
    check_offsets(page["text"], findings)
    assert [f["start"] for f in findings] == [f["start"] for f in line["findings"]]


def test_profiles_equal_the_clis_rows_and_total(cli):
    rows = cli("profile", "--format", "jsonl", str(CORPUS))
    profiles = []
    for row in rows[:-1]:
        path = REPO / row["path"]
        source = path.read_text(encoding="utf-8")
        p = whosays.profile(whosays.read_html(source) if path.suffix == ".html" else source)
        assert p == without(row, "row", "path", "error", "files"), row["path"]
        profiles.append(p)
    assert whosays.merge_profiles(profiles) == without(rows[-1], "row", "path", "error", "files")


def test_merge_refuses_what_is_not_a_profile():
    with pytest.raises(ValueError):
        whosays.merge_profiles([{"words": "many"}])
    with pytest.raises(TypeError):
        whosays.merge_profiles(5)


def test_the_gil_is_released_while_scanning():
    # With a switch interval this long, the interpreter never takes the GIL
    # from a thread: the main thread can run while the other is inside
    # scan() only if scan() let the GIL go.
    text = "Jane Smith said the plan failed. It is the largest deficit in history.\n\n" * 150_000
    inside = threading.Event()
    done = threading.Event()
    seen_inside = []

    def work():
        inside.set()
        whosays.scan(text)
        done.set()

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        t = threading.Thread(target=work)
        t.start()
        inside.wait()
        seen_inside.append(not done.is_set())
        while not done.is_set():
            time.sleep(0.001)  # lets the worker take the GIL back when it is done
        t.join()
    finally:
        sys.setswitchinterval(old)
    assert seen_inside == [True]


def test_threads_get_the_same_findings():
    texts = [(CORPUS / "city" / name).read_text(encoding="utf-8") for name in ("bridge.txt", "schools.txt")] * 4
    expected = [whosays.scan(t) for t in texts]
    results = [None] * len(texts)

    def work(i):
        results[i] = whosays.scan(texts[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == expected


def test_version_is_the_cores():
    binary = REPO / "target" / "release" / "whosays"
    out = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["whosays", whosays.__version__]
