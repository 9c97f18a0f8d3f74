"""PDF documents (receipts, decision letters) from Django templates, with WeasyPrint."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation

from . import languages

# Italian A4 with page numbers, Titillium Web (Bootstrap Italia's font; only the two faces
# used, since each embedded face costs rendering time) and the styles shared by CASA's
# documents. Kept here rather than in a <style> element: templates carry no inline styles
# (tests/test_pages.py), and a PDF template is a template like any other.
FONT = "vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin"
BASE_CSS = """
@font-face { font-family: "Titillium Web"; font-weight: 400; src: url("%(font)s-regular.woff2"); }
@font-face { font-family: "Titillium Web"; font-weight: 700; src: url("%(font)s-700.woff2"); }
@page {
  size: A4;
  margin: 20mm 18mm 22mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; }
}
html { font-family: "Titillium Web", "DejaVu Sans", sans-serif; font-size: 11pt; color: #1a1a1a; }
header { display: flex; align-items: center; border-bottom: 2px solid #0066cc;
         padding-bottom: 6mm; margin-bottom: 8mm; }
header img { width: 14mm; height: 14mm; margin-right: 4mm; }
header .brand { font-size: 16pt; font-weight: 700; color: #0066cc; }
header .tagline { font-size: 9pt; color: #444; }
h1 { font-size: 17pt; margin: 0 0 2mm 0; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm 0; color: #0066cc; }
table { width: 100%%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 1.5mm 2mm;
         border-bottom: 0.5pt solid #ccc; }
th { width: 42%%; font-weight: 700; }
.protocol { font-size: 14pt; font-weight: 700; letter-spacing: 0.5pt; }
.amount { font-size: 13pt; font-weight: 700; }
.notice { border: 1pt solid #a66300; background: #fff6e6; padding: 3mm; margin-top: 3mm; }
ol li { margin-bottom: 2mm; }
footer { margin-top: 10mm; font-size: 9pt; color: #444; }
.summary { break-before: page; }
.summary .legal { border: 1pt solid #0066cc; padding: 3mm; font-size: 10pt; }
[dir="rtl"] th, [dir="rtl"] td { text-align: right; }
"""
# The summary in the tenant's language (issue 12) needs a font for its script: vendored Noto
# cuts (scripts/subset_pdf_fonts.py), embedded only in the PDFs that have such a summary.
SCRIPT_FONTS = {
    "Noto Sans Arabic": [(400, "vendor/noto/NotoSansArabic-Regular.ttf"),
                         (700, "vendor/noto/NotoSansArabic-Bold.ttf")],
    "Noto Sans SC": [(400, "vendor/noto/NotoSansSC-Regular.ttf")],
}


def script_font_css(language_code):
    """@font-face rules and the font of `[lang]` text in `language_code`, when its script
    needs one that Titillium Web lacks; "" otherwise."""
    language = languages.BY_CODE.get(languages.supported(language_code) or "")
    family = language.pdf_font if language else ""
    if family not in SCRIPT_FONTS:
        return ""
    faces = "".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
        f'src: url("{settings.STATIC_URL}{path}"); }}\n'
        for weight, path in SCRIPT_FONTS[family])
    return (f'{faces}[lang="{language_code}"] {{ font-family: "{family}", "Titillium Web", '
            f'sans-serif; }}\n')


def _static_path(name):
    """The file of a static URL's name: from the apps' static folders, or, for a hashed name
    (`{% static %}` with the manifest storage in production), from STATIC_ROOT."""
    path = finders.find(name)
    if path is None and staticfiles_storage.exists(name):
        path = staticfiles_storage.path(name)
    return path


def _fetcher():
    """A WeasyPrint URL fetcher that serves `/static/...` from the static files finders (no web
    server needed) and `data:` URIs, and refuses anything else: a PDF never reaches the
    network or other local files."""
    from weasyprint.urls import URLFetcher

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            prefix = "file://" + settings.STATIC_URL
            if url.startswith(prefix):
                path = _static_path(url[len(prefix):].split("?")[0].split("#")[0])
                if path:
                    response = super().fetch(Path(path).as_uri(), headers)
                    response.url = url  # relative URLs inside (fonts.css) stay under /static/
                    return response
            elif url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"not a static file: {url}")

    return StaticFilesFetcher(allowed_protocols={"file", "data"})


def render_pdf(template_name, context, *, request=None, also_in="") -> bytes:
    """Render `template_name` (HTML) with `context` to PDF bytes. `{% static %}` URLs are
    resolved from the project's static files, so templates can use images, fonts and CSS.
    `also_in`: the language of a summary in the document, whose script's font is embedded."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    context = {"language_code": translation.get_language() or settings.LANGUAGE_CODE,
               **context}
    html = render_to_string(template_name, context, request=request)
    fetcher = _fetcher()
    document = HTML(string=html, base_url="file:///", url_fetcher=fetcher)
    font = settings.STATIC_URL + FONT
    fonts = FontConfiguration()  # @font-face of a stylesheet given here needs one
    base = CSS(string=BASE_CSS % {"font": font} + script_font_css(also_in),
               base_url="file:///", url_fetcher=fetcher, font_config=fonts)
    return document.write_pdf(stylesheets=[base], font_config=fonts)
