"""Neo4j URIs for clusters and Aura: the schemes kg accepts and the driver each one gets,
checked without a server (making a driver contacts nobody; the host names below do not
even resolve)."""

from __future__ import annotations

import neo4j
import pytest

from kg.neo4j import Neo4jProblem
from kg.neo4j.connect import check_uri, make_driver


@pytest.mark.parametrize(("uri", "routing", "encrypted"), [
    ("neo4j+s://0123abcd.databases.neo4j.invalid", True, True),  # Aura's form
    ("neo4j+ssc://cluster.example.invalid:7687", True, True),
    ("neo4j://cluster.example.invalid", True, False),
    ("bolt+s://server.example.invalid:7687", False, True),
    ("bolt+ssc://server.example.invalid", False, True),
    ("bolt://server.example.invalid:7687", False, False),
])
def test_each_scheme_gets_its_driver_without_contacting_a_server(uri, routing, encrypted):
    assert check_uri(uri) == uri
    driver = make_driver(uri, "neo4j", "secret")
    try:
        assert isinstance(driver, neo4j.Neo4jDriver if routing else neo4j.BoltDriver)
        assert driver.encrypted is encrypted
    finally:
        driver.close()


@pytest.mark.parametrize("uri", ["https://0123abcd.databases.neo4j.io",
                                 "neo4j+s://neo4j:secret@0123abcd.databases.neo4j.io"])
def test_a_browser_address_or_credentials_in_the_uri_are_refused_in_one_line(uri):
    with pytest.raises(Neo4jProblem) as error:
        check_uri(uri)
    assert "\n" not in str(error.value) and "secret" not in str(error.value)
