"""The paste-signatories parser on lists as they arrive: from letters, emails and spreadsheets."""

from pathlib import Path

import pytest

from releases import signatories
from releases.models import Organization, match_key
from tests import factories

# A copy of shared/samples/over-60-groups-tell-obama-administration.txt, as the newsroom sent it.
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "over-60-groups-tell-obama-administration.txt"
SAMPLE_NAMES = [
    "United We Dream",
    "American Civil Liberties Union",
    "National Domestic Workers\u2019 Alliance",
    "National Day Labor Organizing Network",
    "Georgia Latino Alliance for Human Rights",
    "National Center for Transgender Equality",
    "National Immigration Project of the National Lawyer\u2019s Guild",
    "Immigrant Legal Resource Center",
]


def sample_paragraph():
    return next(p for p in SAMPLE.read_text().split("\n\n") if p.startswith("The letter is signed"))


def test_the_samples_whole_paragraph():
    parsed = signatories.parse(sample_paragraph())
    assert parsed.names == SAMPLE_NAMES
    assert parsed.unnamed_count == 57


def test_one_per_line_with_bullets_blanks_duplicates_and_a_count():
    text = """
    \u2022 United We Dream
    - the American Civil Liberties Union,

    3. National Domestic Workers\u2019 Alliance.
    UNITED WE DREAM
    +57 others
    """
    parsed = signatories.parse(text)
    assert parsed.names == SAMPLE_NAMES[:3]
    assert parsed.unnamed_count == 57


def test_one_per_line_keeps_commas_and_ands_inside_names():
    text = "Asian Americans Advancing Justice, Los Angeles\nCenter for Law and Social Policy\nand Friends & Neighbors"
    assert signatories.parse(text).names == [
        "Asian Americans Advancing Justice, Los Angeles",
        "Center for Law and Social Policy",
        "Friends & Neighbors",
    ]


@pytest.mark.parametrize(
    ("text", "names", "count"),
    [
        ("Alpha, Beta and Gamma", ["Alpha", "Beta", "Gamma"], None),
        ("Alpha, Beta, & Gamma.", ["Alpha", "Beta", "Gamma"], None),
        ("Alpha, Beta, and Gamma, and others", ["Alpha", "Beta", "Gamma"], None),
        ("Alpha; Beta; and 1,200 more organizations.", ["Alpha", "Beta"], 1200),
        ("Alpha, Beta and 57 other groups", ["Alpha", "Beta"], 57),
        ("Alpha, Beta + 3 more", ["Alpha", "Beta"], 3),
        ("Alpha, Beta \u2026 and 9 more", ["Alpha", "Beta"], 9),
        ("Signed by: Alpha, Beta", ["Alpha", "Beta"], None),
        ("Acme, Inc., Beta", ["Acme, Inc.", "Beta"], None),
        ("\u201cAlpha\u201d, \u2018Beta\u2019, \u201cGamma\u201d", ["Alpha", "Beta", "Gamma"], None),
        ("Alpha,,  ,Beta,\u00a0Gamma", ["Alpha", "Beta", "Gamma"], None),
        ("the U.S. Immigration Coalition, Beta", ["U.S. Immigration Coalition", "Beta"], None),
        ("Alpha, alpha, ALPHA., the Alpha", ["Alpha"], None),
        ("The Advocates for Human Rights, Beta", ["The Advocates for Human Rights", "Beta"], None),
        ("", [], None),
        ("\n \n", [], None),
    ],
)
def test_comma_lists_as_printed_in_letters(text, names, count):
    parsed = signatories.parse(text)
    assert parsed.names == names
    assert parsed.unnamed_count == count


def test_a_known_name_with_and_in_it_is_kept_whole_at_the_end_of_a_list():
    known = {match_key("Center for Law and Social Policy")}
    assert signatories.parse("Alpha, Center for Law and Social Policy", known).names == [
        "Alpha",
        "Center for Law and Social Policy",
    ]
    assert signatories.parse("Alpha, Beta and Gamma", known).names == ["Alpha", "Beta", "Gamma"]


@pytest.mark.django_db
def test_attach_matches_existing_organizations_and_creates_the_rest_in_order():
    aclu = factories.organization("ACLU")
    ndwa = factories.organization("National Domestic Workers' Alliance")  # straight apostrophe
    release = factories.release(state="draft")
    first = factories.signatory(release, factories.organization("Already There"))

    outcome = signatories.attach(
        release, ["the A.C.L.U.", "National Domestic Workers\u2019 Alliance", "Brand New Group", "Already There"]
    )

    assert [o.pk for o in outcome.matched] == [aclu.pk, ndwa.pk]
    assert [o.name for o in outcome.created] == ["Brand New Group"]
    assert [o.name for o in outcome.already] == ["Already There"]
    rows = list(release.signatories.select_related("organization"))
    assert [s.organization.name for s in rows] == [
        "Already There",
        "ACLU",
        "National Domestic Workers' Alliance",
        "Brand New Group",
    ]
    assert rows[0].pk == first.pk
    assert [s.position for s in rows] == [1, 2, 3, 4]


@pytest.mark.django_db
def test_created_organizations_get_unique_slugs():
    factories.organization("Other", slug="brand-new-group")
    release = factories.release(state="draft")
    created = signatories.attach(release, ["Brand New Group"]).created[0]
    assert created.slug == "brand-new-group-2"
    assert Organization.objects.filter(slug__startswith="brand-new-group").count() == 2


@pytest.mark.django_db
def test_known_keys_come_from_the_database():
    factories.organization("Center for Law and Social Policy")
    text = "Alpha, Center for Law and Social Policy"
    assert signatories.parse(text, signatories.known_in_database).names == [
        "Alpha",
        "Center for Law and Social Policy",
    ]


@pytest.mark.django_db
def test_attach_matches_an_organization_whose_stored_key_is_stale():
    """Bulk writes skip save(), so name_key may not be what match_key would give."""
    org = factories.organization("National Day Labor Organizing Network")
    Organization.objects.filter(pk=org.pk).update(name_key="something else")
    release = factories.release(state="draft")
    outcome = signatories.attach(release, ["national day labor organizing network"])
    assert outcome.matched == [org]
    assert Organization.objects.count() == 2  # the release's issuer and this one; nothing created


# --- Defect 6 of issue 12: the forms the old parser got wrong --------------------------


@pytest.mark.parametrize(
    ("text", "names", "count"),
    [
        ("Alpha, Beta plus 12 more", ["Alpha", "Beta"], 12),
        ("Alpha, Beta, plus 12 more.", ["Alpha", "Beta"], 12),
        ("Alpha, Beta and twelve others", ["Alpha", "Beta"], 12),
        ("Alpha, Beta and fifty-seven more", ["Alpha", "Beta"], 57),
        ("Alpha, Beta, 57 additional organizations", ["Alpha", "Beta"], 57),
        ("Alpha\nBeta\nplus 12 more", ["Alpha", "Beta"], 12),
        ("Alpha\nBeta\nand twelve others", ["Alpha", "Beta"], 12),
    ],
)
def test_counts_in_words_and_with_plus_are_counts_not_organizations(text, names, count):
    parsed = signatories.parse(text)
    assert parsed.names == names
    assert parsed.unnamed_count == count


def test_known_names_with_and_are_kept_whole_wherever_the_and_falls():
    known = {match_key("Center for Law and Social Policy")}
    assert signatories.parse("Alpha and Center for Law and Social Policy", known).names == [
        "Alpha",
        "Center for Law and Social Policy",
    ]
    assert signatories.parse("Alpha, Beta and Center for Law and Social Policy and 3 more", known).names == [
        "Alpha",
        "Beta",
        "Center for Law and Social Policy",
    ]


def test_an_unknown_name_cut_at_and_is_pointed_out_for_review():
    parsed = signatories.parse("Alpha, Center for Law and Social Policy")
    assert parsed.names == ["Alpha", "Center for Law", "Social Policy"]
    assert parsed.split_at_and == ("Center for Law", "Social Policy")


@pytest.mark.django_db
def test_known_keys_find_a_known_name_behind_an_and():
    factories.organization("Center for Law and Social Policy")
    text = "Alpha and Center for Law and Social Policy plus 12 more"
    assert signatories.parse(text, signatories.known_in_database).names == [
        "Alpha",
        "Center for Law and Social Policy",
    ]


@pytest.mark.django_db
def test_the_review_says_which_organizations_are_matched_new_or_already_signed():
    aclu = factories.organization("American Civil Liberties Union", abbreviations=["ACLU"])
    release = factories.release(state="draft")
    factories.signatory(release, factories.organization("Already There"))
    rows = signatories.review(release, signatories.parse("ACLU, Already There, Brand New Group"))
    assert [(r.name, r.organization, r.already_signed) for r in rows] == [
        ("ACLU", aclu, False),
        ("Already There", release.signatories.get().organization, True),
        ("Brand New Group", None, False),
    ]
    assert not Organization.objects.filter(name="Brand New Group").exists()  # a review creates nothing
