"""A driver for a Neo4j server, with the driver's errors turned into one-line Neo4jProblems."""

from __future__ import annotations

import logging
import re
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from kg.neo4j import Neo4jProblem
from kg.neo4j.driver import (
    AuthError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    neo4j,
)

START_HINT = "start one with `docker compose up -d` or `scripts/neo4j-local start`"
SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
USERINFO = re.compile(r"(?<=://)[^/@\s]*@")

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
    shown = check_uri(uri)
    driver = make_driver(uri, user, password)
    try:
        driver.verify_connectivity()
        yield driver
    except AuthError:
        raise Neo4jProblem(f"Neo4j at {shown} rejected user {user!r}: check NEO4J_USER and "
                           "NEO4J_PASSWORD (or --user/--password)") from None
    except (ServiceUnavailable, SessionExpired) as error:
        raise Neo4jProblem(unreachable(shown, error)) from None
    except Neo4jError as error:
        raise Neo4jProblem(f"Neo4j: {first_line(error.message or error)}") from None
    except DriverError as error:
        raise Neo4jProblem(f"Neo4j driver: {first_line(error)}") from None
    finally:
        driver.close()


def make_driver(uri: str, user: str | None, password: str | None) -> neo4j.Driver:
    """The driver for `uri`, configured by its scheme and not yet connected: neo4j:// a
    routing driver (cluster members, writes to the leader), bolt:// one server; +s
    encrypts with the system's CAs (Aura: neo4j+s://…), +ssc trusts any certificate.

    In: a URI check_uri accepts, credentials (no password: no auth). Raises Neo4jProblem
    for a URI the driver refuses.
    """
    auth = (user or "neo4j", password) if password else None
    try:
        return neo4j.GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")
    except (DriverError, ValueError) as error:
        raise Neo4jProblem(f"bad Neo4j URI {redact(uri)!r}: {redact(first_line(error))}"
                           ) from None


def unreachable(shown: str, error: BaseException) -> str:
    """One line for a connection the driver could not make to the server at `shown`:
    an untrusted certificate, TLS to a plain server, plain to a TLS one, or no server."""
    causes = list(causes_of(error))
    tls = next((cause for cause in causes if isinstance(cause, ssl.SSLError)), None)
    if isinstance(tls, ssl.SSLCertVerificationError):
        return (f"Neo4j at {shown}: its TLS certificate is not trusted ({tls.verify_message}); "
                "trust its CA with SSL_CERT_FILE=CA.pem, or use +ssc:// to skip the check")
    if tls is not None:
        return (f"Neo4j at {shown}: TLS failed ({tls.reason or tls}): is TLS on for its "
                "Bolt port? A server without it takes bolt:// or neo4j://")
    if any("incomplete handshake" in str(cause) for cause in causes):
        return (f"Neo4j at {shown} closed the connection during the handshake: if it "
                "requires TLS, use bolt+s:// or neo4j+s://")
    return f"cannot reach Neo4j at {shown}: is the server running? ({START_HINT})"


def causes_of(error: BaseException) -> Iterator[BaseException]:
    """`error`, what caused it, and the members of exception groups among them."""
    seen: set[int] = set()
    stack = [error]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack.extend([current.__cause__, current.__context__,
                      *getattr(current, "exceptions", ())])


def check_uri(uri: str) -> str:
    """`uri` as it may be shown (no password in it), once it is a Bolt URI without
    credentials in it; else a Neo4jProblem saying what to write instead."""
    shown = redact(uri)
    try:
        parts = urlsplit(uri)
    except ValueError as error:
        raise Neo4jProblem(f"bad Neo4j URI {shown!r}: {error}") from None
    if "://" not in uri or parts.scheme.lower() not in SCHEMES:
        raise Neo4jProblem(f"Neo4j URI {shown!r} must start with bolt:// or neo4j:// "
                           "(+s or +ssc for TLS, as Aura's neo4j+s://; http:// is Neo4j "
                           "Browser's address, not the driver's)")
    if "@" in parts.netloc:
        raise Neo4jProblem(f"Neo4j URI {shown!r} holds a user or password: give them with "
                           "NEO4J_USER / NEO4J_PASSWORD (or --user/--password) instead")
    return shown


def redact(uri: str) -> str:
    """`uri` without a user or password in it: bolt://u:pw@host -> bolt://***@host."""
    return USERINFO.sub("***@", uri)


def first_line(error: object) -> str:
    """The first line of an error's text (driver messages run over several lines)."""
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
