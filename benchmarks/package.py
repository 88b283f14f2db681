"""Build time and memory of `build_package` against the floor of the libraries it uses.

The reference case is generated here: the corpus case n01 (Härtefall NRW, represented, so with a
Vollmacht) with a longer narrative (letter ≈ 4 pages), a Lebenslauf, the Anlagenverzeichnis and
40 attachments: 30 JPEG scans (A4 at 150 dpi, one page each) and 10 text PDFs, 84 attachment
pages in all. The floor, measured in the same run on the same inputs, is what any package has to
pay without our logic: WeasyPrint rendering the same letter HTML with the same stylesheet and
PDF variant (`documents.rendering.PDF_VARIANT`, in the build and the floor alike), img2pdf
converting the same scans, and a plain pypdf merge of the letter, the converted scans and the
same PDFs.

Each measurement runs in a fresh child process, so peak RSS (ru_maxrss) belongs to it alone;
the time is the best of --repeat runs inside that process after one warm-up run (fonts loaded,
as in a running server). tracemalloc's peak (Python allocations only) is printed beside it.

    .venv/bin/python benchmarks/package.py [--repeat N] [--pages N]

Targets (issue 5): build ≤ 1.5 × floor, peak RSS ≤ 300 MB; a 500-page case under 512 MB
(`--pages 500`).
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haertefall.settings_test")

BASE_CASE = ROOT / "tests" / "cases" / "n01-eze-koeln-ready.json"
SENT_ON = date(2026, 11, 1)
SCANS = 30
PDFS = 10
ATTACHMENT_PAGES = 84

_CATEGORIES = (
    ("identity", "Geburtsurkunde"),
    ("passport_efforts", "Nachweis Passbeschaffung"),
    ("residence_document", "Duldung"),
    ("bamf_decision", "Bescheid des BAMF"),
    ("court_decision", "Urteil"),
    ("authority_order", "Ordnungsverfügung"),
    ("language_certificate", "Sprachzertifikat"),
    ("employment_contract", "Arbeitsvertrag"),
    ("payslip", "Lohnabrechnung"),
    ("rent_contract", "Mietvertrag"),
    ("volunteering", "Bescheinigung Ehrenamt"),
    ("support_letter", "Unterstützerschreiben"),
    ("medical_report", "Fachärztliches Attest"),
)

_EXTRA_STORY = (
    " Sie berichtet, dass sie in den ersten Monaten in Deutschland kaum schlafen konnte und "
    "sich erst mit der Hilfe der Beratungsstelle und der Kirchengemeinde wieder sicher fühlte. "
    "Sie besuchte regelmäßig den Deutschkurs, half in der Kleiderkammer und fand schließlich "
    "eine Arbeit, die ihr Halt gibt. Ihre Nachbarinnen, Kolleginnen und die Gemeinde "
    "beschreiben sie als zuverlässig, freundlich und hilfsbereit."
)


# --------------------------------------------------------------------------------------------
# The reference case


def _scan(seed: int) -> bytes:
    """A grey A4 page at 150 dpi that looks like a typed letter: lines of word-like blocks,
    a letterhead and a little paper noise, so it compresses like a real scan."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    width, height = 1240, 1754
    image = Image.new("L", (width, height), 246)
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 110, 620, 170), fill=60)
    y = 300
    while y < height - 200:
        x = 120
        while x < width - 160:
            word = rng.randint(25, 110)
            draw.rectangle((x, y, x + word, y + 16), fill=rng.randint(20, 70))
            x += word + rng.randint(12, 20)
        y += rng.choice((34, 34, 34, 70))
    noise = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    image = Image.blend(image, noise, 0.06).filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=75, dpi=(150, 150))
    return out.getvalue()


def _text_pdf(pages: int, seed: int) -> bytes:
    """A born-digital PDF: `pages` pages of Helvetica text."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    rng = random.Random(seed)
    words = [
        "Bescheid",
        "Antrag",
        "Leistung",
        "Monat",
        "Betrag",
        "Zeitraum",
        "Anspruch",
        "Bewilligung",
        "gemäß",
    ]
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    for number in range(pages):
        page = writer.add_blank_page(595.28, 841.89)
        lines = [f"BT /F1 14 Tf 72 760 Td (Dokument {seed} - Seite {number + 1}) Tj ET"]
        for row in range(45):
            text = " ".join(rng.choice(words) for _ in range(11)).encode("ascii", "replace")
            lines.append(f"BT /F1 10 Tf 72 {720 - row * 14} Td ({text.decode()}) Tj ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(lines).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_page_counts(pdfs: int, pages: int) -> list[int]:
    counts = [pages // pdfs] * pdfs
    for index in range(pages - sum(counts)):
        counts[index] += 1
    return counts


def reference_case(total_pages: int) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The case document and its files: SCANS scans and PDFS PDFs, `total_pages` pages."""
    scans = SCANS if total_pages == ATTACHMENT_PAGES else round(total_pages * SCANS / 84)
    pdf_pages = total_pages - scans
    document = json.loads(BASE_CASE.read_text(encoding="utf-8"))
    document = copy.deepcopy(document)
    narrative = document["narrative"]
    for name in ("life_story", "current_situation", "integration", "humanitarian_reasons"):
        narrative[name]["text"] += _EXTRA_STORY * 2
    files: dict[str, bytes] = {}
    documents: list[dict[str, Any]] = []
    person = document["persons"][0]["id"]
    for index in range(scans):
        category, title = _CATEGORIES[index % len(_CATEGORIES)]
        name = f"files/scan-{index + 1:03d}.jpg"
        files[name] = _scan(index)
        documents.append(_document(len(documents), person, category, title, name, index))
    for index, pages in enumerate(_pdf_page_counts(PDFS, pdf_pages)):
        category, title = _CATEGORIES[(index * 5) % len(_CATEGORIES)]
        name = f"files/dokument-{index + 1:02d}.pdf"
        files[name] = _text_pdf(pages, index)
        documents.append(_document(len(documents), person, category, title, name, index))
    document["documents"] = documents
    return document, files


def _document(
    index: int, person: str, category: str, title: str, file: str, day: int
) -> dict[str, Any]:
    return {
        "id": f"d{index + 1}",
        "person": person,
        "category": category,
        "title": f"{title} ({index + 1})",
        "issued": f"2026-{(day % 9) + 1:02d}-{(day % 27) + 1:02d}",
        "file": file,
        "language": "de",
        "translation_of": None,
    }


# --------------------------------------------------------------------------------------------
# What is measured (each in its own child process)


def _setup() -> None:
    import django

    django.setup()


def _load(folder: Path) -> tuple[Any, Any, dict[str, bytes]]:
    from eligibility.engine import assess
    from eligibility.facts import parse_case

    document = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    files = {name: (folder / name).read_bytes() for name in _file_names(document)}
    case = parse_case(document)
    return case, assess(case, SENT_ON), files


def _file_names(document: dict[str, Any]) -> list[str]:
    return [entry["file"] for entry in document["documents"] if entry.get("file")]


def run_build(folder: Path, draft: bool) -> dict[str, Any]:
    from documents.package import PackageOptions, build_package

    case, report, files = _load(folder)
    options = PackageOptions(draft=draft, sent_on=SENT_ON)
    result: dict[str, Any] = {}

    def once() -> None:
        package = build_package(case, report, files, options)
        result["pages"] = package.page_count
        result["bytes"] = len(package.pdf)
        result["shrunk"] = sum(len(part.shrunk_pages) for part in package.parts)

    return _measure(once, result)


def run_floor(folder: Path, draft: bool) -> dict[str, Any]:
    import img2pdf  # type: ignore[import-untyped]
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML  # type: ignore[import-not-found,unused-ignore]

    from documents import rendering
    from documents.context import AnlageRef, letter_context
    from documents.package import PackageOptions, plan_anlagen

    case, report, files = _load(folder)
    anlagen = plan_anlagen(case, PackageOptions(draft=draft, sent_on=SENT_ON))
    refs = [
        AnlageRef(a.number, a.title, a.category, a.persons[0] if a.persons else None, None)
        for a in anlagen
    ]
    # The same markup render_letter lays out; building it is template work, not WeasyPrint's,
    # so it happens once outside the timed floor.
    letter = letter_context(case, report, anlagen=refs, sent_on=SENT_ON, draft=draft)
    context = rendering._base(case, letter.title, letter.author, draft)
    context["letter"] = letter
    context["ruecksende_size"] = rendering._ruecksende_size(letter.ruecksende)
    renderer = rendering.renderer()
    markup = renderer.html("documents/letter.html", context)
    scans = [data for name, data in files.items() if name.endswith(".jpg")]
    pdfs = [data for name, data in files.items() if name.endswith(".pdf")]
    result: dict[str, Any] = {}

    def once() -> None:
        letter_pdf = (
            HTML(string=markup, base_url=renderer.base_url, url_fetcher=renderer.fetcher)
            .render(font_config=renderer.font_config, stylesheets=[renderer.stylesheet])
            .write_pdf(pdf_variant=rendering.PDF_VARIANT)
        )
        images = [img2pdf.convert(scan) for scan in scans]
        writer = PdfWriter()
        for data in [letter_pdf, *images, *pdfs]:
            writer.append(PdfReader(io.BytesIO(data)))
        out = io.BytesIO()
        writer.write(out)
        result["pages"] = len(writer.pages)
        result["bytes"] = len(out.getvalue())

    return _measure(once, result)


def _measure(once: Any, result: dict[str, Any]) -> dict[str, Any]:
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    once()  # warm-up: fonts, templates, lazy imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    once()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result["seconds"] = min(times)
    result["tracemalloc_mb"] = peak / 1_048_576
    # Linux reports ru_maxrss in KiB.
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


# --------------------------------------------------------------------------------------------
# Driver


def _child(kind: str, folder: Path, draft: bool, repeat: int) -> dict[str, Any]:
    environment = dict(os.environ, BENCH_REPEAT=str(repeat))
    completed = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--folder", str(folder)]
        + (["--draft"] if draft else []),
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"{kind} failed")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=int, default=ATTACHMENT_PAGES, help="attachment pages")
    parser.add_argument("--draft", action="store_true", help="build drafts (watermarks)")
    parser.add_argument("--child", choices=("build", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        _setup()
        run = run_build if arguments.child == "build" else run_floor
        print(json.dumps(run(arguments.folder, arguments.draft)))
        return
    with tempfile.TemporaryDirectory(prefix="package-bench-") as temporary:
        folder = Path(temporary)
        document, files = reference_case(arguments.pages)
        (folder / "files").mkdir()
        (folder / "case.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        for name, data in files.items():
            (folder / name).write_bytes(data)
        scans = sum(1 for name in files if name.endswith(".jpg"))
        print(
            f"reference case: {scans} JPEG scans + {len(files) - scans} PDFs, "
            f"{arguments.pages} attachment pages, "
            f"{sum(map(len, files.values())) / 1_048_576:.1f} MB of attachments"
        )
        build = _child("build", folder, arguments.draft, arguments.repeat)
        floor = _child("floor", folder, arguments.draft, arguments.repeat)
    print(f"{'':10} {'seconds':>8} {'maxRSS MB':>10} {'tracemalloc MB':>15} {'pages':>6} {'MB':>6}")
    for name, result in (("build", build), ("floor", floor)):
        print(
            f"{name:10} {result['seconds']:8.3f} {result['maxrss_mb']:10.1f} "
            f"{result['tracemalloc_mb']:15.1f} {result['pages']:6d} "
            f"{result['bytes'] / 1_048_576:6.2f}"
        )
    ratio = build["seconds"] / floor["seconds"]
    print(f"ratio build/floor: {ratio:.2f} (target ≤ 1.5)")
    limit = 300 if arguments.pages <= ATTACHMENT_PAGES else 512
    print(f"peak RSS of the build: {build['maxrss_mb']:.0f} MB (target ≤ {limit} MB)")
    print(f"pages shrunk for the stamp: {build['shrunk']}")


if __name__ == "__main__":
    main()
