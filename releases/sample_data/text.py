"""Synthetic press-release text for generate_archive: words drawn with a Zipf-like
frequency plus common phrases, so the vocabulary has common and rare words."""

import itertools
import random

WORDS = """
immigrant immigration families community rights federal policy administration program department
deportation enforcement local police county sheriff state law people children year today said
statement groups coalition support act public justice national members new workers city communities
detention agency agreement policies president congress security homeland youth action legal court
health time access protect protection fair safe work million country leaders advocates status
relief reform report data letter call end campaign services decision government trust residents
undocumented asylum refugees border officials organizing voices rally order announced across nation
schools students education dream dreamers daca parents mothers fathers workers labor wages jobs
housing faith churches clergy vigil march hearing testimony senate house bill vote budget funding
contract contracts jail jails prison private facility facilities conditions medical care access
attorney attorneys lawyers counsel representation due process hearing judge judges ruling appeal
civil liberties constitution amendment discrimination profiling racial equity dignity humanity
safety accountability transparency oversight investigation inspector general complaint complaints
abuse abuses death deaths hunger strike release released detained arrested arrests raids raid
workplace checkpoint traffic stop stops license licenses driver drivers identification cards
citizenship naturalization green card visa visas humanitarian parole temporary protected
sanctuary ordinance council mayor governor legislature legislative session hearing committee
testify testified urged urge demand demands call calls condemn condemned welcome welcomed praise
applaud historic victory fight struggle together power organize organized organizers volunteers
neighbors neighborhoods cities towns rural urban southern northern western eastern region regional
survey research study analysis findings evidence numbers percent increase decrease record records
recent years decade history historic future generation generations hope fear trauma separation
reunification reunited separated child parent family unity home homes land language languages
interpreters translation notice notices rights know hotline network networks partners partnership
alliance allies union unions employers business businesses economy economic taxes contributions
farmworkers agriculture harvest fields meatpacking construction domestic restaurant service
essential pandemic virus vaccine vaccines testing outbreak outbreaks quarantine masks sanitation
water food shelter beds capacity overcrowding cells solitary confinement transfers transfer
flights charter removal removals expedited proceedings backlog case cases docket bond bonds
alternatives monitoring ankle shackles electronic surveillance database databases records sharing
information privacy fingerprints biometrics secure communities priority priorities memo memorandum
guidance directive executive orders rule rules regulation regulations comment period public charge
benefits medicaid insurance clinics hospitals doctors nurses patients mental counseling services
"""

RARE = [
    "ombudsperson",
    "habeas",
    "refoulement",
    "nonrefoulement",
    "extraterritorial",
    "interoperability",
    "kinship",
    "cartography",
    "apostille",
    "gerrymander",
]

PHRASES = [
    "287(g) agreements",
    "the 287(g) program",
    "family separation",
    "due process",
    "Deferred Action for Childhood Arrivals",
    "Temporary Protected Status",
    "know your rights",
    "immigration detention",
    "local law enforcement",
    "Secure Communities",
    "comprehensive immigration reform",
    "a path to citizenship",
    "end the contracts",
    "community trust",
    "racial profiling",
    "detention conditions",
    "asylum seekers",
    "the 501(c)(3) organization",
]

SYLLABLES = [
    "ba",
    "ca",
    "den",
    "el",
    "for",
    "gan",
    "ho",
    "in",
    "jor",
    "ka",
    "lan",
    "mo",
    "nes",
    "or",
    "pra",
    "quin",
    "ros",
    "sa",
    "tel",
    "un",
    "var",
    "wen",
    "tor",
    "yel",
    "zan",
    "bri",
    "cor",
]
ZIPF = 1.1


def vocabulary():
    """The word list, most frequent first, then a long tail of made-up words (names,
    jargon), so the archive has thousands of distinct words, most of them rare."""
    words = list(dict.fromkeys(WORDS.split()))
    tail_rng = random.Random(0)  # the same words whatever the seed
    tail = set()
    while len(tail) < 4000:
        tail.add("".join(tail_rng.choice(SYLLABLES) for _ in range(tail_rng.randint(2, 4))))
    tail = sorted(tail - set(words))  # sorted first: a set's order changes between runs
    tail_rng.shuffle(tail)
    return words + tail


class Text:
    """Words with a Zipf-like frequency, sentences with phrases, deterministic per rng."""

    def __init__(self, rng):
        self.rng = rng
        self.words = vocabulary()
        self.cum = list(itertools.accumulate(1.0 / rank**ZIPF for rank in range(1, len(self.words) + 1)))

    def sentence(self, low=8, high=18):
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self.cum, k=rng.randint(low, high))
        if rng.random() < 0.35:
            words.insert(rng.randrange(len(words)), rng.choice(PHRASES))
        if rng.random() < 0.01:
            words.insert(rng.randrange(len(words)), rng.choice(RARE))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def title(self):
        words = self.rng.choices(self.words, cum_weights=self.cum, k=self.rng.randint(4, 9))
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(PHRASES))
        return " ".join(w.capitalize() if i == 0 or len(w) > 3 else w for i, w in enumerate(words))
