"""The parser's rules on releases it has never seen: each test states a rule a careful reader would."""

import datetime

import pytest

from releases.importers.text import parse_release


def parse(text, **kwargs):
    return parse_release(text.strip() + "\n", **kwargs)


def story(*paragraphs, title="Tenants Win Repairs"):
    return "\n\n".join([title, *paragraphs])


# Quotation marks of every kind, and none for a statement.
@pytest.mark.parametrize(
    "paragraph",
    [
        "“We will keep the pressure on until every repair is done,” said Jane Roe, president of the Tenants Union.",
        '"We will keep the pressure on until every repair is done," said Jane Roe, president of the Tenants Union.',
        '"We will keep the pressure on until every repair is done,” said Jane Roe, president of the Tenants Union.',
        "«We will keep the pressure on until every repair is done», said Jane Roe, president of the Tenants Union.",
        "„We will keep the pressure on until every repair is done“, said Jane Roe, president of the Tenants Union.",
        "‘We will keep the pressure on until every repair is done,’ said Jane Roe, president of the Tenants Union.",
        "Jane Roe, president of the Tenants Union, said: “We will keep the pressure on until every repair is done.”",
        "Tenants Union president Jane Roe said, “We will keep the pressure on until every repair is done.”",
        "“We will keep the pressure on until every repair is done.” — Jane Roe, President, Tenants Union",
        "“We will keep the pressure on until every repair is done,” Jane Roe, president of the Tenants Union, said.",
        "Jane Roe, president of the Tenants Union, said: We will keep the pressure on until every repair is done.",
    ],
)
def test_a_quote_in_any_marks_with_its_speaker(paragraph):
    parsed = parse(story("NEW YORK – Tenants won repairs today.", paragraph))
    assert len(parsed.quotes) == 1
    quote = parsed.quotes[0]
    assert quote.text.startswith("We will keep the pressure on until every repair is done")
    assert quote.speaker == "Jane Roe"
    assert quote.title.lower() == "president"
    assert quote.organization == "Tenants Union"
    assert parsed.body.strip().endswith("[[quote 1]]")


def test_a_quote_split_around_its_attribution_is_one_quote():
    parsed = parse(story("“Heat came back in March,” said Ana Ruiz, a tenant organizer. “Now we want the elevators.”"))
    assert [q.text for q in parsed.quotes] == ["Heat came back in March. Now we want the elevators."]
    assert parsed.quotes[0].title == "tenant organizer"


def test_a_multi_paragraph_quote_and_a_quote_with_only_its_closing_mark():
    parsed = parse(
        story(
            "“The landlord ignored us for two winters. We organized floor by floor.",
            "“Today that work paid off for every family in the building.”",
            "— Rosa Martinez, President, Bayview Tenants Association",
            "“We will watch every repair,” said Rosa Martinez.",
            "She added",
            "Nobody here will forget what it took to get this far.”",
        )
    )
    first, second, third = parsed.quotes
    assert first.text.startswith("The landlord ignored us") and "\n\nToday that work" in first.text
    assert (first.speaker, first.organization) == ("Rosa Martinez", "Bayview Tenants Association")
    assert second.speaker == third.speaker == "Rosa Martinez"
    assert third.text.startswith("Nobody here will forget")


def test_cited_phrases_and_scare_quotes_stay_in_the_text():
    parsed = parse(story("The court called the rule “arbitrary and capricious” and sent it back to the agency."))
    assert parsed.quotes == []
    assert "“arbitrary and capricious”" in parsed.body


def test_a_surname_alone_is_the_person_named_in_full_before():
    parsed = parse(
        story(
            "Acme today named Priya Nair as Chief Executive Officer of Acme Robotics.",
            "“I am honored to lead a team this talented,” said Nair.",
        )
    )
    assert parsed.quotes[0].speaker == "Priya Nair"
    assert parsed.quotes[0].organization == "Acme Robotics"


def test_a_statement_titled_as_one_is_one_quote():
    parsed = parse(
        "Statement of Governor Jane Doe on the Budget Agreement\n\n(Austin, Texas)— The agreement is a win.\n\n"
        "It restores funding for rural hospitals.\n\n-30-"
    )
    assert parsed.dateline == "Austin, Texas"
    assert parsed.end_mark == "-30-"
    [quote] = parsed.quotes
    assert (quote.speaker, quote.title, quote.marked_by_quotation_marks) == ("Jane Doe", "Governor", False)
    assert quote.text == "The agreement is a win.\n\nIt restores funding for rural hospitals."


# Datelines and dates.
@pytest.mark.parametrize(
    "lead, place, date",
    [
        ("WASHINGTON, DC – Today the union", "WASHINGTON, DC", None),
        ("New York, NY—Seventy groups", "New York, NY", None),
        ("(Austin, Texas)—Today the board", "Austin, Texas", None),
        ("SACRAMENTO – Governor Newsom", "SACRAMENTO", None),
        ("RIVERSIDE, Calif. — The clinic", "RIVERSIDE, Calif.", None),
        ("SAN FRANCISCO, Sept. 14, 2015 – The foundation", "SAN FRANCISCO", datetime.date(2015, 9, 14)),
        ("NEW YORK, Jan. 5, 2020 /PRNewswire/ -- Acme", "NEW YORK", datetime.date(2020, 1, 5)),
        ("MADRID, 5 de marzo de 2024.- Greenpeace ha presentado", "MADRID", datetime.date(2024, 3, 5)),
        ("Today, the court ruled for the tenants.", None, None),
    ],
)
def test_datelines_with_or_without_a_date(lead, place, date):
    parsed = parse(story(lead + " more words follow in the lead of this release."))
    assert parsed.dateline == place
    assert parsed.date == date


def test_a_date_line_under_for_immediate_release_and_a_contact_on_top():
    parsed = parse(
        "FOR IMMEDIATE RELEASE\nContact: Jane Smith, Communications Director, 916-555-0142, jsmith@cleanair.org\n\n"
        "Clean Air Coalition Sues Over Refinery Permits\n\nWednesday, April 26, 2023 3PM CST\n\n"
        "Environmental groups filed suit today against the state air board over three refinery permits."
    )
    assert parsed.release_label == "FOR IMMEDIATE RELEASE"
    assert parsed.title == "Clean Air Coalition Sues Over Refinery Permits"
    assert parsed.date == datetime.date(2023, 4, 26)
    [contact] = parsed.contacts
    assert (contact.name, contact.title, contact.phone, contact.email) == (
        "Jane Smith",
        "Communications Director",
        "916-555-0142",
        "jsmith@cleanair.org",
    )
    assert "Contact" not in parsed.body


def test_a_date_printed_beside_today_in_spanish():
    parsed = parse(story("Hoy 12 de noviembre de 2019, nos concentramos delante de la Comisión Europea."))
    assert parsed.date == datetime.date(2019, 11, 12)
    assert parsed.language == "es"


# Signatories.
@pytest.mark.parametrize(
    "sentence, names, unnamed",
    [
        (
            "The letter is signed by groups including the Sierra Club, Earthjustice, the Center for Biological "
            "Diversity and 57 more.",
            ["Sierra Club", "Earthjustice", "Center for Biological Diversity"],
            57,
        ),
        ("Signatories include Sierra Club, Earthjustice plus 12 more.", ["Sierra Club", "Earthjustice"], 12),
        (
            "The suit is backed by the Sierra Club, Earthjustice, and twelve other organizations.",
            ["Sierra Club", "Earthjustice"],
            12,
        ),
        (
            "La carta está firmada por Greenpeace, Ecologistas en Acción y otras doce organizaciones.",
            ["Greenpeace", "Ecologistas en Acción"],
            12,
        ),
    ],
)
def test_signatories_named_in_a_sentence(sentence, names, unnamed):
    parsed = parse(story("The groups sent a letter to the agency today.", sentence))
    assert parsed.signatories == names
    assert parsed.unnamed_signatory_count == unnamed
    assert sentence not in parsed.body


def test_a_signatory_list_under_a_heading_with_people_and_a_count():
    parsed = parse(
        story(
            "The groups sent a letter to the agency today.",
            "Signed by:\n• Metro Tenants Union\n• Legal Aid Society\n• Dr. Ana Pérez, Columbia University\n"
            "• and 40 additional organizations",
        )
    )
    assert parsed.signatories == ["Metro Tenants Union", "Legal Aid Society"]
    assert parsed.individual_signatories == [{"name": "Ana Pérez", "affiliation": "Columbia University"}]
    assert parsed.unnamed_signatory_count == 40
    assert "Legal Aid" not in parsed.body


def test_a_partial_list_under_a_stated_total_counts_the_rest():
    parsed = parse(
        story(
            "Forty national groups endorsed a letter to Congress today.",
            "Among the letter’s signatories are Alpha Network, Beta Alliance, and the Gamma Coalition.",
            title="40 Groups Urge Congress to Act",
        )
    )
    assert parsed.signatories == ["Alpha Network", "Beta Alliance", "Gamma Coalition"]
    assert (parsed.signatory_total_stated, parsed.unnamed_signatory_count) == (40, 37)


# Closing matter: About, contacts, end marks.
def test_about_labelled_unlabelled_and_in_spanish():
    labelled = parse(story("Lead.", "About the Harbor Fund\n\nThe Harbor Fund gives grants to tenant groups."))
    assert [(b.organization, b.text) for b in labelled.boilerplates] == [
        ("Harbor Fund", "The Harbor Fund gives grants to tenant groups.")
    ]
    unlabelled = parse(story("Lead.", "The Harbor Fund (THF) is a foundation that gives grants to tenant groups."))
    assert unlabelled.about == ["Harbor Fund (THF)"]
    spanish = parse(story("Texto.", "Acerca de Greenpeace\n\nGreenpeace es una organización independiente."))
    assert spanish.about == ["Greenpeace"]
    mid_text = parse(story("About the study\n\nThe study followed 400 families.", "More findings follow here today."))
    assert mid_text.about == []


@pytest.mark.parametrize("mark", ["###", "# # #", "-30-", "* * *", "-ends-"])
def test_end_marks_are_removed_and_recorded(mark):
    contact = "Media contact:\nAna Ruiz\n600 123 456\nprensa@example.org"
    parsed = parse(story("Tenants won repairs today.", mark, contact))
    assert parsed.end_mark == mark
    assert mark not in parsed.body
    assert [(c.name, c.phone, c.email) for c in parsed.contacts] == [("Ana Ruiz", "600 123 456", "prensa@example.org")]


def test_a_spanish_dialogue_dash_before_the_verb():
    parsed = parse(
        story("«Los barrios no pueden quedarse sin autobuses por la noche» —dijo Laura Gómez, presidenta de la FAVB.")
    )
    [quote] = parsed.quotes
    assert (quote.speaker, quote.title, quote.organization) == ("Laura Gómez", "presidenta", "FAVB")


def test_spanish_attribution_and_press_contact():
    parsed = parse(
        "Greenpeace denuncia la tala ilegal\n\nMADRID, 5 de marzo de 2024.- Greenpeace presentó hoy un informe.\n\n"
        "«La madera ilegal sigue entrando en Europa», ha declarado María López, responsable de bosques de "
        "Greenpeace España.\n\nContacto de prensa:\nAna Ruiz, 600 123 456, prensa@example.org"
    )
    [quote] = parsed.quotes
    assert (quote.speaker, quote.title) == ("María López", "responsable de bosques")
    assert quote.organization == "Greenpeace España"
    assert parsed.contacts[0].label_as_printed == "Contacto de prensa:"
