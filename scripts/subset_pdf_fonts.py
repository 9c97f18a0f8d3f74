"""Cut the Noto fonts of the PDFs' summaries in Arabic and Chinese (issue 12) to what CASA
writes, so that the repository carries a few hundred KB instead of 20 MB, and neither the PDFs
nor `make run` need a system font package. Called by scripts/update-frontend.sh with the
folder where it unpacked the npm packages; runs on Python (fontTools comes with WeasyPrint).

    .venv/bin/python scripts/subset_pdf_fonts.py UNPACKED_FOLDER

- Noto Sans Arabic: the Arabic blocks and their presentation forms, with every OpenType
  feature (the shaping of joined letters needs them), plus Latin-1 for codes and numbers.
- Noto Sans SC, regular only (1.2 MB; WeasyPrint draws its bold): the 3,755 most common
  characters (GB 2312 level 1), every character of the Chinese catalogue, CJK and full-width
  punctuation, Latin-1. tests/test_translations.py fails when a Chinese translation uses a
  character the cut font lacks: run `make frontend`.
"""

import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "casa" / "core" / "static" / "vendor" / "noto"
ZH_CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"

COMMON = (list(range(0x20, 0x7F)) + list(range(0xA0, 0x100))
          + [0x20AC, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2022]
          + list(range(0x200B, 0x2010)) + list(range(0x2066, 0x206A)))
ARABIC = (list(range(0x0600, 0x0700)) + list(range(0x0750, 0x0780))
          + list(range(0x08A0, 0x0900)) + list(range(0xFB50, 0xFE00))
          + list(range(0xFE70, 0xFF00)))


def gb2312_level_one():
    """The 3,755 characters of GB 2312's first level (rows 16 to 55), decoded from the codec."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def chinese():
    codes = set(COMMON) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    codes |= {ord(char) for char in gb2312_level_one()}
    if ZH_CATALOGUE.exists():
        codes |= {ord(char) for char in ZH_CATALOGUE.read_text(encoding="utf-8")
                  if ord(char) > 0x7F}
    return sorted(codes)


FONTS = {
    # output name: (file found under the unpacked folder, the characters kept)
    "NotoSansArabic-Regular.ttf": ("NotoSansArabic_400Regular.ttf", lambda: COMMON + ARABIC),
    "NotoSansArabic-Bold.ttf": ("NotoSansArabic_700Bold.ttf", lambda: COMMON + ARABIC),
    "NotoSansSC-Regular.ttf": ("NotoSansSC_400Regular.ttf", chinese),
}


def cut(source, target, codepoints):
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.hinting = False
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main(unpacked):
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob("*.ttf"):
        stale.unlink()
    licence = next(Path(unpacked).rglob("LICENSE_FONT"), None)
    if licence is not None:
        (OUT / "OFL.txt").write_text(licence.read_text(encoding="utf-8"), encoding="utf-8")
    for name, (source_name, codepoints) in FONTS.items():
        source = next(Path(unpacked).rglob(source_name))
        cut(source, OUT / name, codepoints())
        print(f"{name}: {(OUT / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1])
