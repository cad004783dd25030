"""kg against a Neo4j server whose Bolt port requires TLS, and through a routing URI.

One server for the module (scripts/neo4j-local with KG_NEO4J_BOLT_TLS) with a
certificate for localhost and 127.0.0.1 signed by a throwaway CA the test makes with the
openssl command. The real CLI runs as subprocesses: `kg load` then `kg neighbors` and
`kg stats` with --backend neo4j, through neo4j+s:// and bolt+s:// (the CA trusted through
SSL_CERT_FILE, which the driver's system trust store reads) and through neo4j:// on the
plain test server, each answer equal to the embedded store's. A TLS mismatch or an
untrusted certificate is one line on stderr, without a traceback or the password.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.bench.corpus import write_corpus
from tests.neo4j_server import (
    TEST_PASSWORD,
    data_folder,
    own_server_env,
    start_local,
    stop_local,
    unavailable,
)

KG = str(Path(sys.executable).with_name("kg"))


def openssl(*arguments: str, cwd: Path) -> None:
    subprocess.run(["openssl", *arguments], cwd=cwd, check=True, capture_output=True)


def make_certificates(folder: Path) -> Path:
    """A CA (ca.pem) and a server key and certificate it signs for localhost and
    127.0.0.1 (private.key, public.crt) in `folder`; out: the CA's file."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
            "ca.pem", "-days", "2", "-subj", "/CN=kg test CA", cwd=folder)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "private.key", "-out",
            "server.csr", "-subj", "/CN=localhost", cwd=folder)
    (folder / "server.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                                       "basicConstraints=CA:FALSE\n"
                                       "extendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "public.crt", "-days", "2", "-extfile", "server.ext",
            cwd=folder)
    return folder / "ca.pem"


@pytest.fixture(scope="module")
def tls_server():
    """{"port", "ca"}: a server whose Bolt port requires TLS, and its CA's certificate."""
    if not shutil.which("openssl"):
        unavailable("no openssl command to make a certificate")
    with data_folder() as folder:
        certificates = folder / "tls"
        certificates.mkdir()
        ca = make_certificates(certificates)
        env = {**own_server_env(folder / "data"), "KG_NEO4J_BOLT_TLS": str(certificates)}
        started = start_local(env)
        assert started["NEO4J_URI"] == f"bolt+s://localhost:{env['KG_NEO4J_BOLT_PORT']}"
        yield {"port": env["KG_NEO4J_BOLT_PORT"], "ca": str(ca)}
        stop_local(env)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """(store, its busiest method): 40 synthetic papers built with `kg build`."""
    folder = tmp_path_factory.mktemp("tls-store")
    write_corpus(40, folder / "corpus.jsonl")
    store = folder / "store"
    kg("build", str(folder / "corpus.jsonl"), "--store", str(store))
    top = json.loads(kg("top", "--type", "Method", "--limit", "1", "--json", "--store",
                        str(store)).stdout)
    return store, top["top"][0]["name"]


def kg(*arguments: str, env: dict | None = None, ok: bool = True):
    """`kg ARGUMENTS` as a subprocess with `env` added to (and SSL_CERT_FILE taken out
    of) this process's environment."""
    base = {key: value for key, value in os.environ.items() if key != "SSL_CERT_FILE"}
    done = subprocess.run([KG, *arguments], capture_output=True, text=True, timeout=600,
                          env={**base, **(env or {})}, check=False)
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def server_env(uri: str, **more: str) -> dict:
    return {"NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": TEST_PASSWORD, **more}


def assert_answers_like_the_store(env: dict, store: Path, method: str) -> None:
    """`kg load --wipe` through `env`'s URI, then neighbors and stats from the server equal
    the embedded store's."""
    loaded = json.loads(kg("load", "--wipe", "--json", "--store", str(store), env=env).stdout)
    assert loaded["relationships"] > 0
    for question in (["neighbors", method, "--limit", "0"], ["stats"]):
        embedded = kg(*question, "--json", "--store", str(store)).stdout
        served = kg(*question, "--json", "--backend", "neo4j", env=env).stdout
        assert json.loads(served) == json.loads(embedded), question


@pytest.mark.parametrize("scheme", ["neo4j+s", "bolt+s"])
def test_load_and_query_over_tls_with_the_ca_trusted_through_ssl_cert_file(
        tls_server, small_store, scheme):
    store, method = small_store
    env = server_env(f"{scheme}://localhost:{tls_server['port']}",
                     SSL_CERT_FILE=tls_server["ca"])
    assert_answers_like_the_store(env, store, method)


def test_load_and_query_through_a_routing_uri_on_one_server(server, small_store):
    store, method = small_store
    env = {**server, "NEO4J_URI": "neo4j://" + server["NEO4J_URI"].split("://", 1)[1]}
    assert_answers_like_the_store(env, store, method)


@pytest.mark.parametrize(("case", "expected"), [
    ("untrusted", "its TLS certificate is not trusted (unable to get local issuer certificate)"),
    ("tls-to-plain", "is TLS on for its Bolt port? A server without it takes bolt://"),
    ("plain-to-tls", "closed the connection during the handshake: if it requires TLS"),
])
def test_a_tls_mismatch_is_one_line_without_a_traceback_or_the_password(
        tls_server, server, small_store, case, expected):
    store, method = small_store
    plain = server["NEO4J_URI"].split("://", 1)[1]
    uri = {"untrusted": f"neo4j+s://localhost:{tls_server['port']}",
           "tls-to-plain": f"neo4j+s://{plain}",
           "plain-to-tls": f"neo4j://127.0.0.1:{tls_server['port']}"}[case]
    env = {**server_env(uri), "NEO4J_PASSWORD": server["NEO4J_PASSWORD"]}
    for command in (["load", "--store", str(store)],
                    ["neighbors", method, "--backend", "neo4j"]):
        done = kg(*command, env=env, ok=False)
        assert done.returncode == 1, (command, done.stderr)
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
        assert expected in done.stderr and uri in done.stderr, done.stderr
        assert env["NEO4J_PASSWORD"] not in done.stderr + done.stdout
