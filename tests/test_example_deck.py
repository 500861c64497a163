"""The example deck reproduces the seed deck's story in order, with notes, links and alt text."""

from __future__ import annotations

import re

from pptx.oxml.ns import qn

from helpers import (
    alt_text,
    hyperlinks,
    paragraphs,
    pictures,
    placeholder_text,
    run_languages,
    title_of,
)

# (layout, title) of each slide, in the seed deck's order (shared/seed/innvandrere-som-ressurs.txt)
EXPECTED = [
    ("Utsagn", "er å samle, utvikle og dele kunnskap som styrker de minste kommunenes evne til "
               "samfunnsutvikling."),
    ("Punktliste", "Hva er Distriktssenteret?"),
    ("Tittel", "Innvandrere som ressurs i distriktene"),
    ("Utsagn", "Næringsutvikling, stedsutvikling, boligutvikling og inkludering av tilflyttere "
               "henger godt sammen. Kommunen alene kan ikke gjøre jobben – de som lykkes "
               "involverer målgruppene og samarbeider med næringsliv, frivillighet og innbyggere."),
    ("Spørsmål", "Hvor mange tror du har flytta til de ni distriktskommunene Drangedal, Seljord, "
                 "Hjartdal, Tinn, Kviteseid, Nissedal, Fyresdal, Tokke, Vinje de siste 10 årene?"),
    ("Diagram", "Flyttetall for distriktskommuner i Telemark de siste 10 årene"),
    ("Utsagn", "Å ta vare på de som allerede bor i kommunen og de som kommer kan ha større "
               "betydning for folketallsutviklinga enn forsøk på å lokke heim utflytta ungdommer "
               "og barnefamilier."),
    ("Diagram", "Personer fordelt etter landbakgrunn i 2023 i Tinn"),
    ("Diagram", "Utdanningsnivå blant voksne i Fyresdal"),
    ("Utsagn", "Innvandrere som har norske venner og deltar i frivillige organisasjoner har langt "
               "høyere sysselsetting enn innvandrere uten slike nettverk"),
    ("Punktliste", "Bli-faktorer"),
    ("Bilde", "Innvandrere som ressurs i distriktene"),
    ("Bilde", "Fra Vest-Telemark blad"),
    ("Utsagn", "Dersom målet er å beholde folk og arbeidskraft, bør kommunens ledelse prioritere "
               "arbeid med å inkludere innvandrere i sine planer og konkrete tiltak."),
    ("Punktliste med foto", "Har vi tilstrekkelig oppmerksomhet på inkluderingsfeltet i "
                            "kommunal planlegging?"),
    ("Seksjon", "Eksempel til inspirasjon"),
    ("Punktliste med foto", "Aker bruker pensjonerte sveisere som lærere"),
    ("Sitat med foto", "Eldre som ressurs – mentor og viktig støttespiller"),
    ("Bilde", "Åre lykkes med å beholde nye innbyggere – nøkkelen er vilje!"),
    ("Sitat", "Åre lykkes med å beholde nye innbyggere"),
    ("Punktliste med foto", "Fra Integrasjonsservice til Tilflytterservice"),
    ("Punktliste med foto", "Fra Integrasjonsservice til Tilflytterservice (forts.)"),
    ("Punktliste med foto", "Frøya er et samfunn avhengig av innvandrere"),
    ("Punktliste", "Ei dør inn via det kommunale servicetorget"),
    ("Bilde", "Herøy (N): Frivilligsentralen er arena for å bygge nettverk"),
    ("Punktliste", "Tilflyttere får nettverk, føler seg velkomne og blir boende!"),
    ("Punktliste med foto", "Boligselskapet Herbo, et viktig strategisk verktøy for inkludering, "
                            "bolyst og blilyst"),
    ("Avslutning", "Takk for oppmerksomheten"),
    ("Seksjon", "Tall og statistikk for distriktskommuner i Telemark"),
    ("Diagram", "Befolkning distriktskommuner i Telemark"),
    ("Diagram", "SSB – Flyttinger 2014–2023"),
    ("Diagram", "Tall og statistikk per kommune"),
]

BODY, KICKER, CREDIT, FOOTNOTE, ATTRIBUTION = 1, 20, 22, 23, 24


def test_slides_come_in_the_seed_order(example):
    got = [(s.slide_layout.name, title_of(s)) for s in example.slides]
    assert got == EXPECTED


def test_deck_is_16_9(example):
    assert (example.slide_width, example.slide_height) == (12192000, 6858000)


def test_bullets_keep_lead_line_and_levels(example):
    slide = example.slides[1]
    assert paragraphs(slide, BODY) == [
        ("Vi tilbyr", 0, False),
        ("Digitale verktøy", 0, True),
        ("Veiledninger", 0, True),
        ("Læringseksempel", 0, True),
        ("Prosesskunnskap", 0, True),
        ("Merkur-programmet", 0, True),
        ("for distriktsbutikker", 1, True),
    ]


def test_seed_bullets_are_verbatim(example):
    aker = paragraphs(example.slides[16], BODY)
    assert [text for text, _, _ in aker] == [
        "Åtte Ukrainere har fått fast jobb etter fire uker med opplæring",
        "Tett dialog og samarbeid mellom verftet, fire kommuner, NAV, Videregående opplæring "
        "og pensjonister",
        "NAV har brukt mulighetsrommet i regelverket med back up fra toppledelse",
        "Vil i neste omgang bruke erfaringer innenfor helse og oppvekst, og overfor andre "
        "grupper",
    ]
    assert placeholder_text(example.slides[16], KICKER) == "Eldre som ressurs"
    bli = [text for text, _, _ in paragraphs(example.slides[10], BODY)]
    assert bli == ["Arbeid", "Bolig", "Godt oppvekstmiljø", "Utdanningsmuligheter",
                   "Godt sosialt miljø og møteplasser", "Den lokale eliten sin holdning"]


def test_quotes_have_norwegian_quote_marks_and_attribution(example):
    slide = example.slides[17]
    assert placeholder_text(slide, BODY) == (
        "«Edgar gir meg støtte som menneske i tillegg til å være diskusjonsparter i selve "
        "forretningen. Alene klarer jeg det ikke.»")
    assert placeholder_text(slide, ATTRIBUTION) == "– Oranut Rennemo, bedriftseier"
    assert placeholder_text(slide, CREDIT) == "Foto: Eilen Austli"
    assert placeholder_text(example.slides[19], ATTRIBUTION) == (
        "– Mattias Sjölundh, enhetschef Inflyttarservice i Åre kommune")


def test_credits_keep_their_own_label(example):
    assert placeholder_text(example.slides[12], CREDIT) == "Faksimile: Vest-Telemark blad"
    assert placeholder_text(example.slides[11], CREDIT) == "Foto: Espen Storhaug"


def test_links_are_readable_hyperlinks(example):
    links = {i + 1: hyperlinks(s) for i, s in enumerate(example.slides) if hyperlinks(s)}
    are = ("distriktssenteret.no/eksempel/are-lykkes-med-a-beholde-nye-innbyggere",
           "https://distriktssenteret.no/eksempel/are-lykkes-med-a-beholde-nye-innbyggere/")
    assert links == {
        21: [are],
        22: [are],
        23: [("distriktssenteret.no/artikkel/slik-beholder-froya-arbeidsinnvandrere",
              "https://distriktssenteret.no/artikkel/slik-beholder-froya-arbeidsinnvandrere/")],
        26: [("distriktssenteret.no/eksempel/heroy-kommune-der-innvandrere-trives-og-blir-boende",
              "https://distriktssenteret.no/eksempel/heroy-kommune-der-innvandrere-trives-og-"
              "blir-boende/")],
        28: [("Marianne.solbakken@kdu.no", "mailto:Marianne.solbakken@kdu.no")],
    }


def test_every_picture_has_real_alt_text(example):
    count = 0
    for slide in example.slides:
        for picture in pictures(slide):
            count += 1
            alt = alt_text(picture)
            assert alt and not re.search(r"\.(png|jpe?g)$", alt, re.I), (title_of(slide), alt)
            assert alt.startswith("Plassholder"), alt  # the example's photos are placeholders
    assert count == 11


def test_placeholder_photos_say_so_in_the_notes(example):
    notes = {i + 1: s.notes_slide.notes_text_frame.text
             for i, s in enumerate(example.slides) if s.has_notes_slide}
    assert notes == {
        5: "La salen gjette før du viser svaret i tabellen på neste lysbilde.",
        12: "Bildet er en plassholder. Bytt ut innvandrere-som-ressurs.png med originalfotoet.",
        17: "Bildet er en plassholder. Bytt ut aker-sveisere.png med originalfotoet.",
    }


def test_all_text_is_norwegian_bokmal(example, example_pptx):
    for slide in example.slides:
        assert run_languages(slide) == {"nb-NO"}, title_of(slide)
    assert example.core_properties.language == "nb-NO"
    assert example.core_properties.title == "Innvandrere som ressurs i distriktene"
    assert example.core_properties.author == "Marianne Solbakken"
    notes_master_langs = {e.get("lang") for e in example.notes_master._element.iter()
                          if e.get("lang")}
    assert notes_master_langs == {"nb-NO"}


def test_no_empty_placeholders_and_every_slide_numbered(example):
    for number, slide in enumerate(example.slides, start=1):
        for shape in slide.placeholders:
            assert shape.has_text_frame is False or shape.text_frame.text.strip(), (
                number, shape.name)
        numbers = [s for s in slide.placeholders
                   if s._element.find(".//" + qn("p:ph")).get("type") == "sldNum"]
        assert [s.text_frame.text for s in numbers] == [str(number)]


def test_data_spots_are_clearly_marked(example):
    marked = [title_of(s) for s in example.slides
              if (placeholder_text(s, BODY) or "").startswith("Her kommer et dataslide")]
    assert marked == [
        "Flyttetall for distriktskommuner i Telemark de siste 10 årene",
        "Personer fordelt etter landbakgrunn i 2023 i Tinn",
        "Utdanningsnivå blant voksne i Fyresdal",
        "Befolkning distriktskommuner i Telemark",
        "SSB – Flyttinger 2014–2023",
        "Tall og statistikk per kommune",
    ]
    assert placeholder_text(example.slides[5], FOOTNOTE) == "Kilde: SSB"
