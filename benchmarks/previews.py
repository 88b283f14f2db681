"""What drawing thumbnails and page previews in a bounded child costs.

Every thumbnail (`documents.uploads.make_thumbnail`) and package page preview
(`documents.preview.render_page_png`) is drawn in a child process forked from the forkserver,
with a memory and CPU bound, and its PNG checked before use. The baseline, measured in the
same run on the same bytes, is the same drawing in this process without any bound
(`draw_thumbnail`, `draw_page_png`: what the web worker did before), and for PDF thumbnails
also the `pdftoppm` subprocess that drew them before.

The inputs are made here: a 12-megapixel phone photo (4032 × 3024, JPEG quality 90, stored
sideways with the EXIF tag saying how to turn it, as phones do), a one-page text PDF, and
that photo converted to an A4 page as the package builder does.

    .venv/bin/python benchmarks/previews.py [--iterations N]

The forkserver is started (and the parsers imported into it) before timing, as in a
running server; its start-up is printed separately.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PHONE_PHOTO = (4032, 3024)
WARM_UP = 3


def percentile(samples: list[float], share: float) -> float:
    """The `share` quantile (0.95 → p95), interpolated between the nearest samples."""
    ordered = sorted(samples)
    position = (len(ordered) - 1) * share
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def measure(action: Callable[[], bytes], iterations: int) -> list[float]:
    """Wall-clock milliseconds per call of `action`, after a few calls that warm caches up.
    Wall clock, not CPU time: the child's work is not this process's CPU time."""
    for _ in range(WARM_UP):
        action()
    wall = []
    for _ in range(iterations):
        started = time.perf_counter()
        action()
        wall.append((time.perf_counter() - started) * 1000)
    return wall


def phone_photo() -> bytes:
    """A photo-like JPEG: smooth shapes with sensor noise, stored sideways (EXIF 6)."""
    width, height = PHONE_PHOTO
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.merge("RGB", [Image.effect_noise((width, height), 18) for _ in range(3)])
    photo = Image.blend(base, noise.filter(ImageFilter.GaussianBlur(1)), 0.35)
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def pdftoppm_thumbnail(data: bytes, dpi: int) -> bytes:
    """How PDF thumbnails were drawn before: poppler in a subprocess, no memory bound."""
    command = ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", "-"]
    return subprocess.run(command, input=data, capture_output=True, check=True).stdout


def report(name: str, bounded: list[float], baselines: dict[str, list[float]]) -> None:
    print(
        f"{name:34} bounded   median {statistics.median(bounded):7.1f} ms  "
        f"p95 {percentile(bounded, 0.95):7.1f} ms"
    )
    for label, samples in baselines.items():
        ratio = statistics.median(bounded) / statistics.median(samples)
        print(
            f"{'':34} {label:9} median {statistics.median(samples):7.1f} ms  "
            f"p95 {percentile(samples, 0.95):7.1f} ms   bounded/{label}: {ratio:.2f}×"
        )


def run(iterations: int) -> None:
    from documents import uploads
    from documents.images import image_to_pdf
    from tests.evidence import samples

    photo = phone_photo()
    text_pdf = samples.pdf()
    photo_page = image_to_pdf(photo).pdf

    started = time.perf_counter()
    uploads.make_thumbnail(samples.png(), uploads.PNG)
    print(f"forkserver start (first bounded call): {(time.perf_counter() - started) * 1000:.0f} ms")
    print(
        f"phone photo {PHONE_PHOTO[0]} × {PHONE_PHOTO[1]}, {len(photo) // 1024} KB; "
        f"{iterations} drawings each\n"
    )

    report(
        "thumbnail, phone JPEG",
        measure(lambda: uploads.make_thumbnail(photo, uploads.JPEG), iterations),
        {"in-proc": measure(lambda: uploads.draw_thumbnail(photo, uploads.JPEG), iterations)},
    )
    report(
        "thumbnail, text PDF",
        measure(lambda: uploads.make_thumbnail(text_pdf, uploads.PDF), iterations),
        {
            "in-proc": measure(lambda: uploads.draw_thumbnail(text_pdf, uploads.PDF), iterations),
            "pdftoppm": measure(
                lambda: pdftoppm_thumbnail(text_pdf, uploads.THUMBNAIL_DPI), iterations
            ),
        },
    )
    for width in (240, 1200):
        report_page(photo_page, width, iterations)


def report_page(pdf: bytes, width: int, iterations: int) -> None:
    from documents import preview

    report(
        f"package page (photo), {width} px",
        measure(lambda: preview.render_page_png(pdf, 0, width), iterations),
        {
            "in-proc": measure(
                lambda: preview.draw_page_png(pdf, 0, width, preview.MAX_HEIGHT_PX), iterations
            )
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--iterations", type=int, default=50, help="drawings per measurement")
    arguments = parser.parse_args()
    run(arguments.iterations)


# The guard matters here: the forkserver imports this program's main module once.
if __name__ == "__main__":
    main()
