"""PDF/X-1a:2003 for a print shop (``--cmyk``): the finishing pass over a CMYK PDF that
ReportLab (or the imposition) wrote.

Why PDF/X-1a rather than PDF/X-4: it is what Chinese print shops and their RIPs ask for by
name ("PDF/X-1a"), every RIP in use reads it, and our documents need nothing PDF/X-4 adds
(live transparency, ICC-based or RGB colour, layers): they are process colour only. It is
based on PDF 1.4 and names its printing condition by a registered characterization (the ICC
registry's FOGRA39 and others), so no ICC profile has to be embedded.

What this pass does (``tests/press/pdfx_check.py`` checks every requirement one by one):

- the output intent (``/OutputIntents``, subtype GTS_PDFX) naming the printing condition;
- ``GTS_PDFXVersion`` and ``Trapped`` (False: we do not trap; the shop's RIP may) in the
  document information, and the same in XMP metadata with the title and dates;
- a TrimBox and a BleedBox on every page (the page itself when it has no bleed), no ArtBox;
- no annotations (the contents' links lie inside the trim, which PDF/X forbids; the outline
  stays), no actions, no form fields;
- 100 % K overprints (ink and thin black rules print on top of what is under them instead of
  cutting a white hole that shows when the plates shift), every other colour knocks out;
- PDF 1.4, no object streams, a document ID made from the content (the same input gives the
  same bytes).

ReportLab already guarantees the rest: every font embedded, CMYK only (``enforceColorSpace``),
no transparency.
"""

from __future__ import annotations

import io
import warnings

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator, String

from briefing.press.spec import CONDITIONS, DEFAULT_CONDITION, Condition

#: The version this pass writes.
VERSION = "PDF/X-1a:2003"
PDF_VERSION = "1.4"
REGISTRY = "http://www.color.org"

#: Graphics states that the finishing pass adds to every resource dictionary: overprint for
#: 100 % K, knockout for any other colour. OPM 1: a zero component leaves the plate under it
#: alone (with OPM 0 a 100 % K overprint would still clear the cyan, magenta and yellow).
OVERPRINT, KNOCKOUT = Name("/BriefingOverprint"), Name("/BriefingKnockout")


def finish(data: bytes, condition: str = DEFAULT_CONDITION) -> bytes:
    """``data`` (a CMYK PDF) as PDF/X-1a:2003 under the printing ``condition``."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            _page(pdf, page)
        _strip_interactive(pdf)
        _output_intent(pdf, CONDITIONS[condition])
        _metadata(pdf)
        out = io.BytesIO()
        pdf.save(out, force_version=PDF_VERSION, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()


def _page(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    obj = page.obj
    media = obj.MediaBox
    if "/TrimBox" not in obj:
        obj.TrimBox = Array(media)
    if "/BleedBox" not in obj:
        obj.BleedBox = Array(obj.TrimBox)
    for key in ("/ArtBox", "/Annots", "/AA"):
        if key in obj:
            del obj[key]
    _overprint_black(pdf, obj, set())


def _overprint_black(pdf: pikepdf.Pdf, owner: pikepdf.Object, seen: set) -> None:
    """After each fill or stroke colour set in ``owner``'s content (a page or a form XObject,
    and the forms it draws), a graphics state: overprint for 100 % K, knockout for the rest."""
    resources = owner.get("/Resources")
    if resources is None:
        return
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == Name.Form and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            _overprint_black(pdf, xobject, seen)
    states = resources.get("/ExtGState")
    if states is None:
        states = resources.ExtGState = Dictionary()
    states[OVERPRINT] = Dictionary(Type=Name.ExtGState, OP=True, op=True, OPM=1)
    states[KNOCKOUT] = Dictionary(Type=Name.ExtGState, OP=False, op=False, OPM=1)
    if isinstance(owner, pikepdf.Stream):
        instructions = pikepdf.parse_content_stream(owner)
        owner.write(_with_overprint(instructions))
    else:
        page = pikepdf.Page(owner)
        page.contents_coalesce()
        owner.Contents.write(_with_overprint(pikepdf.parse_content_stream(owner)))


_SET_CMYK = (Operator("k"), Operator("K"))
_GS = Operator("gs")


def _with_overprint(instructions) -> bytes:
    out = []
    for operands, operator in instructions:
        out.append((operands, operator))
        if operator in _SET_CMYK:
            black = [float(v) for v in operands] == [0.0, 0.0, 0.0, 1.0]
            out.append(([OVERPRINT if black else KNOCKOUT], _GS))
    return pikepdf.unparse_content_stream(out)


def _strip_interactive(pdf: pikepdf.Pdf) -> None:
    """Nothing a printed page cannot do: no form fields, scripts or actions."""
    root = pdf.Root
    for key in ("/AcroForm", "/OpenAction", "/AA"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if names is not None:
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
    for item in _outline_items(root):
        if "/A" in item:  # ReportLab links its bookmarks with a GoTo destination; keep it as /Dest
            action = item.A
            if action.get("/S") == Name.GoTo:
                item.Dest = action.D
            del item["/A"]


def _outline_items(root: pikepdf.Object):
    outlines = root.get("/Outlines")
    stack = [outlines.get("/First")] if outlines is not None else []
    while stack:
        item = stack.pop()
        if item is None:
            continue
        yield item
        stack += [item.get("/Next"), item.get("/First")]


def _output_intent(pdf: pikepdf.Pdf, condition: Condition) -> None:
    intent = Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFX,
                        OutputConditionIdentifier=String(condition.identifier),
                        OutputCondition=String(condition.description), RegistryName=String(REGISTRY),
                        Info=String(condition.info))
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])


def _metadata(pdf: pikepdf.Pdf) -> None:
    """The version and ``Trapped`` in the document information and, with the title and dates
    ReportLab gave it, in XMP metadata."""
    info = pdf.docinfo
    if "/Title" not in info or not str(info.Title):
        info[Name.Title] = String("briefing")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        with warnings.catch_warnings():  # /Trapped and the version have no XMP twin it knows: set below
            warnings.simplefilter("ignore", UserWarning)
            meta.load_from_docinfo(info, delete_missing=False)
        meta["pdf:Trapped"] = "False"
        meta["pdfxid:GTS_PDFXVersion"] = VERSION
    info[Name.GTS_PDFXVersion] = String(VERSION)
    info[Name.Trapped] = Name("/False")
