"""The text of a PDF made by WeasyPrint, for tests: the receipt test's zlib trick (inflate every
stream) plus the fonts' ToUnicode maps, since WeasyPrint writes text as glyph numbers."""

import contextlib
import re
import zlib


def _streams(pdf: bytes):
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            yield zlib.decompress(stream)


def _unicode(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode()).decode("utf-16-be")


def pdf_text(pdf: bytes) -> str:
    """Every string the PDF's pages show, one line per text run, glyphs mapped back to
    characters (fonts share glyph numbers only when they map them the same way, which holds
    for the two faces of one family that CASA's PDFs embed)."""
    streams = list(_streams(pdf))
    glyphs = {}
    for stream in streams:
        if b"beginbfchar" not in stream and b"beginbfrange" not in stream:
            continue
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for glyph, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                glyphs[glyph.lower()] = _unicode(text)
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            for first, last, start in re.findall(
                    rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                width = len(first)
                for offset in range(int(first, 16), int(last, 16) + 1):
                    code = f"{offset:0{width}x}".encode()
                    glyphs[code] = chr(int(start, 16) + offset - int(first, 16))
    lines = []
    for stream in streams:
        for run in re.findall(rb"\[(.*?)\]\s*TJ|(<[0-9a-fA-F]+>)\s*Tj", stream, re.S):
            text = b"".join(run)
            line = []
            for hex_text in re.findall(rb"<([0-9a-fA-F]+)>", text):
                hex_text = hex_text.lower()
                line.extend(glyphs.get(hex_text[i:i + 4], "?")
                            for i in range(0, len(hex_text), 4))
            lines.append("".join(line))
    return "\n".join(lines)


def pdf_fonts(pdf: bytes) -> set[str]:
    """The names of the fonts a PDF embeds, without their subset prefix: {"Titillium-Web",
    "Noto-Sans-Arabic", ...} (WeasyPrint keeps them in compressed object streams)."""
    names = set()
    for chunk in [pdf, *_streams(pdf)]:
        names.update(name.split(b"+")[-1].decode()
                     for name in re.findall(rb"/BaseFont\s*/([^\s/>\[\]]+)", chunk))
    return names
