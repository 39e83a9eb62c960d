"""The .ics corpus ships with the tests: its absence must fail loudly, not skip the import tests."""

from tests.ical.conftest import CORPUS


def test_the_corpus_is_in_the_repository():
    assert len(list((CORPUS / "clients").glob("*.ics"))) >= 12
    assert len(list((CORPUS / "broken").glob("*.ics"))) >= 10
