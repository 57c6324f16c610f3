"""The small printed marks around a release: end marks, release labels, where it was first
published, and related resources (a list under a heading, or "download the brief here").
"""

import re

from releases.importers.text.result import Resource

END_MARK = re.compile(
    r"^(?:#\s*#\s*#|-\s*30\s*-|\u2013\s*30\s*\u2013|\u2014\s*30\s*\u2014|\*\s*\*\s*\*|-\s*-\s*-|_{3,}|"
    r"[-\u2013\u2014]?\s*(?:ends?|fin|end of release|fin del comunicado)\s*[-\u2013\u2014]?)$",
    re.IGNORECASE,
)
STRAY_MARK = re.compile(r"^(?:\*\*?|#|##|-{1,2}|\u2014|=+|~+)$")
RELEASE_LABEL = re.compile(
    r"^(?P<label>for\s+immediate\s+release|immediate\s+release|for\s+release|news\s+release|press\s+release|"
    r"media\s+advisory|media\s+release|press\s+statement|comunicado(?:\s+de\s+prensa)?|nota\s+de\s+prensa|"
    r"nota\s+informativa|para\s+(?:su\s+)?difusi[oó]n\s+inmediata|embargoed?\b[^.]{0,80}|embargo\b[^.]{0,80})"
    r"\s*[:.\-\u2013\u2014]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
SOURCE = re.compile(
    r"^(?:read\s+(?:it\s+)?(?:at|online\s+at|more\s+at)|originally\s+published\s+(?:at|on|in|by)|source|fuente|"
    r"publicado\s+originalmente\s+en|this\s+(?:press\s+)?release\s+was\s+(?:originally|first)\s+published)\b",
    re.IGNORECASE,
)
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"”)]+[^\s<>\"”).,;:!?]", re.IGNORECASE)
RESOURCES_HEADING = re.compile(
    r"^(?:related\s+(?:resources|links|materials|content)|additional\s+resources|resources|more\s+resources|"
    r"further\s+reading|learn\s+more|more\s+information|recursos(?:\s+relacionados)?|enlaces(?:\s+relacionados)?|"
    r"m[aá]s\s+informaci[oó]n|materiales|documentos)\s*:?$",
    re.IGNORECASE,
)
KINDS = {
    "blog": r"blog|post|article|art[ií]culo|entrada",
    "video": r"video|vídeo|watch|livestream|recording|grabaci[oó]n",
    "letter": r"letter|carta",
    "report": r"report|informe|study|estudio|analysis|an[aá]lisis|backgrounder|fact\s*sheet|white\s*paper",
    "photo": r"photos?|fotos?|images?|im[aá]genes|gallery|galer[ií]a",
    "document": r"document|documento|brief|pdf|decision|ruling|opinion|filing|complaint|sentencia|resoluci[oó]n|"
    r"comments|testimony|bill|text|texto",
}
KIND_PREFIX = re.compile(r"^(?P<kind>[\w ]{2,20}?)\s*[:\u2013\u2014-]\s+(?P<title>\S.*)$")
# "A copy of the brief can be downloaded here", "Read the letter here", "Descarga el informe aquí".
DOWNLOAD = re.compile(
    r"\b(?:download|read|view|see|find|access|watch|descarg\w*|lea|consult\w*|vea)\b[^.]{0,120}\b(?:here|below|aqu[ií])\b"
    r"|\bcan\s+be\s+(?:found|downloaded|read|viewed|accessed|seen|watched)\b|\bpuede\s+(?:descargarse|consultarse|leerse)\b"
    r"|\b(?:download|read|view|see|visit|watch|descarg\w*|lea|consult\w*)\b[^.]{0,160}?(?:https?://|www\.)",
    re.IGNORECASE,
)


def end_mark(text):
    text = text.strip()
    if END_MARK.match(text):
        return re.sub(r"\s+", " ", text)
    return None


def release_label(text):
    """("FOR IMMEDIATE RELEASE", what follows it on the line) or None."""
    match = RELEASE_LABEL.match(text.strip())
    if not match or len(match.group("label").split()) > 14:
        return None
    return match.group("label").strip(), match.group("rest").strip()


def source_url(text):
    """The address a "Read at: …" or "Originally published at …" note gives, or None."""
    if not SOURCE.match(text.strip()) or len(text.split()) > 40:
        return None
    match = URL.search(text)
    return _http(match.group()) if match else ""


def kind_of(text):
    for kind, words in KINDS.items():
        if re.search(rf"\b(?:{words})\b", text, re.IGNORECASE):
            return kind
    return "link"


def resource_from_item(item, markdown=None):
    """ "Blog: Here's Why …" → Resource(kind="blog", title="Here's Why …")."""
    url = _link_in(markdown) or _url_in(item)
    text = URL.sub("", item).strip(" :-–—")
    match = KIND_PREFIX.match(text)
    if match and kind_of(match.group("kind")) != "link":
        return Resource(title=match.group("title").strip(), kind=kind_of(match.group("kind")), url=url)
    return Resource(title=text or url, kind=kind_of(text), url=url)


def resource_from_sentence(paragraph, markdown=None):
    """A short paragraph that points to a document ("A copy of the brief can be downloaded here."), or None."""
    if len(paragraph.split()) > 45 or not DOWNLOAD.search(paragraph):
        return None
    url = _link_in(markdown) or _url_in(paragraph)
    title = URL.sub("", paragraph).strip(" >.:")
    title = re.sub(r"\s+(?:at|en)\s*:?$", "", title)
    return Resource(title=title, kind=kind_of(title), url=url)


def _link_in(markdown):
    match = re.search(r"\]\((https?://[^)\s]+)\)", markdown or "")
    return match.group(1) if match else ""


def _url_in(text):
    match = URL.search(text or "")
    return _http(match.group()) if match else ""


def _http(url):
    return url if url.lower().startswith("http") else "http://" + url
