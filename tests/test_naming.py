"""presslens.naming: how a source is named (golden rows), the anonymity reason, and its data file."""
import pytest

from presslens import datafiles, naming

GOLDEN = [  # (name, role, mention) -> naming
    ("Mahmud al-Lowz", "Homs-based activist", "Homs-based activist Mahmud al-Lowz", "named_person"),
    ("Lady Ashton", "", "Lady Ashton", "named_person"),
    ("Syrian Observatory for Human Rights", "", "The Syrian Observatory for Human Rights", "named_organisation"),
    ("state television", "", "state television", "named_organisation"),
    ("United Nations", "", "The United Nations", "named_organisation"),
    ("UN", "", "the UN", "named_organisation"),
    ("Velmoran Railways", "", "Velmoran Railways", "named_organisation"),
    ("", "the ministry", "the ministry", "named_organisation"),
    ("", "army officer", "An army officer", "unnamed_individual"),  # "army" does not make an officer an organisation
    ("", "senior official", "A senior official", "unnamed_individual"),
    ("", "Activists on the ground", "Activists on the ground", "unnamed_group"),
    ("", "group of soldiers", "a group of soldiers", "unnamed_group"),
    ("", "residents", "residents", "unnamed_group"),
    ("", "people", "people", "unnamed_group"),
    ("Sources", "", "Sources", "anonymous"),
    ("", "a source close to the talks", "a source close to the talks", "anonymous"),
    ("", "People familiar with the matter", "People familiar with the matter", "anonymous"),
    ("", "", "", "unattributed"),
    pytest.param("", "witness", "a witness", "unnamed_individual"),
    pytest.param("Reuters", "", "Reuters", "named_organisation",
                 marks=pytest.mark.xfail(reason="an organisation named by a single proper name looks like a person",
                                         strict=True)),
]


@pytest.mark.parametrize("name, role, mention, expected", GOLDEN)
def test_golden_rows(name, role, mention, expected):
    assert naming.classify(name=name, role=role, mention=mention) == expected


def test_an_anonymity_note_makes_any_source_anonymous():
    assert naming.classify(role="senior official", mention="A senior official", anonymous=True) == "anonymous"
    assert naming.classify(name="Jane Smith", attributed=False) == "unattributed"


REASONS = [
    ("A senior official, who spoke on condition of anonymity because he was not authorised to speak to the press, "
     "said talks had failed.", True, "he was not authorised to speak to the press"),
    ("a resident who asked not to be named for fear of reprisals said", True, "for fear of reprisals"),
    ("An official, speaking on the condition of anonymity as the talks were private, said", True,
     "the talks were private"),
    ("a diplomat, who was not authorised to speak publicly, said", True, "was not authorised to speak publicly"),
    ("said the source, who declined to be identified.", True, ""),
    ("The minister said the talks had failed.", False, ""),
]


@pytest.mark.parametrize("text, stated, reason", REASONS)
def test_anonymity_reason(text, stated, reason):
    assert naming.anonymity_reason(text) == (stated, reason)


def test_only_people_can_have_a_gender():
    assert [n for n in naming.NAMINGS if naming.is_individual(n)] == ["named_person", "unnamed_individual"]


def test_naming_words_file_is_valid():
    rows = datafiles.rows("naming_words.csv")
    assert rows and set(rows[0]) == {"phrase", "kind"}
    kinds = {"anonymous", "anonymity", "organisation", "collective", "name_particle"}
    for row in rows:
        assert row["kind"] in kinds, row
        phrases = row["phrase"].split("|")
        assert all(p.strip() == p and p and (p.islower() or p.isupper()) for p in phrases), row
