"""The "About" boilerplate: the standing paragraph(s) on who issues the release, at its end.

Labelled: a heading "About X" / "Acerca de X" / "Sobre X" and the paragraphs
under it, or the heading run into its paragraph ("About X X is a …").
Unlabelled: a closing paragraph whose first sentence says what an
organization is ("X (XYZ), founded in 1974, is a national organization …",
"X es una organización …").
"""

import re

from releases.importers.text.names import UPPER, capitalized

HEADING = re.compile(r"^(?:about|acerca\s+de|sobre|qui[eé]nes\s+somos)\s+(?P<org>\S.{0,120}?)\s*:?$", re.IGNORECASE)
RUN_IN = re.compile(r"^(?:about|acerca\s+de|sobre)\s+(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)
NAME_WORD = rf"(?:[{UPPER}0-9][\w.’'&!+-]*|[a-z]+[{UPPER}][\w.-]*|of|for|and|the|de|del|la|las|los|y|en|on|in|&|at)"
IDENTITY = re.compile(
    rf"^(?:The\s+|El\s+|La\s+|Los\s+|Las\s+)?(?P<org>[{UPPER}0-9a-z][\w.’'&!+-]*(?:\s+{NAME_WORD}){{0,12}}"
    rf"(?:\s*\([^)]{{1,40}}\))?)"
    r"(?:,\s*[^,]{1,160},)?\s+(?:is|are|was|es|son|fue)\s+"
    r"(?:a|an|the|one|composed|made\s+up|comprised|dedicated|committed|home|un|una|el|la|uno|una\s+de)\b"
)
LEGAL = re.compile(
    r"\b(?:trademarks?|registered\s+marks?|licensed\s+marks?|forward-looking\s+statements?|safe\s+harbor|"
    r"marca\s+registrada|all\s+rights\s+reserved)\b|[®™]",
    re.IGNORECASE,
)


def heading_org(line):
    """The organization an "About X" heading names, or None."""
    line = line.strip()
    match = HEADING.match(line)
    if not match or len(line.split()) > 12 or line.endswith((".", ",")):
        return None
    org = re.sub(r"^(?:the|el|la|los|las)\s+", "", match.group("org").strip(" :"), flags=re.IGNORECASE)
    if org.lower() in {"us", "nosotros"}:
        return org
    return org if capitalized(org) or re.match(r"^[a-z]+[A-Z]", org) else None


def run_in(text):
    """ "About Node.js Foundation Node.js Foundation is a …": (organization, the paragraph), or None."""
    match = RUN_IN.match(text.strip())
    if not match:
        return None
    rest = match.group("rest")
    words = rest.split()
    for size in range(min(12, len(words) // 2), 0, -1):
        name = " ".join(words[:size])
        following = " ".join(words[size:])
        for candidate in (name, re.sub(r"^(?:the|el|la)\s+", "", name, flags=re.IGNORECASE)):
            if following.startswith(candidate) or following.lower().startswith("the " + candidate.lower()):
                return candidate, following
    return None


def identity_org(paragraph):
    """The organization a paragraph's first sentence defines ("X is a …"), or None."""
    if LEGAL.search(paragraph[:200]):
        return None
    match = IDENTITY.match(paragraph.strip())
    if not match:
        return None
    org = match.group("org").strip()
    words = re.sub(r"\([^)]*\)", "", org).split()
    if not words or not capitalized(org) and not re.match(r"^[a-z]+[A-Z]", org):
        return None
    if words[0].lower() in {"this", "it", "that", "which", "there", "here", "esta", "este", "our", "nuestra"}:
        return None
    return org


def is_legal(paragraph):
    return bool(LEGAL.search(paragraph))
