"""What every PDF Jincun prints shares: the Chinese font.

Every PDF (labels, dispatch sheets, handover lists, reports, statements) takes its font name from
`chinese_font()`, so the choice of font lives here once.
"""

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont


@cache
def chinese_font() -> str:
    """Register and name the font for Chinese text.

    Today reportlab's built-in STSong-Light CID font (not embedded: the viewer supplies the glyphs)."""
    name = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name
