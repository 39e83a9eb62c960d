"""Finding people by any word of their names and titles, honorifics ignored."""

from planner.domain import model as m
from planner.domain.matching import find_people, match_rank

PEOPLE = [
    m.Person(1, "Emomali Rahmon", honorific="H.E. Mr.", native_name="Эмомали Рахмон",
             designation="President of the Republic of Tajikistan", precedence=1, id=1),
    m.Person(1, "Sirojiddin Muhriddin", honorific="H.E. Mr.", native_name="Сироҷиддин Муҳриддин",
             designation="Minister of Foreign Affairs", precedence=2, id=2),
    m.Person(1, "Ishaq Dar", honorific="H.E. Mr.", native_name="اسحاق ڈار",
             designation="Deputy Prime Minister and Minister for Foreign Affairs", organisation="Government of Pakistan",
             side=m.Side.HOST, precedence=2, id=3),
    m.Person(1, "Mirza Hamid", honorific="Mr.", designation="Chief of Protocol", precedence=9, id=4),
]


def names(found):
    return [p.name for p in found]


def test_honorifics_find_no_one_by_themselves():
    assert names(find_people(PEOPLE, "H.E. Mr. Dar")) == ["Ishaq Dar"]
    assert names(find_people(PEOPLE, "mr")) == []


def test_any_word_of_name_native_name_designation_or_organisation():
    assert names(find_people(PEOPLE, "rahm")) == ["Emomali Rahmon"]
    assert names(find_people(PEOPLE, "рахмон")) == ["Emomali Rahmon"]
    assert names(find_people(PEOPLE, "ڈار")) == ["Ishaq Dar"]
    assert names(find_people(PEOPLE, "pakistan")) == ["Ishaq Dar"]
    assert names(find_people(PEOPLE, "foreign minister")) == ["Sirojiddin Muhriddin", "Ishaq Dar"]


def test_a_match_by_name_comes_before_a_match_by_title():
    people = [PEOPLE[3], m.Person(1, "Hamidov", designation="Adviser", precedence=50, id=5),
              m.Person(1, "Karimov", designation="Hamid's assistant", precedence=60, id=6)]
    assert names(find_people(people, "hamid")) == ["Mirza Hamid", "Hamidov", "Karimov"]
    assert match_rank(people[2], "hamid") == 2
