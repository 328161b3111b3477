"""A real Bolt server for the tests and benchmarks: ArcadeDB with its Neo4j Bolt plugin.

The PyPI package ``arcadedb-embedded`` bundles ArcadeDB's server, the Bolt
plugin and a Java runtime. :class:`BoltServer` runs it in a child process
(so a test can kill it with SIGKILL, as a crash would, and start it again on
the same files and port) on free loopback ports in a temporary folder.

Run as a script, this file is that child process:
``python boltserver.py ROOT BOLT_PORT HTTP_PORT DATABASE`` with the root
password in ``ARCADEDB_ROOT_PASSWORD`` (never on the command line).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

READY = "BOLT-SERVER-READY"
USER = "root"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class BoltServer:
    """ArcadeDB in a child process, reachable at ``uri`` as ``USER``/``password``."""

    def __init__(self, root: Path, *, password: str | None = None, database: str = "actornet",
                 start_timeout: float = 180.0):
        self.root = Path(root)
        self.password = password or "pw-" + secrets.token_hex(8)
        self.database = database
        self.port = free_port()
        self.http_port = free_port()
        self.start_timeout = start_timeout
        self.process = None
        self.log = self.root / "server.log"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def auth(self) -> tuple[str, str]:
        return USER, self.password

    def start(self) -> "BoltServer":
        self.root.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, ARCADEDB_ROOT_PASSWORD=self.password)
        offset = self.log.stat().st_size if self.log.exists() else 0
        log = self.log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, __file__, str(self.root / "server"), str(self.port),
             str(self.http_port), self.database],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            cwd=self.root)  # ArcadeDB writes ./log/ in its working folder
        log.close()
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Bolt test server exited ({self.process.returncode}); "
                                   f"see {self.log}")
            with self.log.open("rb") as handle:
                handle.seek(offset)
                if READY.encode() in handle.read():
                    return self
            time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"the Bolt test server did not start in {self.start_timeout:.0f} s; "
                           f"see {self.log}")

    def kill(self) -> None:
        """Stop the server at once (SIGKILL), as a crash or a power cut would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    def create_database(self, name: str) -> str:
        """Create another (empty) database through ArcadeDB's HTTP API on loopback."""
        import base64
        import json
        import urllib.request

        token = base64.b64encode(f"{USER}:{self.password}".encode()).decode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.http_port}/api/v1/server", method="POST",
            data=json.dumps({"command": f"create database {name}"}).encode(),
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
        return name

    def restart(self) -> "BoltServer":
        self.kill()
        return self.start()


def _serve(root, port, http_port, database):
    from arcadedb_embedded.server import ArcadeDBServer

    server = ArcadeDBServer(
        root_path=root, root_password=os.environ["ARCADEDB_ROOT_PASSWORD"],
        config={"server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
                "bolt_port": int(port), "http_port": int(http_port), "host": "127.0.0.1"})
    server.start()
    if not (Path(root) / "databases" / database).exists():
        server.create_database(database)
    print(READY, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (server.stop(), os._exit(0)))
    # Exit with the process that started us (a killed test run leaves no server behind).
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    server.stop()
    os._exit(0)


if __name__ == "__main__":
    _serve(*sys.argv[1:5])
