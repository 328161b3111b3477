"""Connection settings for a Neo4j store, from the environment.

``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``
come from the environment or, for the ones the environment lacks, from a
git-ignored ``.env`` file in the current folder (``.env.example`` shows the
format). There is no password option on the command line: it would show in
the shell history and the process list.

The password is held in a field that neither ``repr`` nor ``str`` show, and
no message of this package contains it.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from actornet.graph.errors import StoreError

__all__ = ["Neo4jSettings", "read_dotenv", "ENCRYPTED_SCHEMES", "SCHEMES"]

#: URI schemes the official driver accepts; ``+s`` verifies the certificate,
#: ``+ssc`` accepts a self-signed one.
ENCRYPTED_SCHEMES = frozenset({"neo4j+s", "neo4j+ssc", "bolt+s", "bolt+ssc"})
SCHEMES = frozenset({"neo4j", "bolt"}) | ENCRYPTED_SCHEMES
DEFAULT_PORT = 7687

_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")


def read_dotenv(path) -> dict[str, str]:
    """``KEY=value`` lines of a ``.env`` file (``#`` comments, optional quotes).

    A missing file gives ``{}``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / ".env").write_text('# local\\nNEO4J_URI=bolt://localhost:7687\\nNEO4J_USERNAME="neo4j"\\n')
    >>> read_dotenv(folder / ".env")
    {'NEO4J_URI': 'bolt://localhost:7687', 'NEO4J_USERNAME': 'neo4j'}
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (FileNotFoundError, IsADirectoryError):
        return {}
    except UnicodeDecodeError as err:
        line = Path(path).read_bytes()[: err.start].count(b"\n") + 1
        raise StoreError(f"{Path(path).name}, line {line}: the file is not UTF-8 text; "
                         "save it as UTF-8") from err
    values = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            continue
        key, value = match.groups()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[key] = value
    return values


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the store is and how to log in.

    Examples
    --------
    >>> s = Neo4jSettings.from_env({"NEO4J_URI": "bolt://127.0.0.1:7687",
    ...                             "NEO4J_PASSWORD": "s3cret"}, dotenv=None)
    >>> s
    Neo4jSettings(uri='bolt://127.0.0.1:7687', username='neo4j', database=None)
    >>> "s3cret" in repr(s) + str(s)
    False
    >>> s.describe()
    'bolt://127.0.0.1:7687'
    """

    uri: str
    username: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None
    insecure: bool = False

    def __repr__(self) -> str:
        return (f"Neo4jSettings(uri={self.uri!r}, username={self.username!r}, "
                f"database={self.database!r})")

    __str__ = __repr__

    @classmethod
    def from_env(cls, env=None, *, uri: str | None = None, insecure: bool = False,
                 dotenv=".env") -> "Neo4jSettings":
        """Settings from ``env`` (default ``os.environ``) and a ``.env`` file.

        ``uri`` (the ``--neo4j`` option) overrides ``NEO4J_URI``. The
        environment wins over the ``.env`` file.

        Raises
        ------
        StoreError
            If no URI is given, the URI is malformed, or it names a remote
            host over an unencrypted scheme without ``insecure``.
        """
        values = dict(read_dotenv(dotenv)) if dotenv else {}
        values.update(os.environ if env is None else env)
        uri = uri or values.get("NEO4J_URI")
        if not uri:
            raise StoreError("no Neo4j server given: pass --neo4j URI or set NEO4J_URI "
                             "(in the environment or a .env file)")
        settings = cls(uri=uri.strip(), username=values.get("NEO4J_USERNAME") or "neo4j",
                       password=values.get("NEO4J_PASSWORD") or "",
                       database=values.get("NEO4J_DATABASE") or None, insecure=insecure)
        settings.check()
        return settings

    def _parts(self):
        try:
            return urlsplit(self.uri)
        except ValueError:  # e.g. an unclosed [ of an IPv6 address
            return urlsplit("")

    @property
    def scheme(self) -> str:
        return self._parts().scheme.casefold()

    @property
    def host(self) -> str:
        return self._parts().hostname or ""

    @property
    def port(self) -> int:
        try:
            return self._parts().port or DEFAULT_PORT
        except ValueError:
            return DEFAULT_PORT

    @property
    def encrypted(self) -> bool:
        return self.scheme in ENCRYPTED_SCHEMES

    @property
    def loopback(self) -> bool:
        host = self.host.strip("[]")
        if host.casefold() == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    def describe(self) -> str:
        """``scheme://host:port`` and the database: safe to print (no credentials)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        where = f"{self.scheme}://{host}:{self.port}"
        return where if self.database is None else f"{where} (database {self.database})"

    def check(self) -> None:
        """Refuse malformed URIs and unencrypted connections to remote hosts."""
        try:
            parts = urlsplit(self.uri)
        except ValueError as err:
            raise StoreError("the Neo4j URI cannot be read (is a [ of an IPv6 address not "
                             "closed?); it must look like neo4j+s://host:7687") from err
        if parts.scheme.casefold() not in SCHEMES or not parts.hostname:
            raise StoreError("the Neo4j URI must look like neo4j+s://host:7687 or "
                             "bolt://localhost:7687 (schemes: " + ", ".join(sorted(SCHEMES)) + ")")
        if parts.username or parts.password:
            raise StoreError("put credentials in NEO4J_USERNAME and NEO4J_PASSWORD, "
                             "not in the URI")
        try:
            port = parts.port
        except ValueError as err:
            port = -1
            cause = err
        else:
            cause = None
        if port == -1 or port == 0:
            raise StoreError("the port in the Neo4j URI must be a whole number from 1 to 65535 "
                             "(Neo4j's is 7687)") from cause
        if not self.encrypted and not self.loopback and not self.insecure:
            raise StoreError(f"{self.scheme}://{self.host} is a remote host over an unencrypted "
                             "connection; use neo4j+s:// or bolt+s://, or pass --insecure "
                             "if the network is trusted")

    def driver(self, **config):
        """An official ``neo4j`` driver for these settings (the caller closes it).

        Connection attempts time out after a few seconds, so an unreachable
        server fails fast. The ``neo4j`` logger is set to ERROR unless it was
        set to WARNING or above before (``actornet --verbose`` sets WARNING): the
        driver's retry notices ("Transaction failed and will be retried")
        are not the user's business; a failure that outlasts the retries is
        raised.
        """
        import logging

        import neo4j

        logger = logging.getLogger("neo4j")
        if logger.level < logging.WARNING:  # unset, or DEBUG/INFO (which log query values)
            logger.setLevel(logging.ERROR)
        options = {"connection_timeout": 5.0, "connection_acquisition_timeout": 10.0,
                   "connection_write_timeout": 30.0, "max_transaction_retry_time": 15.0,
                   "user_agent": "actornet"}
        options.update(config)
        return neo4j.GraphDatabase.driver(self.uri, auth=(self.username, self.password),
                                          **options)
