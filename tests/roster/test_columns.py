"""Guessing which column holds what, correcting it, and remembering it for the next file."""

from planner.roster.columns import (
    IGNORE,
    field_named,
    guess_mapping,
    load_remembered,
    remember,
    set_column,
)


def test_russian_headers_are_recognised():
    headers = ["№", "ФИО", "Должность", "Компания", "Отрасль", "Эл. почта", "Телефон"]
    assert guess_mapping(headers) == {1: "name", 2: "designation", 3: "company", 4: "sector", 5: "email",
                                      6: "phone"}


def test_english_headers_with_noise_are_recognised():
    headers = ["Full Name (English)", "DESIGNATION", "Organization", "e mail", "Sector / Industry", "Remarks"]
    assert guess_mapping(headers) == {0: "name", 1: "designation", 2: "organisation", 3: "email", 4: "sector",
                                      5: "notes"}


def test_a_field_is_guessed_for_one_column_only():
    assert guess_mapping(["Name", "Name", "Company"]) == {0: "name", 2: "company"}


def test_remembered_choices_win_over_guesses(tmp_path):
    path = tmp_path / "mapping.json"
    headers = ["Участник", "Организация", "Компания", "Код"]
    mapping = guess_mapping(headers)
    assert mapping == {0: "name", 1: "organisation", 2: "company"}
    mapping = set_column(mapping, 3, "country")
    mapping = set_column(mapping, 2, IGNORE)
    remember(path, headers, mapping)
    assert guess_mapping(headers, load_remembered(path)) == {0: "name", 1: "organisation", 3: "country"}
    # Another file keeps the choices for the headers it shares.
    assert guess_mapping(["Код", "Name"], load_remembered(path)) == {0: "country", 1: "name"}


def test_set_column_moves_a_field():
    assert set_column({0: "name", 1: "designation"}, 2, "name") == {1: "designation", 2: "name"}


def test_a_damaged_mapping_file_is_ignored(tmp_path):
    path = tmp_path / "mapping.json"
    path.write_text('{"Name": "no such field", "Код": "country"', encoding="utf-8")
    assert load_remembered(path) == {}
    path.write_text('{"Name": "no such field", "Код": "country"}', encoding="utf-8")
    assert load_remembered(path) == {"Код": "country"}


def test_field_named_reads_what_people_type():
    assert [field_named(t) for t in ("E-mail", "native name", "Native_name", "ignore")] == [
        "email", "native_name", "native_name", IGNORE]


def test_titles_in_a_second_language_have_columns_of_their_own():
    headers = ["Name", "Должность", "Designation (second language)", "Organisation", "Organisation (second language)"]
    assert guess_mapping(headers) == {0: "name", 1: "designation", 2: "second_designation", 3: "organisation",
                                      4: "second_organisation"}
