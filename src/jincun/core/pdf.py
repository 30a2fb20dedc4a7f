"""What every PDF Jincun prints shares: the Chinese font.

Every PDF (labels, dispatch sheets, handover lists, reports, statements) takes its font name from
`chinese_font()`, so the choice of font lives here once. The font is a real TrueType face that the install
brings (Debian's fonts-wqy-microhei, installed by `make install`), embedded as a subset, so a PDF reads the
same on any viewer, including ones that have no Chinese font of their own.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WenQuanYiMicroHei"
# Where Debian's packages put a CJK TrueType face; the first that exists wins. JINCUN_PDF_FONT overrides.
CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


def font_path() -> Path:
    """The TrueType file the PDFs embed; ImproperlyConfigured (saying what to install) when there is none."""
    configured = os.environ.get("JINCUN_PDF_FONT", "").strip()
    for candidate in ([configured] if configured else []) + list(CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise ImproperlyConfigured(
        "没有可嵌入的中文字体：运行 `make install`（安装 fonts-wqy-microhei），或设置 JINCUN_PDF_FONT 指向 .ttf/.ttc"
    )


@cache
def chinese_font() -> str:
    """Register the embedded Chinese TrueType font once and return its name for reportlab styles."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
    return FONT_NAME
