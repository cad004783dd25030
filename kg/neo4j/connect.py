"""A driver for a Neo4j server, with the driver's errors turned into one-line Neo4jProblems."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.neo4j import Neo4jProblem

START_HINT = "start one with `docker compose up -d` or `scripts/neo4j-local start`"

# The driver logs each retry and lost connection; without a handler Python would print
# them to stderr. What matters reaches the user as one Neo4jProblem line instead.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


@contextmanager
def connected(uri: str, user: str | None, password: str | None) -> Iterator[neo4j.Driver]:
    """A driver connected to the server at `uri` and checked, closed on leaving the block.

    In: the Bolt URI and credentials (no password: connect without auth).
    Out: the driver. Any driver error, here or inside the block, leaves as a
    Neo4jProblem whose message says what went wrong in one line.
    """
    auth = (user or "neo4j", password) if password else None
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")
    except (ConfigurationError, ValueError) as error:
        raise Neo4jProblem(f"bad Neo4j URI {uri!r}: {error}") from None
    try:
        driver.verify_connectivity()
        yield driver
    except AuthError:
        raise Neo4jProblem(f"Neo4j at {uri} rejected user {user!r}: check NEO4J_USER and "
                           "NEO4J_PASSWORD (or --user/--password)") from None
    except (ServiceUnavailable, SessionExpired):
        raise Neo4jProblem(f"cannot reach Neo4j at {uri}: is the server running? "
                           f"({START_HINT})") from None
    except Neo4jError as error:
        raise Neo4jProblem(f"Neo4j: {first_line(error.message or error)}") from None
    except DriverError as error:
        raise Neo4jProblem(f"Neo4j driver: {first_line(error)}") from None
    finally:
        driver.close()


def first_line(error: object) -> str:
    """The first line of an error's text (driver messages run over several lines)."""
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
