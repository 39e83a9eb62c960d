"""Which column holds what: fields of a person, header guesses in English and Russian, and the remembered mapping."""

from __future__ import annotations

import json
import re
from pathlib import Path

# field -> (label shown to the user, headers that mean it; compared without case, spaces or punctuation)
FIELDS: dict[str, tuple[str, list[str]]] = {
    "name": ("Name", ["name", "full name", "person", "participant", "delegate", "фио", "ф.и.о.", "имя",
                      "фамилия имя отчество", "фамилия, имя", "участник", "фамилия и имя"]),
    "honorific": ("Honorific", ["honorific", "salutation", "prefix", "обращение"]),
    "native_name": ("Native name", ["native name", "name in native script", "имя на родном языке",
                                    "фио на родном языке"]),
    "designation": ("Designation", ["designation", "position", "job title", "title", "post", "должность"]),
    "organisation": ("Organisation", ["organisation", "organization", "institution", "ministry", "agency",
                                      "организация", "ведомство", "учреждение", "место работы"]),
    "second_designation": ("Designation (second language)", ["designation (second language)", "second designation",
                                                             "designation 2", "должность (второй язык)"]),
    "second_organisation": ("Organisation (second language)", ["organisation (second language)",
                                                               "organization (second language)", "second organisation",
                                                               "organisation 2", "организация (второй язык)"]),
    "company": ("Company", ["company", "firm", "business", "компания", "фирма", "предприятие"]),
    "sector": ("Sector", ["sector", "industry", "отрасль", "сектор"]),
    "email": ("E-mail", ["e-mail", "email", "mail", "e-mail address", "электронная почта", "эл. почта",
                         "эл.почта", "почта", "e-mail адрес"]),
    "phone": ("Phone", ["phone", "telephone", "mobile", "tel", "phone number", "телефон", "тел", "моб. телефон"]),
    "country": ("Country", ["country", "country code", "страна", "код страны"]),
    "side": ("Side", ["side", "сторона"]),
    "precedence": ("Precedence", ["precedence", "rank", "старшинство", "ранг"]),
    "languages": ("Languages", ["languages", "language", "языки", "язык"]),
    "dietary": ("Dietary", ["dietary", "diet", "dietary requirements", "питание"]),
    "notes": ("Notes", ["notes", "note", "remarks", "comments", "примечания", "примечание", "комментарий"]),
    "role": ("Role in delegation", ["role", "role in delegation", "роль", "роль в делегации"]),
}
PERSON_FIELDS = ["name", "honorific", "native_name", "designation", "organisation", "second_designation",
                 "second_organisation", "country", "side", "email", "phone", "precedence", "languages", "dietary", "notes"]
MEMBER_FIELDS = ["role", "sector", "company"]
IGNORE = ""

Mapping = dict[int, str]  # column index -> field; columns not in it are ignored


def plain_header(header: str) -> str:
    """A header as compared: no case, spaces or punctuation ('E-mail' and 'email' are the same)."""
    return re.sub(r"[\W_]+", "", header.casefold())


_ALIASES = {plain_header(alias): name for name, (_label, aliases) in FIELDS.items() for alias in aliases}


def label(field: str) -> str:
    return FIELDS[field][0] if field in FIELDS else "(ignore)"


def guess_mapping(headers: list[str], remembered: dict[str, str] | None = None) -> Mapping:
    """Guess each column's field from its header; a remembered choice for the same header wins."""
    remembered = {plain_header(k): v for k, v in (remembered or {}).items()}
    mapping: Mapping = {}
    taken: set[str] = set()

    def take(index: int, field: str) -> None:
        if field in FIELDS and field not in taken and index not in mapping:
            mapping[index] = field
            taken.add(field)

    plains = [plain_header(h) for h in headers]
    for index, plain in enumerate(plains):
        if plain in remembered:
            if remembered[plain] == IGNORE:
                mapping[index] = IGNORE
            else:
                take(index, remembered[plain])
    for index, plain in enumerate(plains):
        if plain in _ALIASES:
            take(index, _ALIASES[plain])
    # Longer headers such as "Full name (English)" or "Должность / Position".
    for index, plain in enumerate(plains):
        if index in mapping or not plain:
            continue
        hits = sorted((alias for alias in _ALIASES if len(alias) >= 4 and alias in plain), key=len, reverse=True)
        # A short alias as the header's first word: "Ф.И.О. (полностью)", "Тел. моб.".
        first = plain_header(headers[index].split()[0]) if headers[index].split() else ""
        hits += [first] if first in _ALIASES and len(first) < 4 else []
        for alias in hits:
            if _ALIASES[alias] not in taken:
                take(index, _ALIASES[alias])
                break
    return {i: f for i, f in mapping.items() if f != IGNORE}


def mapping_by_header(headers: list[str], mapping: Mapping) -> dict[str, str]:
    """The mapping keyed by header text, as it is remembered for the next file."""
    return {headers[i]: mapping.get(i, IGNORE) for i in range(len(headers)) if headers[i].strip()}


def load_remembered(path: str | Path | None) -> dict[str, str]:
    """The remembered header -> field choices; an unreadable file is treated as none."""
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return clean_remembered(data)


def clean_remembered(data) -> dict[str, str]:
    """Only the entries that still name a field (settings written by another version may hold others)."""
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if v == IGNORE or v in FIELDS}


def merged(known: dict[str, str], headers: list[str], mapping: Mapping) -> dict[str, str]:
    """Add this file's choices to the remembered ones; headers this file lacks keep their earlier choice."""
    return {**known, **mapping_by_header(headers, mapping)}


def remember(path: str | Path, headers: list[str], mapping: Mapping) -> None:
    """Remember this file's choices in a small JSON file for the next import."""
    path = Path(path)
    known = merged(load_remembered(path), headers, mapping)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(known, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")


def set_column(mapping: Mapping, index: int, field: str) -> Mapping:
    """The mapping with column ``index`` holding ``field`` (or ignored); a field lives in one column only."""
    updated = {i: f for i, f in mapping.items() if i != index and (f != field or field == IGNORE)}
    if field != IGNORE:
        updated[index] = field
    return updated


def field_named(text: str) -> str:
    """A field from what a user types: 'e-mail', 'E-mail', 'native name', 'ignore'..."""
    wanted = plain_header(text)
    if wanted == "ignore":
        return IGNORE
    for name, (shown, _aliases) in FIELDS.items():
        if wanted in (plain_header(name), plain_header(shown)):
            return name
    raise KeyError(text)
