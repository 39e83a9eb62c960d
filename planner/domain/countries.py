"""Countries by ISO 3166 code with their names (pycountry), and the zones of each from tzdata's zone table."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Where a country has several zones, the capital's; tzdata's table lists them by region, not by capital.
CAPITAL_ZONES = {
    "AR": "America/Argentina/Buenos_Aires", "AU": "Australia/Sydney", "BR": "America/Sao_Paulo",
    "CA": "America/Toronto", "CD": "Africa/Kinshasa", "CL": "America/Santiago", "CN": "Asia/Shanghai",
    "CY": "Asia/Nicosia", "DE": "Europe/Berlin", "EC": "America/Guayaquil", "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei", "GL": "America/Nuuk", "ID": "Asia/Jakarta", "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty", "MH": "Pacific/Majuro", "MN": "Asia/Ulaanbaatar", "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur", "NZ": "Pacific/Auckland", "PF": "Pacific/Tahiti", "PG": "Pacific/Port_Moresby",
    "PS": "Asia/Hebron", "PT": "Europe/Lisbon", "RU": "Europe/Moscow", "UA": "Europe/Kyiv",
    "US": "America/New_York", "UZ": "Asia/Tashkent",
}


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, what is stored
    name: str  # the short English name: 'Iran', not 'Iran, Islamic Republic of'

    @property
    def label(self) -> str:
        """How a list shows it: 'Tajikistan (TJ)'."""
        return f"{self.name} ({self.code})"


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country, by name."""
    import pycountry  # loaded the first time a list of countries is wanted, not at start-up

    found = [Country(c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries]
    return tuple(sorted(found, key=lambda c: c.name.casefold()))


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Country]:
    return {c.code: c for c in countries()}


def country(code: str) -> Country | None:
    """The country with this two-letter code (any case), or None."""
    return _by_code().get((code or "").strip().upper())


def country_name(code: str) -> str:
    found = country(code)
    return found.name if found else code


def find_country(text: str) -> Country | None:
    """A country from what was typed: its code, its name, or the label a list shows."""
    text = (text or "").strip()
    if not text:
        return None
    if text.endswith(")") and "(" in text:
        found = country(text[text.rfind("(") + 1:-1])
        if found is not None:
            return found
    if len(text) == 2:
        return country(text)
    folded = text.casefold()
    return next((c for c in countries() if c.name.casefold() == folded), None)


@lru_cache(maxsize=1)
def _zone_table() -> dict[str, list[str]]:
    """Country code -> its zones, from tzdata's zone.tab (the file every tzdata release ships)."""
    from importlib import resources  # five modules the window's first paint does without

    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            table.setdefault(parts[0], []).append(parts[2])
    return table


def zones_of(code: str) -> list[str]:
    """The country's zones, its capital's first."""
    code = (code or "").strip().upper()
    zones = list(_zone_table().get(code, []))
    capital = capital_zone(code)
    if capital in zones:
        zones.remove(capital)
    return ([capital] if capital else []) + zones


def capital_zone(code: str) -> str | None:
    """The zone of the country's capital, or None for a code tzdata does not know."""
    code = (code or "").strip().upper()
    zones = _zone_table().get(code)
    if not zones:
        return None
    return CAPITAL_ZONES.get(code, zones[0])


@lru_cache(maxsize=1)
def all_zones() -> tuple[str, ...]:
    """Every IANA zone name tzdata knows, sorted; the legacy aliases (EST, Etc/GMT+5...) left out."""
    from zoneinfo import available_timezones

    return tuple(sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))))
