"""The example deck reproduces the seed deck's story in order, with notes, links and alt text."""

from __future__ import annotations

import re

from pptx.oxml.ns import qn

from helpers import (
    alt_text,
    as_written,
    hyperlinks,
    paragraphs,
    pictures,
    placeholder_text,
    run_languages,
    slide_titled,
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
    ("Utsagn", "I 2014–2023 flytta 10\u00a0926 personer til de ni kommunene."),
    ("Tabell", "Flyttetall for distriktskommuner i Telemark de siste 10 årene"),
    ("Diagram", "Flytting inn og ut av de ni kommunene samlet"),
    ("Utsagn", "Å ta vare på de som allerede bor i kommunen og de som kommer kan ha større "
               "betydning for folketallsutviklinga enn forsøk på å lokke heim utflytta ungdommer "
               "og barnefamilier."),
    ("Diagram", "Personer fordelt etter landbakgrunn i 2023 i Tinn"),
    ("Nøkkeltall", "Tinn: innvandrere og norskfødte med innvandrerforeldre"),
    ("Diagram", "Utdanningsnivå blant voksne i Fyresdal"),
    ("Utsagn", "Innvandrere som har norske venner og deltar i frivillige organisasjoner har langt "
               "høyere sysselsetting enn innvandrere uten slike nettverk"),
    ("Punktliste", "Bli-faktorer"),
    ("Bilde", "Innvandrere som ressurs i distriktene (foto)"),
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
    ("Tabell", "Befolkning distriktskommuner i Telemark"),
    ("Diagram", "Befolkningsendring i de ni kommunene 2014–2024"),
    ("Tabell", "SSB – Flyttinger 2014–2023"),
    ("Diagram", "Netto flytting og fødselsoverskudd 2014–2023"),
    ("Diagram", "Innvandrere og norskfødte med innvandrerforeldre"),
    ("Diagram", "Voksne med høyere utdanning"),
    ("Tabell", "Sentralitet i distriktskommunene i Telemark"),
] + [slide for name, share in [("Drangedal", True), ("Seljord", True), ("Hjartdal", True),
                               ("Tinn", True), ("Kviteseid", False)]
     for slide in [("Seksjon", f"{name} – Tall og statistikk"),
                   ("Tabell", f"Flyttetall {name} siste 10 år (inn og utflytting)"),
                   ("Diagram", f"Innflytting og utflytting i {name}")]
     + ([("Nøkkeltall", f"Innvandrere i {name}")] if share else [])
     # the seed's «Regional analyse» spot: population since 2000 against Telemark's kommuner
     + [("Diagram", f"Befolkningsutviklingen i {name} og i Telemark")]]

BODY, KICKER, CREDIT, FOOTNOTE, ATTRIBUTION = 1, 20, 22, 23, 24


def test_slides_come_in_the_seed_order(example):
    # the seed's wording; where a line wraps after «i» or «å» a no-break space keeps it with
    # the next word (test_render checks the lines as LibreOffice lays them out)
    got = [(s.slide_layout.name, as_written(title_of(s))) for s in example.slides]
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
    aker_slide = slide_titled(example, "Aker bruker pensjonerte sveisere som lærere")
    aker = paragraphs(aker_slide, BODY)
    assert [text for text, _, _ in aker] == [
        "Åtte Ukrainere har fått fast jobb etter fire uker med opplæring",
        "Tett dialog og samarbeid mellom verftet, fire kommuner, NAV, Videregående opplæring "
        "og pensjonister",
        "NAV har brukt mulighetsrommet i regelverket med back up fra toppledelse",
        "Vil i neste omgang bruke erfaringer innenfor helse og oppvekst, og overfor andre "
        "grupper",
    ]
    assert placeholder_text(aker_slide, KICKER) == "Eldre som ressurs"
    bli = [text for text, _, _ in paragraphs(slide_titled(example, "Bli-faktorer"), BODY)]
    assert bli == ["Arbeid", "Bolig", "Godt oppvekstmiljø", "Utdanningsmuligheter",
                   "Godt sosialt miljø og møteplasser", "Den lokale eliten sin holdning"]


def test_quotes_have_norwegian_quote_marks_and_attribution(example):
    slide = slide_titled(example, "Eldre som ressurs – mentor og viktig støttespiller")
    assert placeholder_text(slide, BODY) == (
        # the first line ends at «menneske»: «i» goes to the next line with «tillegg»
        "«Edgar gir meg støtte som menneske i\u00a0tillegg til å være diskusjonsparter i selve "
        "forretningen. Alene klarer jeg det ikke.»")
    assert placeholder_text(slide, ATTRIBUTION) == "– Oranut Rennemo, bedriftseier"
    assert placeholder_text(slide, CREDIT) == "Foto: Eilen Austli"
    are = slide_titled(example, "Åre lykkes med å beholde nye innbyggere")
    assert placeholder_text(are, ATTRIBUTION) == (
        "– Mattias Sjölundh, enhetschef Inflyttarservice i Åre kommune")


def test_credits_keep_their_own_label(example):
    facsimile = slide_titled(example, "Fra Vest-Telemark blad")
    assert placeholder_text(facsimile, CREDIT) == "Faksimile: Vest-Telemark blad"
    photo = slide_titled(example, "Innvandrere som ressurs i distriktene (foto)")
    assert placeholder_text(photo, CREDIT) == "Foto: Espen Storhaug"


def test_links_are_readable_hyperlinks(example):
    links = {title_of(s): hyperlinks(s) for s in example.slides if hyperlinks(s)}
    are = ("distriktssenteret.no/eksempel/are-lykkes-med-a-beholde-nye-innbyggere",
           "https://distriktssenteret.no/eksempel/are-lykkes-med-a-beholde-nye-innbyggere/")
    imdi = ("imdi.no/om-integrering-i-norge/statistikk",
            "https://www.imdi.no/om-integrering-i-norge/statistikk/")
    assert links == {
        "Fra Integrasjonsservice til Tilflytterservice": [are],
        "Fra Integrasjonsservice til Tilflytterservice (forts.)": [are],
        "Frøya er et samfunn avhengig av innvandrere": [
            ("distriktssenteret.no/artikkel/slik-beholder-froya-arbeidsinnvandrere",
             "https://distriktssenteret.no/artikkel/slik-beholder-froya-arbeidsinnvandrere/")],
        "Tilflyttere får nettverk, føler seg velkomne og blir boende!": [
            ("distriktssenteret.no/eksempel/heroy-kommune-der-innvandrere-trives-og-blir-boende",
             "https://distriktssenteret.no/eksempel/heroy-kommune-der-innvandrere-trives-og-"
             "blir-boende/")],
        "Takk for oppmerksomheten": [("Marianne.solbakken@kdu.no",
                                      "mailto:Marianne.solbakken@kdu.no")],
    } | {f"{name} – Tall og statistikk": [imdi]
         for name in ("Drangedal", "Seljord", "Hjartdal", "Tinn", "Kviteseid")}


def test_every_picture_has_real_alt_text(example):
    count = 0
    for slide in example.slides:
        for picture in pictures(slide):
            count += 1
            alt = alt_text(picture)
            assert alt and not re.search(r"\.(png|jpe?g)$", alt, re.I), (title_of(slide), alt)
            if not picture.name.startswith("Diagram"):  # the example's photos are placeholders
                assert alt.startswith("Plassholder"), alt
            else:
                assert alt.split(":")[0] in ("Stolpediagram", "Linjediagram",
                                             "Liggende stolpediagram") or alt.startswith(
                    "Kart over "), alt
    # 11 photos, 16 charts (Fyresdal's education and the nine's higher education since 09429
    # came, the five kommuner's population since 2000 where the seed had «Regional analyse»,
    # and the map of the nine's population change)
    assert count == 11 + 16


def test_notes_on_the_story_slides(example):
    notes = {title_of(s): s.notes_slide.notes_text_frame.text for s in example.slides
             if s.has_notes_slide and not any(sh.has_table or sh.name.startswith(
                 ("Nøkkeltall", "Diagram")) for sh in s.shapes)}
    assert notes == {
        EXPECTED[4][1]: "La salen gjette før du viser svaret.",
        EXPECTED[5][1]: "10\u00a0405 flytta ut i samme tiårsperiode, så netto innflytting var "
                        "521. Flytting mellom de ni kommunene er ikke med.",
        "Innvandrere som ressurs i distriktene (foto)": "Bildet er en plassholder. Bytt ut "
                                                        "innvandrere-som-ressurs.png med "
                                                        "originalfotoet.",
        "Aker bruker pensjonerte sveisere som lærere": "Bildet er en plassholder. Bytt ut "
                                                       "aker-sveisere.png med originalfotoet.",
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
              if (placeholder_text(s, BODY) or "").startswith("Data mangler")]
    # only what no source in data/ has: immigrants by landbakgrunn (SSB 09817 by country)
    assert marked == ["Personer fordelt etter landbakgrunn i 2023 i Tinn"]


def test_fyresdal_education_is_a_chart_of_shares_computed_from_ssb_counts(example):
    slide = slide_titled(example, "Utdanningsnivå blant voksne i Fyresdal")
    assert placeholder_text(slide, FOOTNOTE) == "Kilde: SSB, tabell 09429"
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert ("Personer 16 år og over, andel etter høyeste fullførte utdanning, 2025" in texts)
    assert not any(t.startswith(("Data mangler", "Tall mangler")) for t in texts)
    alts = [e.get("descr") for e in slide._element.iter(qn("p:cNvPr"))
            if e.getparent().tag == qn("p:nvPicPr")]
    # Fyresdal 2025: 490 of 1 082 at videregående, 3 uoppgitt (tools/sources, SSB 09429)
    assert alts == ["Liggende stolpediagram: grunnskolenivå, videregående skolenivå, "
                    "fagskolenivå, universitets- og høgskolenivå, kort, universitets- og "
                    "høgskolenivå, lang og uoppgitt eller ingen fullført utdanning i Fyresdal "
                    "2025. Fyresdal: høyest i Videregående skolenivå (45,3\u00a0%), lavest i "
                    "Uoppgitt eller ingen fullført utdanning (0,3\u00a0%)."]
    notes = slide.notes_slide.notes_text_frame.text
    assert "SSB, tabell 09429" in notes
    assert "Tallene kom via evensrii/Telemark" in notes and "9ce9c05e" not in notes
