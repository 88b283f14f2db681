#!/usr/bin/env python3
"""Generate the small attachment files of the test corpus (tests/cases/files/).

Stdlib only. Run once from any directory:  python tests/cases/make_files.py
The output is deterministic (no timestamps), so re-running it does not change the tree.

- PDFs: minimal, valid PDF 1.4 files (1 or 2 pages, Helvetica, WinAnsiEncoding) with one
  line of German text per page; correct xref offsets.
- PNG: written with zlib (a small grey "scan" with a frame).
- JPEG: a 96x64 baseline JPEG embedded below as base64 (created once with Pillow).
- DOCX: a minimal WordprocessingML package (used by one case to test 23a.doc.format).
"""

import base64
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")

# (file name, [page texts]) -- every page carries one line of text.
PDFS = [
    ("reisepass-kopie.pdf", ["Kopie Reisepass (Datenseite) - Testdatei Bleiberecht-Assistent"]),
    (
        "passbeschaffung-nachweis.pdf",
        ["Nachweis Passbeschaffung: Vorsprache bei der Botschaft - Testdatei"],
    ),
    ("ausweisdokument-kopie.pdf", ["Kopie eines Identitaetsdokuments - Testdatei"]),
    ("tazkira-uebersetzung.pdf", ["Beglaubigte Uebersetzung der Tazkira aus dem Dari - Testdatei"]),
    ("geburtsurkunde-englisch.pdf", ["Birth Certificate (copy) - test file"]),
    (
        "geburtsurkunde-uebersetzung.pdf",
        ["Uebersetzung der Geburtsurkunde aus dem Englischen - Testdatei"],
    ),
    (
        "duldung-kopie.pdf",
        ["Kopie Duldung (Bescheinigung ueber die Aussetzung der Abschiebung) - Testdatei"],
    ),
    (
        "aufenthaltserlaubnis-104c.pdf",
        ["Kopie Aufenthaltserlaubnis nach Paragraf 104c AufenthG - Testdatei"],
    ),
    (
        "fiktionsbescheinigung.pdf",
        ["Fiktionsbescheinigung nach Paragraf 81 Abs. 4 AufenthG - Testdatei"],
    ),
    ("dtz-zertifikat.pdf", ["Zertifikat Deutsch-Test fuer Zuwanderer (DTZ) - Testdatei"]),
    ("telc-zertifikat.pdf", ["telc Deutsch Zertifikat - Testdatei"]),
    ("lid-zertifikat.pdf", ["Bescheinigung Test Leben in Deutschland - Testdatei"]),
    ("hauptschulabschluss.pdf", ["Abschlusszeugnis Hauptschulabschluss - Testdatei"]),
    (
        "arbeitsvertrag.pdf",
        [
            "Arbeitsvertrag Seite 1 - Testdatei",
            "Arbeitsvertrag Seite 2 (Unterschriften) - Testdatei",
        ],
    ),
    ("lohnabrechnung-2026-04.pdf", ["Lohnabrechnung April 2026 - Testdatei"]),
    ("lohnabrechnung-2026-05.pdf", ["Lohnabrechnung Mai 2026 - Testdatei"]),
    ("lohnabrechnung-2026-06.pdf", ["Lohnabrechnung Juni 2026 - Testdatei"]),
    ("lohnabrechnung-2026-08.pdf", ["Lohnabrechnung August 2026 - Testdatei"]),
    ("lohnabrechnung-2026-09.pdf", ["Lohnabrechnung September 2026 - Testdatei"]),
    ("lohnabrechnung-2026-10.pdf", ["Lohnabrechnung Oktober 2026 - Testdatei"]),
    ("mietvertrag.pdf", ["Mietvertrag Seite 1 - Testdatei", "Mietvertrag Seite 2 - Testdatei"]),
    ("mietzahlung-2026-10.pdf", ["Kontoauszug Mietzahlung Oktober 2026 - Testdatei"]),
    ("schulbescheinigung-2026-09.pdf", ["Schulbescheinigung Schuljahr 2026/27 - Testdatei"]),
    ("schulzeugnis-2026-06.pdf", ["Zeugnis Schuljahr 2025/26 - Testdatei"]),
    ("kita-bescheinigung.pdf", ["Bescheinigung der Kindertagesstaette - Testdatei"]),
    (
        "immatrikulation-2026-10.pdf",
        ["Immatrikulationsbescheinigung Wintersemester 2026/27 - Testdatei"],
    ),
    ("bescheid-asylblg.pdf", ["Bescheid ueber Leistungen nach dem AsylbLG - Testdatei"]),
    ("bescheid-buergergeld.pdf", ["Bewilligungsbescheid Buergergeld (SGB II) - Testdatei"]),
    ("wohngeldbescheid.pdf", ["Wohngeldbescheid - Testdatei"]),
    (
        "bamf-bescheid.pdf",
        [
            "Bescheid des Bundesamtes fuer Migration und Fluechtlinge, Seite 1 - Testdatei",
            "Bescheid des Bundesamtes, Seite 2 (Begruendung) - Testdatei",
        ],
    ),
    (
        "urteil-verwaltungsgericht.pdf",
        [
            "Urteil des Verwaltungsgerichts, Seite 1 - Testdatei",
            "Urteil des Verwaltungsgerichts, Seite 2 - Testdatei",
        ],
    ),
    ("ordnungsverfuegung.pdf", ["Ordnungsverfuegung der Auslaenderbehoerde - Testdatei"]),
    ("attest-2026-07-31.pdf", ["Aerztliches Attest vom 31.07.2026 - Testdatei"]),
    ("attest-2026-08-01.pdf", ["Aerztliches Attest vom 01.08.2026 - Testdatei"]),
    ("attest-2026-09.pdf", ["Fachaerztliche Stellungnahme September 2026 - Testdatei"]),
    ("vollmacht.pdf", ["Vollmacht - Testdatei"]),
    ("fuehrungszeugnis.pdf", ["Fuehrungszeugnis (Auszug) - Testdatei"]),
    ("unterstuetzerschreiben.pdf", ["Unterstuetzerschreiben - Testdatei"]),
    ("ehrenamt-bescheinigung.pdf", ["Bescheinigung ueber ehrenamtliche Taetigkeit - Testdatei"]),
]

JPEG_B64 = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCABAAGADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDs7q5njuore3hjkeRHcmSQoAFKjsp/vUnmal/z6Wn/AIFN/wDG6Jf+Qzbf9e83/oUdQ3eq/Zrl4fI3bcc78ds+lYlk3mal/wA+lp/4FN/8bo8zUv8An0tP/Apv/jdU/wC3P+nb/wAf/wDrUf25/wBO3/j/AP8AWosBc8zUv+fS0/8AApv/AI3R5mpf8+lp/wCBTf8Axun2N19shMmzZhtuM57D/Go/7Ut/+ed5/wCAc3/xNFgF8zUv+fS0/wDApv8A43R5mpf8+lp/4FN/8bpP7Ut/+ed5/wCAc3/xNH9qW/8AzzvP/AOb/wCJosAvmal/z6Wn/gU3/wAbo8zUv+fS0/8AApv/AI3Sf2pb/wDPO8/8A5v/AImj+1Lf/nnef+Ac3/xNFgF8zUv+fS0/8Cm/+N0trczyXUtvcQxxvGiODHIXBDFh3Uf3aRNRgd1RY7sFiAN1pKB+JK4FEX/IZuf+veH/ANCkoAJf+Qzbf9e83/oUdY+rf8hKX8P5CtiX/kM23/XvN/6FHWPq3/ISl/D+QpoCpRRRTA3dD/483/66H+QqX+1Lf/nnef8AgHN/8TUWh/8AHm//AF0P8hUv9qW//PO8/wDAOb/4mkAf2pb/APPO8/8AAOb/AOJo/tS3/wCed5/4Bzf/ABNH9qW//PO8/wDAOb/4mj+1Lf8A553n/gHN/wDE0AH9qW//ADzvP/AOb/4mj+1Lf/nnef8AgHN/8TR/alv/AM87z/wDm/8AiaP7Ut/+ed5/4Bzf/E0AKmowO6osd2CxAG60lA/ElcCiL/kM3P8A17w/+hSUJqMDuqLHdgsQButJQPxJXAoi/wCQzc/9e8P/AKFJSYBL/wAhm2/695v/AEKOsfVv+QlL+H8hWxL/AMhm2/695v8A0KOp3t4HYs8MbMepKgmhAcrRXU/ZLb/n3i/74FH2S2/594v++BTuBT0P/jzf/rof5Cpf7Ut/+ed5/wCAc3/xNWo40jXbGioM5woxVX+1Lf8A553n/gHN/wDE0AH9qW//ADzvP/AOb/4mj+1Lf/nnef8AgHN/8TR/alv/AM87z/wDm/8AiaP7Ut/+ed5/4Bzf/E0AH9qW/wDzzvP/AADm/wDiaP7Ut/8Annef+Ac3/wATR/alv/zzvP8AwDm/+Jo/tS3/AOed5/4Bzf8AxNACpqMDuqLHdgsQButJQPxJXAoi/wCQzc/9e8P/AKFJQmowO6osd2CxAG60lA/ElcCiL/kM3P8A17w/+hSUmAS/8hm2/wCveb/0KOrlVLq2nkuori3mjjeNHQiSMuCGKnsw/u0nl6l/z92n/gK3/wAcoAuUVT8vUv8An7tP/AVv/jlHl6l/z92n/gK3/wAcoAuUVT8vUv8An7tP/AVv/jlHl6l/z92n/gK3/wAcoAuUVT8vUv8An7tP/AVv/jlHl6l/z92n/gK3/wAcoAuUVT8vUv8An7tP/AVv/jlHl6l/z92n/gK3/wAcoAuVTi/5DNz/ANe8P/oUlHl6l/z92n/gK3/xyltbaeO6luLiaOR5ERAI4ygAUse7H+9QB//Z"
JPEGS = ["tazkira-scan.jpg", "geburtsurkunde-georgisch.jpg"]
PNGS = ["duldung-scan.png"]
DOCXS = [("unterstuetzerschreiben.docx", "Unterstuetzerschreiben (Word-Datei) - Testdatei")]


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[str]) -> bytes:
    """Return the bytes of a minimal valid PDF with one text line per page."""
    n = len(pages)
    # object numbers: 1 catalog, 2 pages, 3 font, then per page: page obj, content obj
    objs = {}
    kids = []
    for i, text in enumerate(pages):
        page_no = 4 + 2 * i
        content_no = page_no + 1
        kids.append(f"{page_no} 0 R")
        stream = (
            f"BT /F1 12 Tf 56 780 Td ({_pdf_escape(text)}) Tj ET\n"
            f"BT /F1 9 Tf 56 60 Td (Seite {i + 1} von {n}) Tj ET\n"
        ).encode("latin-1")
        objs[content_no] = (
            f"<< /Length {len(stream)} >>\nstream\n".encode("latin-1") + stream + b"endstream"
        )
        objs[page_no] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_no} 0 R >>"
        ).encode("latin-1")
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {n} >>".encode("latin-1")
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += f"{num} 0 obj\n".encode("latin-1") + objs[num] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += f"xref\n0 {size}\n".encode("latin-1")
    out += b"0000000000 65535 f \n"
    for num in range(1, size):
        out += f"{offsets[num]:010d} 00000 n \n".encode("latin-1")
    out += (f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").encode(
        "latin-1"
    )
    return bytes(out)


def make_png(width: int = 120, height: int = 80) -> bytes:
    """A grey RGB image with a dark frame and a few 'text' lines."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type None
        for x in range(width):
            frame = x < 3 or y < 3 or x >= width - 3 or y >= height - 3
            line = (y in (20, 30, 40, 50, 60)) and 30 <= x <= 105
            photo = 8 <= x <= 24 and 15 <= y <= 45
            if frame or line:
                row += bytes((50, 50, 60))
            elif photo:
                row += bytes((150, 140, 130))
            else:
                row += bytes((225, 230, 235))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return (
            struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def make_docx(path: str, text: str) -> None:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            ("word/document.xml", document),
        ):
            info = zipfile.ZipInfo(name, date_time=(2026, 10, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    for name, pages in PDFS:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(make_pdf(pages))
    jpeg = base64.b64decode(JPEG_B64)
    for name in JPEGS:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(jpeg)
    png = make_png()
    for name in PNGS:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(png)
    for name, text in DOCXS:
        make_docx(os.path.join(OUT, name), text)
    total = len(PDFS) + len(JPEGS) + len(PNGS) + len(DOCXS)
    print(f"wrote {total} files to {OUT}")


if __name__ == "__main__":
    main()
