"""'new visit' and 'list delegations|venues': the contract of the command line."""

import gc
import json

import pytest

from planner.cli import parse, run
from planner.demo import build_demo
from planner.storage.database import open_database
from planner.storage.store import Store
from tests.cli.test_cli import run as run_process

NEW = ["new", "visit", "--title", "Return visit of the President of Tajikistan to Pakistan", "--host", "PK",
       "--guest", "TJ", "--from", "2027-05-10", "--to", "2027-05-12", "--zone", "Asia/Karachi"]


def cli(*args):
    return run(parse(list(args)))


def test_new_visit_creates_the_database_and_prints_the_id(tmp_path):
    path = tmp_path / "new" / "visits.sqlite"
    result = run_process(*NEW, "--db", str(path), "--home-zone", "Asia/Dushanbe",
                         "--organiser", "Protocol Division, MOFA <protocol@mofa.gov.pk>")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1\n" and result.stderr == ""
    visit = Store(open_database(path)).visit(1)
    assert (visit.host_country, visit.guest_country, visit.zone, visit.home_zone) == ("PK", "TJ", "Asia/Karachi",
                                                                                     "Asia/Dushanbe")
    assert (visit.organiser.name, visit.organiser.email) == ("Protocol Division, MOFA", "protocol@mofa.gov.pk")


@pytest.mark.parametrize("option, value, said", [
    ("--host", "XX", "--host 'XX' is not a country"),
    ("--zone", "GMT+5", "--zone: 'GMT+5' is an offset"),
    ("--zone", "Asia/Islamabad", "not a known time zone"),
    ("--to", "2027-05-01", "--to: The visit's last day is before its first day"),
    ("--from", "2027-13-01", "--from '2027-13-01' is not a date"),
    ("--organiser", "Protocol <protocol at mofa>", "--organiser: 'protocol at mofa' is not an e-mail address"),
])
def test_bad_input_is_status_2_with_one_line_and_nothing_written(tmp_path, capsys, option, value, said):
    path = tmp_path / "visits.sqlite"
    args = NEW + ["--db", str(path)]
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    assert cli(*args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err, err
    assert not path.exists()


def test_a_bad_visit_leaves_an_existing_database_unchanged(tmp_path, capsys):
    path = tmp_path / "visits.sqlite"
    assert cli(*NEW, "--db", str(path)) == 0
    gc.collect()  # the command ran in this process: let its connection close and fold its log into the file
    before = path.read_bytes()
    assert cli(*NEW, "--db", str(path), "--guest", "Narnia") == 2
    assert len(Store(open_database(path)).visits()) == 1 and path.read_bytes() == before


def test_like_copies_people_delegations_sectors_and_venues(tmp_path, capsys):
    path = tmp_path / "visits.sqlite"
    store = Store(open_database(path))
    demo_id = build_demo(store)
    assert cli(*NEW, "--db", str(path), "--like", str(demo_id)) == 0
    new_id = int(capsys.readouterr().out)
    store = Store(open_database(path))
    assert len(store.people(new_id)) == len(store.people(demo_id))
    assert len(store.delegations(new_id)) == len(store.delegations(demo_id))
    assert len(store.sectors(new_id)) == len(store.sectors(demo_id))
    assert len(store.venues(new_id)) == len(store.venues(demo_id))
    assert len(store.travel_times(new_id)) == len(store.travel_times(demo_id))
    assert store.meetings(new_id) == []
    assert cli(*NEW, "--db", str(path), "--like", "99") == 2
    assert "there is no visit 99" in capsys.readouterr().err
    assert cli(*NEW, "--db", str(tmp_path / "missing.sqlite"), "--like", "1") == 2
    assert not (tmp_path / "missing.sqlite").exists()


def test_list_delegations_and_venues_as_json(tmp_path, capsys):
    path = tmp_path / "visits.sqlite"
    build_demo(Store(open_database(path)))
    assert cli("list", "delegations", "--db", str(path), "--json") == 0
    delegations = json.loads(capsys.readouterr().out)
    assert delegations and {"id", "name", "side", "kind", "members"} <= set(delegations[0])
    assert delegations[0]["side"] == "host" and all(isinstance(d["members"], int) for d in delegations)
    assert cli("list", "venues", "--db", str(path), "--json") == 0
    venues = json.loads(capsys.readouterr().out)
    assert venues and {"id", "name", "address", "city"} <= set(venues[0])
    assert cli("list", "venues", "--db", str(path)) == 0
    assert capsys.readouterr().out.startswith("ID  NAME")
