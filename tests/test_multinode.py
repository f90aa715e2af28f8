"""The production topology on loopback, every part a real process started and stopped here: a PostgreSQL primary,
its streaming replica and PgBouncer in transaction mode (scripts/pgcluster.py), Redis, two gunicorn app servers
(A and B) and one task worker. One scenario, in the order an operator would meet it:

1. the lockout holds across both app servers;
2. a write through A is read back through B at once by the writer (read-your-writes, from the primary) and by
   others once the replica has it; the cached adoption matrix changed through A is fresh on B;
3. a 200,000-row import uploaded through A runs on the worker with its progress visible through B; the worker is
   killed with SIGKILL half way, nothing of it is committed, a new worker takes the task back and the import
   completes exactly once, its rows on the replica;
4. the replica is stopped: pages keep working from the primary and /health/ says "degraded"; started again,
   reads return to it;
5. the primary is stopped: /health/ answers 503 naming the database.

Each request sends its own X-Request-ID, and the server's JSON log line for it says which databases it read.
PostgreSQL's run of the suite only (the processes use their own cluster, not the suite's database)."""

import contextlib
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

import psycopg
import pytest

from .processes import free_port, pgcluster
from .redis_server import redis_server

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "kalanshahr-demo"
ROWS = 200_000
pytestmark = pytest.mark.skipif(not os.environ.get("DATABASE_URL"),
                                reason="PostgreSQL's topology: runs in the PostgreSQL run of the suite")


class Server:
    """One gunicorn app server; `log` holds its JSON request lines."""

    def __init__(self, name, env, work):
        self.name, self.port = name, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = work / f"gunicorn-{name}.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "kalanshahr.wsgi:application", "--config", "gunicorn.conf.py"],
                cwd=ROOT, env={**env, "BIND": f"127.0.0.1:{self.port}"}, stdout=out, stderr=subprocess.STDOUT)

    def wait(self):
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.base + "/health/", timeout=2)
                return
            assert self.process.poll() is None, self.log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, f"app server {self.name} did not answer"
            time.sleep(0.2)

    def line(self, request_id):
        """The JSON log line of one request (the server writes it as the response leaves)."""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for text in self.log.read_text(errors="replace").splitlines():
                if text.startswith("{") and request_id in text:
                    return json.loads(text)
            time.sleep(0.05)
        raise AssertionError(f"no log line for {request_id} on {self.name}")

    def stop(self):
        self.process.terminate()
        self.process.wait(30)


class Client:
    """A person: their cookies (session, read-your-writes) and API token, used on whichever server."""

    def __init__(self, token=None):
        self.token = token
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def call(self, server, method, path, body=None, content_type="application/json"):
        """(status, parsed JSON or text, the server's log line for this request)."""
        request_id = uuid.uuid4().hex
        headers = {"X-Request-ID": request_id, "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode() if content_type == "application/json" else body
            headers["Content-Type"] = content_type
        request = urllib.request.Request(server.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                status, raw, kind = response.status, response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, raw, kind = error.code, error.read(), error.headers.get("Content-Type", "")
        content = json.loads(raw) if "json" in kind else raw.decode(errors="replace")
        return status, content, server.line(request_id)


def sign_in(server, username, password=PASSWORD):
    status, body, _line = Client().call(server, "POST", "/api/v1/auth/token/",
                                        {"username": username, "password": password})
    return status, body


def multipart(name, filename, content):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
                          capture_output=True).stdout


def wait_for(what, condition, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


@pytest.fixture
def topology(tmp_path):
    with pgcluster.PgCluster(database="kalanshahr") as cluster, redis_server() as (cache_url, _redis):
        env = {key: value for key, value in os.environ.items()
               if key not in ("DATABASE_URL", "TESTING", "CAPTCHA_TEST_MODE", "DJANGO_SETTINGS_MODULE")}
        env.update(cluster.environment())
        env.update(DEBUG="0", SECRET_KEY="multinode-test-" + "x" * 50, ALLOWED_HOSTS="127.0.0.1", ENV_FILE=os.devnull,
                   SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",
                   STATIC_ROOT=str(tmp_path / "static"), MEDIA_ROOT=str(tmp_path / "media"),
                   PRIVATE_MEDIA_ROOT=str(tmp_path / "private"), CACHE_URL=cache_url, LOG_REQUESTS="1",
                   STATIC_COMPRESS="0", WEB_CONCURRENCY="1", TASKS_BACKEND="django_tasks_db.DatabaseBackend",
                   TASK_STALE_SECONDS="1", REPLICA_CHECK_SECONDS="0.5", READ_YOUR_WRITES_SECONDS="10",
                   DEMO_PASSWORD=PASSWORD, SESSION_ENGINE="cache")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo", "--quiet-logins")
        manage(env, "collectstatic", "--noinput")
        servers = [Server("A", env, tmp_path), Server("B", env, tmp_path)]
        workers = []

        def start_worker():
            log = open(tmp_path / f"worker-{len(workers)}.log", "wb")
            workers.append(subprocess.Popen([sys.executable, "manage.py", "run_worker", "--interval", "0.2"],
                                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
            return workers[-1]

        try:
            for server in servers:
                server.wait()
            yield cluster, env, servers, start_worker
        finally:
            for server in servers:
                server.stop()
            for worker in workers:
                if worker.poll() is None:
                    worker.terminate()
                    worker.wait(30)


def import_file(env):
    """ROWS monthly values: the demo's monthly indicators × its cities × consecutive Jalali months."""
    names = json.loads(manage(env, "shell", "-c", (
        "import json; from kalanshahr.strategy.models import Indicator; from kalanshahr.network.models import "
        "Municipality; print(json.dumps([sorted(Indicator.objects.filter(frequency='month').values_list('code', "
        "flat=True)), sorted(Municipality.objects.values_list('slug', flat=True))]))")).strip().splitlines()[-1])
    codes, cities = names
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["indicator", "municipality", "period", "value"])
    for n in range(ROWS):
        code, city = codes[n % len(codes)], cities[(n // len(codes)) % len(cities)]
        month = n // (len(codes) * len(cities))
        writer.writerow([code, city, f"{1300 + month // 12}-{month % 12 + 1:02d}", n % 997])
    assert month < 200 * 12, "the demo has too few monthly indicators and cities for distinct periods"
    return buffer.getvalue().encode()


def replica_count(cluster, sql, *params):
    with psycopg.connect(cluster.url(cluster.replica_port), autocommit=True) as connection:
        return connection.execute(sql, params).fetchone()[0]


def test_the_topology_holds(topology):
    cluster, env, (a, b), start_worker = topology
    worker = start_worker()

    # 1. The lockout is kept in the database both servers share: five wrong passwords, alternating servers,
    #    lock the pair out on both, even with the right password.
    for attempt in range(4):
        assert sign_in((a, b)[attempt % 2], "mashhad_editor", "wrong")[0] == 400
    assert sign_in(a, "mashhad_editor", "wrong")[0] == 429  # the fifth locks
    for server in (a, b):
        status, body = sign_in(server, "mashhad_editor")
        assert status == 429 and body["error"]["code"] == "locked_out", body

    # 2. A write through A, read back through B.
    status, body = sign_in(a, "tehran_editor")
    assert status == 200, body
    writer, reader = Client(body["token"]), Client()
    status, adoptions, _line = reader.call(b, "GET", "/api/v1/adoptions/?municipality=tehran")
    adoption = next(row for row in adoptions["results"] if row["status"] == "pending")
    status, matrix_before, _line = reader.call(b, "GET", "/adoptions/")
    assert status == 200
    status, body, line = writer.call(a, "PATCH", f"/api/v1/adoptions/{adoption['id']}/",
                                     {"status": "in_progress", "note": "آغاز اجرا در آزمون چندگرهی"})
    assert status == 200 and set(line["databases"]) == {"default"}, (body, line)
    status, body, line = writer.call(b, "GET", f"/api/v1/adoptions/{adoption['id']}/")
    assert body["status"] == "in_progress" and set(line["databases"]) == {"default"}, line  # the writer: primary
    seen = wait_for("the replica to have the change", lambda: (
        lambda answer: answer if answer[1]["status"] == "in_progress" else None)(
        reader.call(b, "GET", f"/api/v1/adoptions/{adoption['id']}/")))
    assert set(seen[2]["databases"]) == {"replica"}, seen[2]  # others: the replica, once it has caught up
    status, matrix_after, line = reader.call(b, "GET", "/adoptions/")
    cell = 'class="cell status-in_progress"'
    assert matrix_after.count(cell) == matrix_before.count(cell) + 1  # the version moved in Redis: B rebuilt it

    # 3. A 200,000-row import through A, on the worker; the worker dies half way.
    status, body = sign_in(a, "admin")
    admin = Client(body["token"])
    content, kind = multipart("file", "national.csv", import_file(env))
    status, job, _line = admin.call(a, "POST", "/api/v1/imports/", content, kind)
    assert status == 202 and job["status"] == "queued", job
    path = f"/api/v1/imports/{job['id']}/"
    running = wait_for("the import to be under way", lambda: (
        lambda state: state if state["progress"]["rows"] >= 40_000 else None)(admin.call(b, "GET", path)[1]))
    assert running["status"] == "running" and 0 < running["progress"]["percent"] < 100, running
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    print(f"\nworker killed with SIGKILL at {running['progress']['rows']:,} rows read "
          f"({running['progress']['percent']}%)")
    time.sleep(1.5)  # past TASK_STALE_SECONDS, so that the next worker takes the task back
    state = admin.call(b, "GET", path)[1]
    assert state["status"] == "running" and state["finished"] is None
    assert replica_count(cluster, "SELECT count(*) FROM strategy_importbatch WHERE filename = %s", "national.csv") == 0
    worker = start_worker()
    done = wait_for("the import to finish", lambda: (
        lambda state: state if state["finished"] else None)(admin.call(b, "GET", path)[1]), seconds=180)
    assert (done["status"], done["rows"], done["created_count"], done["error_count"]) == ("done", ROWS, ROWS, 0), done
    print(f"a second worker imported all {done['created_count']:,} rows once, from {done['started']} to "
          f"{done['finished']}")
    wait_for("the replica to have the rows", lambda: replica_count(
        cluster, "SELECT count(*) FROM strategy_measurement m JOIN strategy_importbatch b ON b.id = m.batch_id "
                 "WHERE b.filename = %s", "national.csv") == ROWS)
    assert replica_count(cluster, "SELECT count(*) FROM strategy_importbatch WHERE filename = %s", "national.csv") == 1
    assert replica_count(cluster, "SELECT count(*) FROM network_auditevent WHERE action = %s AND target_id = %s",
                         "strategy.import.finish", job["id"]) == 1

    # 4. The replica stops: reads go to the primary, health says degraded; it starts again: reads return to it.
    cluster.stop_replica()
    for server in (a, b):
        status, body, line = reader.call(server, "GET", f"/api/v1/adoptions/{adoption['id']}/")
        assert status == 200 and set(line["databases"]) <= {"default", "replica"}, line
        status, body, line = reader.call(server, "GET", "/health/")
        assert status == 200 and body["status"] == "degraded" and body["failing"] == ["replica"], body
        status, body, line = reader.call(server, "GET", f"/api/v1/adoptions/{adoption['id']}/")
        assert status == 200 and set(line["databases"]) == {"default"}, line
        assert reader.call(server, "GET", "/news/")[0] == 200
    print("replica stopped: both app servers answered from the primary, /health/ said degraded")
    cluster.start_replica()
    for server in (a, b):
        wait_for(f"{server.name} to use the replica again", lambda: set(
            reader.call(server, "GET", f"/api/v1/adoptions/{adoption['id']}/")[2]["databases"]) == {"replica"})
        status, body, _line = reader.call(server, "GET", "/health/")
        assert status == 200 and body["status"] == "ok", body
    print("replica started again: reads on both app servers returned to it")

    # 5. The primary stops: /health/ answers 503 and names the database, for the balancer to act on.
    cluster.stop_primary()
    for server in (a, b):
        status, body, _line = reader.call(server, "GET", "/health/")
        assert status == 503 and body["status"] == "failing" and "database" in body["failing"], body
    print("primary stopped: /health/ answered 503 naming the database on both app servers")
