#!/usr/bin/python3
# Builds the dashboard's first Chinese font: Noto Sans CJK SC (face 2 of the Debian .ttc) subset to GB2312 level 1, ASCII,
# CJK punctuation and every non-ASCII character in the client, shared and asset sources. Output is OTF (CFF),
# which stb_truetype in ImGui 1.86 reads (it does not read WOFF). Usage: make-font.py --root ROOT --out FILE
import argparse
import os
import sys
import tempfile

SOURCE_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE_INDEX = 2                                   # Noto Sans CJK SC
SCAN_DIRS = ("client_wasm", "shared", "assets")
SCAN_EXTENSIONS = {".cpp", ".hpp", ".h", ".cc", ".txt", ".json", ".csv", ".md", ".tsv", ".yaml", ".yml"}


def gb2312_hanzi_level1():
    """The 3755 level-1 (most frequent) GB2312 hanzi: rows 0xB0..0xD7, cells 0xA1..0xFE (row 0xD7 ends at 0xF9).
    Level 2 (rows 0xD8..0xF7, 3008 rarer hanzi) and every other character Noto Sans CJK SC has come on demand
    from the server's glyph pages (GET /api/v1/glyphs/pages/{n}, client_wasm/platform/fonts): the first download
    stays within the 1.5 MB budget."""
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass                                 # the five unused cells at the end of row 0xD7
    return chars


def gb2312_symbols():
    """GB2312 rows 0xA1..0xA9: full-width punctuation, digits, Latin, kana, Greek, Cyrillic, box drawing."""
    chars = []
    for hi in range(0xA1, 0xAA):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def input_files(root):
    for d in SCAN_DIRS:
        base = os.path.join(root, d)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [n for n in dirnames if not n.startswith(".") and n != "node_modules"]
            for name in sorted(filenames):
                if os.path.splitext(name)[1].lower() in SCAN_EXTENSIONS:
                    yield os.path.join(dirpath, name)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", required=True, help="repository root")
    parser.add_argument("--out", required=True, help="output .otf")
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    out = os.path.abspath(args.out)

    files = list(input_files(root))
    inputs = files + [SOURCE_FONT, os.path.abspath(__file__)]
    if os.path.exists(out):
        newest = max(os.path.getmtime(p) for p in inputs)
        if os.path.getmtime(out) >= newest:
            return 0                                   # up to date

    chars = set(chr(c) for c in range(0x20, 0x7F))   # ASCII
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    chars.update("·—–‘’“”…‰※→←↑↓√×÷±≤≥≠℃°￥¥")
    chars.update(gb2312_hanzi_level1())
    chars.update(gb2312_symbols())
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (UnicodeDecodeError, OSError):
            continue
        chars.update(ch for ch in text if ord(ch) > 0x7F and ch.isprintable())

    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(SOURCE_FONT, fontNumber=FACE_INDEX, lazy=False)
    options = subset.Options()
    options.layout_features = []                      # ImGui does no shaping
    options.hinting = False
    options.desubroutinize = False
    options.name_IDs = [1, 2, 3, 4, 6]
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)

    os.makedirs(os.path.dirname(out), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(out), suffix=".otf.tmp")
    os.close(fd)
    try:
        font.save(tmp)
        os.chmod(tmp, 0o644)                       # mkstemp makes 0600; the web server must read it
        os.replace(tmp, out)                           # never leave a half-written font behind
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap)
    print(f"make-font: {len(cmap)} characters, {os.path.getsize(out)} bytes -> {out}"
          + (f" ({len(missing)} requested characters not in the source font)" if missing else ""),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
