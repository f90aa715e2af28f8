"""A Redis server of our own on loopback, for the tests of the shared cache: Debian's redis-server on a free port,
in a temporary directory, without persistence, stopped when the block ends."""

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time

from .processes import free_port


@contextlib.contextmanager
def redis_server():
    """Yields the server's URL (redis://127.0.0.1:PORT/0)."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is missing: `make test` installs Debian's redis-server (scripts/ensure-packages)"
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="kalanshahr-redis-") as directory:
        process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                    "--appendonly", "no", "--dir", directory, "--protected-mode", "yes"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.2) as connection:
                        connection.sendall(b"PING\r\n")
                        if connection.recv(16).startswith(b"+PONG"):
                            break
                except OSError:
                    pass
                assert process.poll() is None and time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/0", process
        finally:
            process.terminate()
            process.wait(timeout=10)
