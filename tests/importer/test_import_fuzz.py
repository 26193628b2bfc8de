"""Property tests: whatever the text, import_text returns a saveable draft or raises ReportImportError."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import draft_from_dict, draft_to_dict
from importer import ReportImportError, import_text

REPORT_WORDS = [
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "（一）", "（七）总计", "第二十条第（一）项", "本年新制作数量",
    "本年制发件数", "自然人", "总计", "1", "0", "-3", "+2", "１２", "1316.73 万元", "— 3 —", "\n", " ", "。", "2020 年",
    "政府信息公开工作年度报告", "一、本年新收政府信息公开申请数量", "四、结转下年度继续办理", "9" * 12,
]


def _outcome(text: str) -> None:
    try:
        result = import_text(text)
    except ReportImportError as exc:
        assert exc.zh and exc.en
        return
    draft_from_dict(draft_to_dict(result.draft))  # the draft can always be saved and loaded again
    assert result.report.format_id == result.draft.format_id


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    _outcome(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(REPORT_WORDS) | st.text(max_size=8), max_size=80))
def test_report_like_text(words: list[str]) -> None:
    _outcome("".join(words))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=40))
def test_mutated_seed(seed_text: str, rng_seed: int, edits: int) -> None:
    """The real report with lines dropped, duplicated, swapped or garbled still imports or fails cleanly."""
    rng = random.Random(rng_seed)
    lines = seed_text.split("\n")
    for _ in range(edits):
        i = rng.randrange(len(lines))
        action = rng.randrange(5)
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif action == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == 3:
            lines[i] = lines[i] + " " + str(rng.choice([0, 1, -5, 10**10, 3.5]))
        else:
            k = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:k] + rng.choice(REPORT_WORDS) + lines[i][k:]
        if not lines:
            break
    _outcome("\n".join(lines))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=4096), st.sampled_from([".txt", ".pdf", ""]))
def test_arbitrary_files(tmp_path_factory, data: bytes, suffix: str) -> None:  # type: ignore[no-untyped-def]
    from importer import import_report

    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    try:
        import_report(path)
    except ReportImportError as exc:
        assert exc.zh and exc.en


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_damaged_pdf_bytes(tmp_path_factory, rng_seed: int) -> None:  # type: ignore[no-untyped-def]
    """A real text PDF with bytes overwritten or cut off: imported or refused cleanly."""
    from importer import import_report

    source = _sample_pdf(tmp_path_factory)
    rng = random.Random(rng_seed)
    data = bytearray(source)
    for _ in range(rng.randrange(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if rng.random() < 0.3:
        data = data[: rng.randrange(len(data))]
    path = tmp_path_factory.mktemp("pdf") / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        import_report(path)
    except ReportImportError as exc:
        assert exc.zh and exc.en


_PDF: list[bytes] = []


def _sample_pdf(tmp_path_factory) -> bytes:  # type: ignore[no-untyped-def]
    """A text PDF: the seed report as the renderer prints it (made once, then damaged by each example)."""
    if not _PDF:
        import render
        from forms import load_draft_file

        path = tmp_path_factory.mktemp("src") / "source.pdf"
        example = Path(__file__).resolve().parents[2] / "examples" / "longgang-2020.json"
        render.render_report(load_draft_file(example), path, reproducible=True)
        _PDF.append(path.read_bytes())
    return _PDF[0]


CORPUS = Path(__file__).with_name("data") / "corpus"


def _file_outcome(path: Path) -> None:
    from importer import import_report

    try:
        result = import_report(path)
    except ReportImportError as exc:
        assert exc.zh and exc.en
        return
    draft_from_dict(draft_to_dict(result.draft))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=60))
def test_mutated_web_page(tmp_path: Path, rng_seed: int, edits: int) -> None:
    """The corpus web page with tags cut, cells duplicated or spans garbled still imports or fails cleanly."""
    rng = random.Random(rng_seed)
    page = (CORPUS / "r2021-blanks.utf8.html").read_text(encoding="utf-8")
    pieces = page.split("<")
    for _ in range(edits):
        i = rng.randrange(len(pieces))
        action = rng.randrange(4)
        if action == 0:
            del pieces[i]
        elif action == 1:
            pieces.insert(i, pieces[rng.randrange(len(pieces))])
        elif action == 2:
            pieces[i] = pieces[i].replace('rowspan="', 'rowspan="9').replace('colspan="', 'colspan="-')
        else:
            pieces[i] = pieces[i][: rng.randrange(len(pieces[i]) + 1)]
    path = tmp_path / f"page{rng_seed}.html"
    path.write_text("<".join(pieces), encoding="utf-8")
    _file_outcome(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=40))
def test_mutated_word_file(tmp_path: Path, rng_seed: int, edits: int) -> None:
    """The corpus .docx with its XML elements dropped, duplicated or cut still imports or fails cleanly."""
    import io
    import zipfile

    rng = random.Random(rng_seed)
    with zipfile.ZipFile(CORPUS / "r2021-blanks.docx") as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    pieces = entries["word/document.xml"].decode("utf-8").split("<w:")
    for _ in range(edits):
        i = rng.randrange(1, len(pieces))
        action = rng.randrange(3)
        if action == 0:
            del pieces[i]
        elif action == 1:
            pieces.insert(i, pieces[rng.randrange(1, len(pieces))])
        else:
            pieces[i] = pieces[i].replace('w:val="', 'w:val="x')
    entries["word/document.xml"] = "<w:".join(pieces).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    path = tmp_path / f"report{rng_seed}.docx"
    path.write_bytes(buffer.getvalue())
    _file_outcome(path)
