"""PDF/X-1a:2003 (ISO 15930-4), checked one requirement at a time with pikepdf: no validator
(veraPDF, callas pdfToolbox) can be installed here. ``REQUIREMENTS`` lists each check with the
clause it stands for; the README lists them too. Each check returns what is wrong (empty when
the file passes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pikepdf
from pikepdf import Name

VERSION = "PDF/X-1a:2003"
#: Printing conditions of the ICC characterization registry that an output intent may name
#: without embedding a profile (http://www.color.org/registry).
REGISTERED = {"FOGRA39", "FOGRA51", "FOGRA47", "FOGRA52", "JC200103", "CGATS21_CRPC6", "CGATS TR 001",
              "CGATS21_CRPC5", "CGATS21_CRPC1"}
_RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab", "/CalGray"}


def _objects(pdf: pikepdf.Pdf):
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj


def header_version(pdf, data) -> list[str]:
    """The header says PDF 1.4 or earlier (X-1a:2003 is based on PDF 1.4)."""
    match = re.match(rb"%PDF-(\d)\.(\d)", data)
    if not match or (int(match.group(1)), int(match.group(2))) > (1, 4):
        return [f"header {data[:8]!r}: PDF/X-1a:2003 needs PDF 1.4 or earlier"]
    return []


def no_pdf15_structures(pdf, data) -> list[str]:
    """No object streams or cross-reference streams (PDF 1.5)."""
    if b"/ObjStm" in data or b"/XRefStm" in data or re.search(rb"/Type\s*/XRef\b", data):
        return ["object or cross-reference streams (PDF 1.5) are not allowed"]
    return []


def document_id(pdf, data) -> list[str]:
    """The trailer has an /ID."""
    return [] if "/ID" in pdf.trailer and len(pdf.trailer.ID) == 2 else ["no /ID in the trailer"]


def not_encrypted(pdf, data) -> list[str]:
    """The file is not encrypted."""
    return ["encrypted"] if pdf.is_encrypted or "/Encrypt" in pdf.trailer else []


def info_version(pdf, data) -> list[str]:
    """The document information's GTS_PDFXVersion is PDF/X-1a:2003."""
    value = pdf.docinfo.get("/GTS_PDFXVersion")
    return [] if value is not None and str(value) == VERSION else [f"GTS_PDFXVersion is {value!r}"]


def info_trapped(pdf, data) -> list[str]:
    """The document information's Trapped is True or False (not Unknown)."""
    value = pdf.docinfo.get("/Trapped")
    return [] if value in (Name("/True"), Name("/False")) else [f"Trapped is {value!r}"]


def info_title_and_dates(pdf, data) -> list[str]:
    """Title, CreationDate and ModDate are present (Title not empty)."""
    info = pdf.docinfo
    return [f"no {key}" for key in ("/Title", "/CreationDate", "/ModDate") if not str(info.get(key, ""))]


def xmp_agrees(pdf, data) -> list[str]:
    """XMP metadata is present and says the same version, Trapped and title."""
    if "/Metadata" not in pdf.Root:
        return ["no XMP metadata"]
    meta = pdf.open_metadata()
    problems = []
    if meta.get("pdfxid:GTS_PDFXVersion") != VERSION:
        problems.append(f"XMP pdfxid:GTS_PDFXVersion is {meta.get('pdfxid:GTS_PDFXVersion')!r}")
    trapped = str(pdf.docinfo.get("/Trapped", ""))[1:]
    if meta.get("pdf:Trapped") != trapped:
        problems.append(f"XMP pdf:Trapped {meta.get('pdf:Trapped')!r} differs from the info's {trapped!r}")
    if meta.get("dc:title") != str(pdf.docinfo.get("/Title", "")):
        problems.append("XMP dc:title differs from the info's Title")
    return problems


def output_intent(pdf, data) -> list[str]:
    """Exactly one GTS_PDFX output intent, naming a condition; without an embedded profile the
    condition is a registered one (RegistryName the ICC's); an embedded one is a CMYK output profile."""
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == Name("/GTS_PDFX")]
    if len(intents) != 1:
        return [f"{len(intents)} GTS_PDFX output intents"]
    intent = intents[0]
    identifier = str(intent.get("/OutputConditionIdentifier", ""))
    if not identifier:
        return ["the output intent has no OutputConditionIdentifier"]
    if "/DestOutputProfile" in intent:
        profile = intent.DestOutputProfile.read_bytes()
        if profile[12:16] != b"prtr" or profile[16:20] != b"CMYK":
            return ["the embedded profile is not a CMYK output (prtr) profile"]
        return []
    if identifier not in REGISTERED or "color.org" not in str(intent.get("/RegistryName", "")):
        return [f"{identifier!r} is not a registered condition and no profile is embedded"]
    return []


def page_boxes(pdf, data) -> list[str]:
    """Every page has a TrimBox (no ArtBox beside it); BleedBox, if any, holds the TrimBox and lies
    within the MediaBox."""
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        obj = page.obj
        if "/TrimBox" not in obj:
            problems.append(f"page {number}: no TrimBox")
            continue
        if "/ArtBox" in obj:
            problems.append(f"page {number}: TrimBox and ArtBox")
        media, trim = _rect(obj.MediaBox), _rect(obj.TrimBox)
        bleed = _rect(obj.BleedBox) if "/BleedBox" in obj else trim
        if not (_inside(trim, bleed) and _inside(bleed, media)):
            problems.append(f"page {number}: boxes not nested (trim {trim}, bleed {bleed}, media {media})")
    return problems


def fonts_embedded(pdf, data) -> list[str]:
    """Every font is embedded (its descriptor has a font file)."""
    problems = []
    for obj in _objects(pdf):
        if obj.get("/Type") == Name.Font and obj.get("/Subtype") not in (Name.Type0, Name.Type3):
            descriptor = obj.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"font {obj.get('/BaseFont')} not embedded")
    return problems


def process_colour_only(pdf, data) -> list[str]:
    """No RGB, calibrated or Lab colour: no rg/RG operator, no such colour space in resources,
    images or shadings; images are CMYK or grey."""
    problems = []
    for obj in _objects(pdf):
        for key in ("/ColorSpace", "/CS"):
            space = obj.get(key)
            if isinstance(space, pikepdf.Dictionary):
                for value in space.values():
                    problems += _bad_space(value)
            elif space is not None:
                problems += _bad_space(space)
    for owner in _content_owners(pdf):
        for _operands, operator in pikepdf.parse_content_stream(owner):
            if str(operator) in ("rg", "RG"):
                problems.append(f"{operator} operator")
    return sorted(set(problems))


def _bad_space(space) -> list[str]:
    if isinstance(space, pikepdf.Array):
        if len(space) and space[0] == Name.ICCBased:
            n = int(space[1].get("/N", 0))
            return [] if n in (1, 4) else [f"ICCBased colour space with {n} components"]
        if len(space) and space[0] in (Name.Indexed,):
            return _bad_space(space[1])
        if len(space) and str(space[0]) in _RGB_SPACES:
            return [f"colour space {space[0]}"]
        return []
    return [f"colour space {space}"] if str(space) in _RGB_SPACES else []


def no_transparency(pdf, data) -> list[str]:
    """No transparency: no soft masks, constant alpha 1, blend mode Normal, no transparency groups."""
    problems = []
    for obj in _objects(pdf):
        if obj.get("/Type") == Name.ExtGState or any(k in obj for k in ("/CA", "/ca", "/BM")):
            if obj.get("/SMask", Name("/None")) != Name("/None"):
                problems.append("soft mask in a graphics state")
            for key in ("/CA", "/ca"):
                if key in obj and float(obj[key]) != 1.0:
                    problems.append(f"{key} {float(obj[key])}")
            if obj.get("/BM", Name.Normal) not in (Name.Normal, Name("/Compatible")):
                problems.append(f"blend mode {obj.BM}")
        if obj.get("/Subtype") == Name.Image and "/SMask" in obj:
            problems.append("image with a soft mask")
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == Name.Transparency:
            problems.append("transparency group")
    return sorted(set(problems))


def no_annotations_in_bleed(pdf, data) -> list[str]:
    """No annotation inside the BleedBox (PrinterMark and TrapNet excepted)."""
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") not in (Name.PrinterMark, Name.TrapNet):
                problems.append(f"page {number}: {annotation.get('/Subtype')} annotation")
    return problems


def no_actions_or_forms(pdf, data) -> list[str]:
    """No JavaScript, no actions (open, additional, in outline items), no form fields."""
    problems = []
    root = pdf.Root
    for key in ("/AcroForm", "/OpenAction", "/AA"):
        if key in root:
            problems.append(f"{key} in the catalog")
    if "/Names" in root and "/JavaScript" in root.Names:
        problems.append("JavaScript")
    for obj in _objects(pdf):
        if "/A" in obj or ("/AA" in obj and obj is not root):
            problems.append("an action")
    return sorted(set(problems))


def no_postscript_or_transfer(pdf, data) -> list[str]:
    """No PostScript XObjects or operators, no transfer functions, no OPI, no embedded files."""
    problems = []
    for obj in _objects(pdf):
        if obj.get("/Subtype") == Name("/PS"):
            problems.append("PostScript XObject")
        if "/OPI" in obj:
            problems.append("OPI")
        for key in ("/TR", "/TR2"):
            if key in obj and obj[key] != Name.Default:
                problems.append("transfer function")
    if "/Names" in pdf.Root and "/EmbeddedFiles" in pdf.Root.Names:
        problems.append("embedded files")
    for owner in _content_owners(pdf):
        if any(str(op) == "PS" for _, op in pikepdf.parse_content_stream(owner)):
            problems.append("PS operator")
    return sorted(set(problems))


def _content_owners(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        yield page.obj
    for obj in _objects(pdf):
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == Name.Form:
            yield obj


def _rect(box) -> tuple[float, ...]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(inner, outer, tolerance: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


#: Each requirement of PDF/X-1a:2003 we check, by a short name (the tests' ids).
REQUIREMENTS: dict[str, Callable] = {
    "header-1.4": header_version,
    "no-pdf-1.5-structures": no_pdf15_structures,
    "trailer-id": document_id,
    "not-encrypted": not_encrypted,
    "info-version": info_version,
    "info-trapped": info_trapped,
    "info-title-dates": info_title_and_dates,
    "xmp-metadata": xmp_agrees,
    "output-intent": output_intent,
    "page-boxes": page_boxes,
    "fonts-embedded": fonts_embedded,
    "process-colour-only": process_colour_only,
    "no-transparency": no_transparency,
    "no-annotations-in-bleed": no_annotations_in_bleed,
    "no-actions-or-forms": no_actions_or_forms,
    "no-postscript-transfer-opi": no_postscript_or_transfer,
}


def check(data: bytes, requirement: str) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return REQUIREMENTS[requirement](pdf, data)
