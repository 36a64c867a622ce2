"""TimeML in and out: DCT and plain TEXT read, TIMEX3 written back with the text unchanged."""
import re

import pytest

from presslens import InputError
from presslens.cli import main
from presslens.timeml import read, tag_folder

SAMPLE = (
    '<?xml version="1.0" ?>\r\n<TimeML>\r\n<DOCID>X1</DOCID>\r\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2013-07-29" functionInDocument="CREATION_TIME">2013-07-29</TIMEX3></DCT>\r\n'
    "<TEXT>\r\nAT&amp;T <EVENT eid=\"e1\">said</EVENT> troops took Qusayr in "
    '<TIMEX3 tid="t1" type="DATE" value="2013-06">June</TIMEX3> &Cx1f; and will leave '
    '<TIMEX3 tid="t2" type="DATE" value="2013-08-02">Friday</TIMEX3>.\r\n</TEXT>\r\n'
    '<TLINK lid="l1" timeID="t1" relatedToTime="t0"/>\r\n</TimeML>\r\n'
)

_TAG = re.compile(r"<[^>]*>")


def _strip_text(document: str) -> str:
    """TEXT of a TimeML string with its tags removed (entities left as written)."""
    body = document[document.index("<TEXT>"):document.index("</TEXT>")]
    return _TAG.sub("", body)


@pytest.fixture()
def sample(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.tml.TE3input").write_bytes(SAMPLE.encode("utf-8"))
    return folder


def test_read_gives_dct_plain_text_and_gold(sample):
    document = read(sample / "x.tml.TE3input")
    assert document.dct.isoformat() == "2013-07-29"
    assert document.text.startswith("\r\nAT&T said troops took Qusayr in June &Cx1f; and will leave Friday.")
    assert [(g.text, g.type, g.value) for g in document.gold] == [("June", "DATE", "2013-06"),
                                                                   ("Friday", "DATE", "2013-08-02")]


def test_write_keeps_everything_but_the_inserted_tags(sample, tmp_path):
    out = tmp_path / "out"
    assert tag_folder(sample, out) == 1
    written = (out / "x.tml.TE3input").read_bytes().decode("utf-8")
    assert _strip_text(written) == _strip_text(SAMPLE)
    before, after = SAMPLE.split("<TEXT>"), written.split("<TEXT>")
    assert before[0] == after[0]  # DCT and header untouched
    assert SAMPLE.split("</TEXT>")[1] == written.split("</TEXT>")[1]
    # relative values say what they were computed from: TimeML's anchorTimeID (t0 is the DCT)
    assert '<TIMEX3 tid="t1" type="DATE" value="2013-06" temporalFunction="true" anchorTimeID="t0">June</TIMEX3>' in written
    assert '<TIMEX3 tid="t2" type="DATE" value="2013-08-02" temporalFunction="true" anchorTimeID="t0">Friday</TIMEX3>' in written
    assert "<EVENT" not in written.split("<TEXT>")[1].split("</TEXT>")[0]
    assert "AT&amp;T" in written and "&Cx1f;" in written
    assert not list(out.glob(".*"))  # no temporary file left behind


def test_read_then_write_round_trip_is_stable(sample, tmp_path):
    tag_folder(sample, tmp_path / "once")
    tag_folder(tmp_path / "once", tmp_path / "twice")
    assert (tmp_path / "once" / "x.tml.TE3input").read_bytes() == (tmp_path / "twice" / "x.tml.TE3input").read_bytes()


def test_missing_text_is_an_input_error(tmp_path):
    (tmp_path / "bad.tml").write_text("<TimeML><DCT></DCT></TimeML>", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tml: no <TEXT> element"):
        read(tmp_path / "bad.tml")


def test_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        tag_folder(tmp_path / "absent", tmp_path / "out")


def test_cli_timeml(sample, tmp_path, capsys):
    assert main(["timex", "--timeml", str(sample), "--out", str(tmp_path / "out")]) == 0
    assert "wrote 1 TimeML file" in capsys.readouterr().err
    assert main(["timex", "--timeml", str(sample)]) == 2


def test_round_trip_on_aquaint_keeps_text(shared_eval, tmp_path):
    folder = shared_eval / "timeml" / "tbaq-cleaned" / "AQUAINT"
    written = tag_folder(folder, tmp_path)
    assert written == 73
    for path in sorted(folder.iterdir())[:20]:
        original = path.read_bytes().decode("utf-8")
        output = (tmp_path / path.name).read_bytes().decode("utf-8")
        assert _strip_text(output) == _strip_text(original)
        assert read(tmp_path / path.name).text == read(path).text
