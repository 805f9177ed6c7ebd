"""The permission matrix's verdicts: declared cells, known open cells, stale lines."""

from test_permission_matrix import compare

TABLE = {("rea.event", "read", "B"): {"coordinator": "deny", "manager": "allow"}}


def test_a_differing_cell_fails():
    got = {("rea.event", "read", "B", "coordinator"): ("allow", [1])}
    (problem,) = compare(got, TABLE, set())
    assert "expected deny, got allow" in problem


def test_a_known_open_cell_is_tolerated_until_it_comes_right():
    cell = ("rea.event", "read", "B", "coordinator")
    assert compare({cell: ("allow", [1])}, TABLE, {cell}) == []
    (problem,) = compare({cell: ("deny", "AccessError")}, TABLE, {cell})
    assert "remove it from permissions_open.csv" in problem


def test_a_business_refusal_counts_as_access_granted():
    cell = ("rea.event", "read", "B", "manager")
    assert compare({cell: ("refused", "UserError")}, TABLE, set()) == []
    (problem,) = compare({cell: ("allow", [1])}, TABLE, {cell})
    assert "remove it" in problem


def test_an_open_line_for_no_observed_cell_fails():
    (problem,) = compare({}, TABLE, {("rea.event", "read", "B", "coordinator")})
    assert "not checked" in problem
