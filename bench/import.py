#!/usr/bin/env python3
"""Issue 26's benchmark: bringing a million users in (contract 9.2) and their first sign-ins (see bench/README.md).

    bench/run.sh --import                     # 1,000,000 lines; bench/run.sh --import --lines 100000 for a quick look
    python3 bench/import.py generate --lines N # the NDJSON file alone, into bench/.work/

One machine, as for bench.py: the service (the Docker image's JVM flags, -Xmx128m), PostgreSQL, curl and a
light load of GET /users/me share its cores. The file goes in with the command the README shows (curl
--data-binary), timed: lines a second, JVM and PostgreSQL CPU per 1,000 lines, the service's peak RSS (VmHWM,
reset before each send) and heap used over time, and the p99 of the concurrent /users/me load beside the same
load on the idle service. The same file again (every line skipped), timed too. Then the first sign-ins of
imported bcrypt and md5-salt-prefix users (each one's hash is checked and replaced by the service's Argon2
once), beside ordinary Argon2 sign-ins and the second sign-ins of the same users.
"""
import argparse
import hashlib
import http.client
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the harness beside this file: service, seed, sampling, the admin's sign-in)
from bench import BASE, PORT, WORK, RESULTS, log, psql  # noqa: E402

IMPORT_PATH = "/api/v1/admin/users/import?dryRun=false"
# Known passwords of the imported users: line n's is derived from n, so a sign-in needs nothing but the file's size.
BCRYPT_PASSWORDS = [f"Legacy-bcrypt-{k}" for k in range(8)]
BCRYPT_COST = 10
REGISTERED_FROM = 1_400_000_000_000  # epoch ms: the old system's first user


# ---------------------------------------------------------------- the file

def bcrypt_hashes():
    """One bcrypt hash of each known password, made once and kept: a line reuses one of them (making a million
    bcrypt hashes is not what is measured). Python's bcrypt when installed, else htpasswd (apache2-utils)."""
    path = os.path.join(WORK, f"bcrypt-{BCRYPT_COST}.json")
    if os.path.exists(path):
        with open(path) as f:
            hashes = json.load(f)
        if len(hashes) == len(BCRYPT_PASSWORDS):
            return hashes
    try:
        import bcrypt
        hashes = [bcrypt.hashpw(p.encode(), bcrypt.gensalt(BCRYPT_COST)).decode() for p in BCRYPT_PASSWORDS]
    except ImportError:
        if shutil.which("htpasswd") is None:
            raise SystemExit("needs Python's bcrypt or htpasswd (apt-get install apache2-utils): bench/run.sh installs it")
        hashes = [subprocess.run(["htpasswd", "-nbBC", str(BCRYPT_COST), "legacy", p], check=True, capture_output=True,
                                 text=True).stdout.strip().split(":", 1)[1] for p in BCRYPT_PASSWORDS]
    with open(path, "w") as f:
        json.dump(hashes, f)
    return hashes


def kind_of(n):
    """What line n's password is: a third each."""
    return ("md5", "bcrypt", None)[n % 3]


def password_of(n):
    return {"md5": f"Legacy-md5-{n}", "bcrypt": BCRYPT_PASSWORDS[n % len(BCRYPT_PASSWORDS)], None: None}[kind_of(n)]


def mobile_of(n):
    """A valid Chinese mobile number (130... to 139...), unique per line: n times a number prime to 10^9."""
    return 13_000_000_000 + (n * 7919 + 1234567) % 1_000_000_000


def line_of(n, tenant_key, hashes):
    """Line n (from 1): a mobile in E.164 or as 11 digits, half of them mapped to the tenant, a third with an
    md5-salt-prefix password, a third bcrypt, a third none."""
    mobile = mobile_of(n)
    user = {"externalId": f"legacy-{n}", "mobile": f"+86{mobile}" if n // 3 % 2 == 0 else str(mobile),
            "mobileVerified": True, "nickname": f"legacy {n}", "registeredAt": REGISTERED_FROM + n * 1000}
    kind = kind_of(n)
    if kind == "md5":
        salt = hashlib.sha1(str(n).encode()).hexdigest()[:8]
        user["password"] = {"algorithm": "md5-salt-prefix",
                            "hash": hashlib.md5((salt + password_of(n)).encode()).hexdigest(), "salt": salt}
    elif kind == "bcrypt":
        user["password"] = {"algorithm": "bcrypt", "hash": hashes[n % len(hashes)]}
    if n % 2 == 0:
        user["tenants"] = [{"tenantKey": tenant_key, "associatedId": f"legacy-{n}"}]
    return json.dumps(user, separators=(",", ":"))


def generate(lines, tenant_key, path=None):
    """Writes the file a block of lines at a time (never whole in memory); kept and reused while its lines,
    tenant and bcrypt hashes are the same."""
    path = path or os.path.join(WORK, f"import-{lines}.ndjson")
    hashes = bcrypt_hashes()
    meta = {"lines": lines, "tenant_key": tenant_key, "hashes": hashes, "format": 1}
    if os.path.exists(path) and os.path.exists(path + ".json"):
        with open(path + ".json") as f:
            if json.load(f) == meta:
                log(f"reusing {path} ({os.path.getsize(path) / 1e6:.0f} MB)")
                return path
    started = time.monotonic()
    with open(path, "w", buffering=1 << 20) as f:
        for first in range(1, lines + 1, 10_000):
            f.write("".join(line_of(n, tenant_key, hashes) + "\n" for n in range(first, min(lines, first + 9_999) + 1)))
    with open(path + ".json", "w") as f:
        json.dump(meta, f)
    log(f"wrote {lines:,} lines, {os.path.getsize(path) / 1e6:.0f} MB, to {path} in {time.monotonic() - started:.1f} s")
    return path


# ---------------------------------------------------------------- what is sampled during a send

def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def postgres_cpu_seconds():
    """User plus system time of every PostgreSQL process (its backends are where the SQL runs)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            if "(postgres)" not in stat[:64]:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, IndexError, ValueError):
            pass
    return total


def machine_cpu_seconds():
    """CPU seconds every core of the machine has been busy so far (/proc/stat: all but idle and iowait)."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def harness_cpu_seconds():
    """CPU time of this harness (every thread: the sampler, the /users/me load) and of the children it waited for
    (curl, psql)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def imported_rows():
    """Rows ever inserted into user_import (PostgreSQL's statistics: cheap, current within a second)."""
    value = psql("select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables where relname = 'user_import'",
                 capture=True)
    return int(value or 0)


def heap_used_mb(admin_token):
    """jvm.memory.used, area heap, summed over the pools: /actuator/prometheus (an ADMIN token on the main
    port, as the bench runs without a management port)."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
        connection.request("GET", "/actuator/prometheus", headers={"Authorization": f"Bearer {admin_token}"})
        text = connection.getresponse().read().decode()
        connection.close()
    except OSError:
        return None
    used = [float(m.group(1)) for m in re.finditer(r'^jvm_memory_used_bytes\{[^}]*area="heap"[^}]*\} (\S+)', text, re.M)]
    return sum(used) / 1e6 if used else None


class Sampler:
    """Every 0.5 s: the service's VmRSS, its JVM and PostgreSQL CPU seconds so far, and every second its heap used.
    Started with the service's VmHWM reset (clear_refs 5), so VmHWM at the end is this window's peak."""

    def __init__(self, service, admin_token, profile=None):
        self.pid, self.service, self.admin_token, self.profile = service.proc.pid, service, admin_token, profile
        try:
            with open(f"/proc/{self.pid}/clear_refs", "w") as f:
                f.write("5")
            self.hwm_reset = True
        except OSError:
            self.hwm_reset = False
        self.series = []
        self.activity = []
        if profile:
            # a flight recording of the send (the JDK's profile settings: execution samples every 10 ms,
            # allocations, locks, socket reads, GC)
            self.jcmd("JFR.configure", "stackdepth=256")  # the import's frame lies under Spring's deep stack
            self.jcmd("JFR.start", "name=import", "settings=profile")
        self._stop = threading.Event()
        self.started = time.monotonic()
        self.cpu0, self.pg0, self.machine0 = service.cpu_seconds(), postgres_cpu_seconds(), machine_cpu_seconds()
        self.harness0 = harness_cpu_seconds()
        self.inserted0 = imported_rows()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        tick = 0
        while not self._stop.is_set():
            point = {"t": round(time.monotonic() - self.started, 2),
                     "rss_mb": round(status_kb(self.pid, "VmRSS") / 1024, 1),
                     "jvm_cpu_s": round(self.service.cpu_seconds() - self.cpu0, 2),
                     "pg_cpu_s": round(postgres_cpu_seconds() - self.pg0, 2)}
            if tick % 2 == 0:
                heap = heap_used_mb(self.admin_token)
                if heap is not None:
                    point["heap_mb"] = round(heap, 1)
            if tick % 4 == 0:
                point["lines_in"] = imported_rows() - self.inserted0  # committed so far
            if self.profile and tick % 4 == 1:
                self._profile()
            self.series.append(point)
            tick += 1
            self._stop.wait(0.5)

    def _profile(self):
        """What PostgreSQL runs for the service (its wait, or CPU, and the statement)."""
        self.activity.append(psql("select coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '-') "
                                  "|| ' ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 120) from pg_stat_activity "
                                  f"where datname = '{bench.DB}' and state = 'active' and pid <> pg_backend_pid()",
                                  capture=True))

    def jcmd(self, *command):
        return subprocess.run([os.path.join(self.profile, "bin", "jcmd"), str(self.pid), *command],
                              capture_output=True, text=True).stdout

    def recording(self, name):
        """Stops the flight recording into bench/.work/<name>.jfr; answers its views, also written beside it."""
        path = os.path.join(WORK, f"{name}.jfr")
        self.jcmd("JFR.stop", "name=import", f"filename={path}")
        views = {}
        for view in ("hot-methods", "cpu-time-hot-methods", "allocation-by-site", "contention-by-site",
                     "socket-reads-by-host", "gc-pauses", "thread-cpu-load"):
            views[view] = subprocess.run([os.path.join(self.profile, "bin", "jfr"), "view", "--width", "200", view,
                                          path], capture_output=True, text=True).stdout
        samples = subprocess.run([os.path.join(self.profile, "bin", "jfr"), "print", "--stack-depth", "256", "--events",
                                  "jdk.ExecutionSample", path], capture_output=True, text=True).stdout
        views["import-thread"] = summarize_samples(samples)
        with open(os.path.join(WORK, f"{name}-jfr.txt"), "w") as f:
            f.write("\n".join(views.values()))
        return views

    def stop(self):
        self._stop.set()
        self.thread.join()
        heaps = [p["heap_mb"] for p in self.series if "heap_mb" in p]
        seconds = time.monotonic() - self.started
        jvm, pg = self.service.cpu_seconds() - self.cpu0, postgres_cpu_seconds() - self.pg0
        machine = machine_cpu_seconds() - self.machine0
        harness = harness_cpu_seconds() - self.harness0
        return {"seconds": round(seconds, 2), "jvm_cpu_s": jvm, "pg_cpu_s": pg, "machine_cpu_s": machine,
                # what else had the cores meanwhile: curl and this harness with its load, and whatever else runs here
                "harness_cpu_s": harness, "others_cpu_s": machine - jvm - pg - harness, "cores": os.cpu_count(),
                "vm_hwm_mb": status_kb(self.pid, "VmHWM") / 1024 if self.hwm_reset else None,
                "peak_rss_mb": max((p["rss_mb"] for p in self.series), default=0),
                "peak_heap_mb": max(heaps, default=None), "series": self.series}


# ---------------------------------------------------------------- the load beside a send

class MeLoad:
    """GET /users/me at a steady rate (threads, each with a keep-alive connection and tokens of its own), the
    latency of each request counted from when it was due (a stalled service is not hidden by the client
    waiting for it, as with wrk's correction)."""

    def __init__(self, tokens, rate, threads=16):
        self.tokens, self.rate, self.threads = tokens, rate, threads
        self.latencies, self.errors, self.codes = [], 0, {}
        self._stop = threading.Event()
        self._lock = threading.Lock()

    def _run(self, index):
        interval = self.threads / self.rate
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        due = time.monotonic() + index * interval / self.threads
        k = index
        while not self._stop.is_set():
            now = time.monotonic()
            if now < due:
                time.sleep(due - now)
            token = self.tokens[k % len(self.tokens)]
            k += self.threads
            try:
                connection.request("GET", "/api/v1/users/me", headers={"Authorization": f"Bearer {token}"})
                response = connection.getresponse()
                response.read()
                ok, status = response.status == 200, response.status
            except (OSError, http.client.HTTPException) as error:
                ok, status = False, type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            with self._lock:
                self.latencies.append((time.monotonic() - due) * 1000)
                if not ok:
                    self.errors += 1
                    self.codes[str(status)] = self.codes.get(str(status), 0) + 1
            due += interval

    def start(self):
        self.started = time.monotonic()
        self.workers = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(self.threads)]
        for worker in self.workers:
            worker.start()
        return self

    def stop(self):
        self._stop.set()
        for worker in self.workers:
            worker.join()
        seconds = time.monotonic() - self.started
        return dict(latency_summary(self.latencies), requests=len(self.latencies), errors=self.errors,
                    error_codes=self.codes, rps=len(self.latencies) / seconds, target_rps=self.rate)


def latency_summary(values):
    if not values:
        return {"mean_ms": None, "p50_ms": None, "p99_ms": None, "max_ms": None}
    ordered = sorted(values)
    at = lambda q: ordered[min(len(ordered) - 1, int(len(ordered) * q))]
    return {"mean_ms": sum(ordered) / len(ordered), "p50_ms": at(0.50), "p99_ms": at(0.99), "max_ms": ordered[-1]}


# ---------------------------------------------------------------- the send

def curl_command(file, token, base=BASE):
    """shell_command's, as an argument list."""
    return ["curl", "-sS", "--data-binary", f"@{file}", "-H", "Content-Type: application/x-ndjson",
            "-H", f"Authorization: Bearer {token}", f"{base}{IMPORT_PATH}"]


def shell_command(file):
    """The command as the README shows it, for a shell with ADMIN_TOKEN set."""
    return (f"curl -sS --data-binary @{file} -H 'Content-Type: application/x-ndjson' "
            f"-H \"Authorization: Bearer $ADMIN_TOKEN\" '{BASE}{IMPORT_PATH}'")


def send(file, lines, service, admin_token, me_tokens, rate, profile=None):
    """One send of the file, as the README shows it, with the load beside it and everything sampled."""
    load = MeLoad(me_tokens, rate).start() if rate else None
    sampler = Sampler(service, admin_token, profile)
    answer_file = os.path.join(WORK, "import-answer.json")
    command = curl_command(file, admin_token) + ["-o", answer_file, "-w", "%{http_code} %{time_total}"]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.monotonic() - started
    window = sampler.stop()
    me = load.stop() if load else None
    status, _ = (done.stdout.split() + ["000", "0"])[:2]
    with open(answer_file, encoding="utf-8", errors="replace") as f:
        text = f.read()
    try:
        envelope = json.loads(text)
    except ValueError:
        envelope = {"code": None, "msg": text[:500]}
    data = envelope.get("data") or {}
    result = {"http_status": int(status), "code": envelope.get("code"), "msg": envelope.get("msg"),
              "seconds": seconds, "lines": lines, "lines_per_s": lines / seconds,
              "imported": data.get("imported"), "skipped": data.get("skipped"),
              "rejected": len(data.get("rejected") or []), "rejected_first": (data.get("rejected") or [])[:5],
              "jvm_cpu_ms_per_1000": window["jvm_cpu_s"] * 1000 / (lines / 1000),
              "pg_cpu_ms_per_1000": window["pg_cpu_s"] * 1000 / (lines / 1000),
              "curl_stderr": done.stderr.strip()[:500], "me": me, **window}
    if profile:
        name = "import-again" if data.get("imported") == 0 else "import-first"
        views = sampler.recording(name)
        result["profile"] = {"recording": os.path.join(WORK, f"{name}.jfr"),
                             "import_thread": views["import-thread"].splitlines(),
                             "hot_methods": views["hot-methods"].splitlines()[:25],
                             "postgres": summarize_activity(sampler.activity)}
    return result


LAYERS = (("org.postgresql.", "PostgreSQL's JDBC driver"), ("org.hibernate.", "Hibernate"),
          ("com.zaxxer.", "Hikari"), ("tools.jackson.", "Jackson"), ("com.fasterxml.", "Jackson"),
          ("org.springframework.", "Spring"), ("org.apache.", "Tomcat"), ("com.usercenter.", "ours"),
          ("java.", "the JDK"), ("javax.", "the JDK"), ("jdk.", "the JDK"), ("sun.", "the JDK"))


def stack_of(event):
    """The frames of one printed event, innermost first (the stack ends at a line holding only "]")."""
    frames = []
    for line in event.split("stackTrace = [", 1)[-1].splitlines()[1:]:
        if line.strip() in ("]", "...", ""):
            break
        frames.append(line.strip())
    return frames


def summarize_samples(text):
    """The execution samples of the import's request (a stack through one of our classes whose name says
    import), counted by the library of their top frame and by our innermost frame: where its CPU goes."""
    layers, ours, total = {}, {}, 0
    for event in text.split("jdk.ExecutionSample {")[1:]:
        frames = stack_of(event)
        if not any(f.startswith("com.usercenter.") and "mport" in f.split("(")[0] for f in frames):
            continue
        total += 1
        layer = next((name for prefix, name in LAYERS if frames[0].startswith(prefix)), "other")
        layers[layer] = layers.get(layer, 0) + 1
        mine = next((f.split(" line:")[0] for f in frames if f.startswith("com.usercenter.")), "?")
        ours[mine] = ours.get(mine, 0) + 1
    rank = lambda d: "\n".join(f"  {100 * n / max(1, total):5.1f}%  {k}"
                                for k, n in sorted(d.items(), key=lambda kv: -kv[1])[:20])
    return (f"The import's request thread, {total} execution samples\n\nby the library of the top frame:\n"
            f"{rank(layers)}\n\nby our innermost frame:\n{rank(ours)}\n")


def summarize_activity(activity):
    """PostgreSQL's active statements over the samples, most frequent first: where a slow import waits."""
    statements = {}
    for sample in activity:
        for line in (sample or "").splitlines():
            statements[line] = statements.get(line, 0) + 1
    return [f"{n}x {line}" for line, n in sorted(statements.items(), key=lambda kv: -kv[1])[:15]]


# ---------------------------------------------------------------- sign-ins

SIGN_INS = iter(range(10 ** 9))


def sign_in_series(service, logins):
    """Sign-ins one after another, each from an address of its own (bench.sign_in_ip: far below the sign-in
    gate's 30 a minute an address and 120 a network): latency of each, JVM CPU per sign-in over the series."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    latencies, errors, codes = [], 0, {}
    cpu = service.cpu_seconds()
    for account, password in logins:
        body = json.dumps({"account": account, "password": password})
        headers = {"Content-Type": "application/json", "X-Forwarded-For": bench.sign_in_ip(next(SIGN_INS))}
        started = time.monotonic()
        connection.request("POST", "/api/v1/auth/login/password", body, headers)
        response = connection.getresponse()
        envelope = json.loads(response.read() or b"null")
        latencies.append((time.monotonic() - started) * 1000)
        if envelope.get("code") != 200:
            errors += 1
            codes[str(envelope.get("code"))] = codes.get(str(envelope.get("code")), 0) + 1
    connection.close()
    cpu = service.cpu_seconds() - cpu
    return dict(latency_summary(latencies), count=len(logins), errors=errors, error_codes=codes,
                cpu_ms_per_sign_in=cpu * 1000 / max(1, len(logins)))


WARM = 20  # sign-ins of each kind before the measured ones (the JIT)


def signing_in(lines, count):
    """The imported users that sign in, by kind: distinct, spread over the file."""
    rng = random.Random(26)
    sample = rng.sample(range(1, lines + 1), min(lines, 20 * (count + WARM)))
    return {kind: [n for n in sample if kind_of(n) == kind][:count + WARM] for kind in ("bcrypt", "md5")}


def sign_ins(service, lines, count, seeded, imported):
    """Ordinary Argon2 users (seeded b1..), then count imported bcrypt and md5-salt-prefix users' first sign-ins,
    then their second, each kind after a few unmeasured ones."""
    results = {}
    warm = WARM
    ordinary = [(f"b{n}", bench.PASSWORD) for n in range(1, min(seeded, 1000) + 1)]
    # the first sign-ins of a started service run while the JIT still compiles their path: 100 unmeasured, and
    # the ordinary ones measured again at the end, beside the second sign-ins
    sign_in_series(service, ordinary[:100])
    results["ordinary (Argon2)"] = sign_in_series(service, ordinary[100:100 + count])
    if not imported:
        return results
    picked = {}
    for kind, users in signing_in(lines, count).items():
        picked[kind] = [(f"+86{mobile_of(n)}", password_of(n)) for n in users]
        sign_in_series(service, picked[kind][:warm])
    for kind, name in (("bcrypt", "imported bcrypt, first sign-in"), ("md5", "imported md5-salt-prefix, first sign-in")):
        results[name] = sign_in_series(service, picked[kind][warm:])
    for kind, name in (("bcrypt", "imported bcrypt, second sign-in"), ("md5", "imported md5-salt-prefix, second sign-in")):
        results[name] = sign_in_series(service, picked[kind][warm:])
    if len(ordinary) >= 100 + 2 * count:
        results["ordinary (Argon2), again at the end"] = sign_in_series(service, ordinary[100 + count:100 + 2 * count])
    return results


def insert_by_sql(lines, users, tenant_key):
    """--sign-ins-only: the file's users that sign in put in by SQL instead of the endpoint, with the password
    hash stored as an import stores it ({algorithm} and the hash; the salted digests' salt after a $)."""
    hashes = bcrypt_hashes()
    values = []
    for n in users:
        user = json.loads(line_of(n, tenant_key, hashes))
        password = user["password"]
        stored = "{" + password["algorithm"] + "}" + password["hash"] + (f"${password['salt']}" if "salt" in password else "")
        values.append(f"('{user['nickname']}', '+86{mobile_of(n)}', true, '{stored}', now(), now())")
    for first in range(0, len(values), 1000):
        psql("insert into app_user (nickname, mobile, mobile_verified, password_hash, created_at, updated_at) values "
             + ", ".join(values[first:first + 1000]))
    log(f"put {len(values)} imported users in by SQL")


def password_hash_kinds():
    """What the stored hashes are, by their prefix: the first right sign-in replaces an imported one."""
    rows = psql("""select case when password_hash like '$argon2%' then 'argon2 (the service''s)'
                               else coalesce(substring(password_hash from '^\\{[^}]*\\}'), left(password_hash, 4)) end,
                          count(*) from app_user where password_hash is not null group by 1 order by 2 desc""",
                capture=True)
    return {k: int(v) for k, v in (row.split("|") for row in rows.splitlines() if row)}


# ---------------------------------------------------------------- the run

def start(settings, users):
    """As bench.py's run: a fresh database, the first start records the AOT cache, the seeded users, then the
    restart every later start is (the Docker image's entrypoint)."""
    bench.fresh_database(bench.DB)
    jar = bench.extract(settings)
    aot = bench.aot_supported(settings)
    if os.path.exists(os.path.join(WORK, "app.aot")):
        os.remove(os.path.join(WORK, "app.aot"))
    service = bench.start_service(settings, jar, "train" if aot else None)
    bench.seed(users, settings["tenant_key"], bench.admin_sign_in(settings))
    if aot:
        service.stop()
        service = bench.start_service(settings, jar, "use" if os.path.exists(os.path.join(WORK, "app.aot")) else None)
    return service


def run(args):
    home = bench.java_home()
    settings = {"java_home": home, "java_opts": os.environ.get("BENCH_JAVA_OPTS", bench.DEFAULT_JAVA_OPTS),
                "master_key": bench.base64.b64encode(os.urandom(32)).decode(),
                "tenant_key": "bench", "tenant_secret": secrets.token_hex(32),
                "admin_password": "Bench-" + secrets.token_urlsafe(12)}
    file = generate(args.lines, settings["tenant_key"])
    results = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": bench.machine(),
               "java": bench.java_version(home), "java_opts": settings["java_opts"], "lines": args.lines,
               "file_mb": os.path.getsize(file) / 1e6, "seeded_users": args.users, "me_rate": args.rate,
               "command": shell_command(os.path.relpath(file, bench.ROOT)), "load_before": os.getloadavg()}
    service = start(settings, args.users)
    results["startup_seconds"] = service.startup_seconds
    admin_token = bench.admin_sign_in(settings)
    me_tokens = [t["accessToken"] for t in bench.login_hot_users(settings, 50)]
    # the JIT warmed on /users/me, then the same load on the idle service: what the import's load is set beside
    warm = MeLoad(me_tokens, args.rate).start()
    time.sleep(5)
    warm.stop()
    idle = MeLoad(me_tokens, args.rate).start()
    time.sleep(10)
    results["me_idle"] = idle.stop()
    log(f"GET /users/me at {args.rate}/s on the idle service: p50 {results['me_idle']['p50_ms']:.1f} ms, "
        f"p99 {results['me_idle']['p99_ms']:.1f} ms, errors {results['me_idle']['errors']}")
    profile = home if args.profile else None
    if args.sign_ins_only:
        insert_by_sql(args.lines, sorted(n for users in signing_in(args.lines, args.sign_ins).values() for n in users),
                      settings["tenant_key"])
        return finish(results, service, args, imported=True)
    log(f"import: {args.lines:,} lines ({results['file_mb']:.0f} MB), GET /users/me at {args.rate}/s beside it")
    first = send(file, args.lines, service, admin_token, me_tokens, args.rate, profile)
    results["import"] = first
    log_send("import", first)
    imported = first["code"] == 200
    if imported:
        counts = psql("select (select count(*) from user_import), (select count(*) from app_user), "
                      "(select count(*) from tenant_account)", capture=True).split("|")
        results["rows_after"] = {"user_import": int(counts[0]), "app_user": int(counts[1]),
                                 "tenant_account": int(counts[2])}
        log(f"  rows: {results['rows_after']}")
        log("the same file again (every line skipped)")
        again = send(file, args.lines, service, admin_token, me_tokens, args.rate, profile)
        results["again"] = again
        log_send("again", again)
    else:
        log("the import did not succeed: no second send, and only ordinary sign-ins")
    return finish(results, service, args, imported)


def finish(results, service, args, imported):
    """The sign-ins, what PostgreSQL holds, the service stopped."""
    results["hashes_before_sign_ins"] = password_hash_kinds()
    log(f"sign-ins, one after another: {args.sign_ins} of each kind")
    results["sign_ins"] = sign_ins(service, args.lines, args.sign_ins, args.users, imported)
    for name, r in results["sign_ins"].items():
        log(f"  {name}: mean {r['mean_ms']:.1f} ms, p50 {r['p50_ms']:.1f}, p99 {r['p99_ms']:.1f}, "
            f"JVM CPU {r['cpu_ms_per_sign_in']:.1f} ms a sign-in, errors {r['errors']} {r['error_codes'] or ''}")
    results["hashes_after_sign_ins"] = password_hash_kinds()
    psql("analyze")
    rows = psql("""select relname, n_live_tup, pg_total_relation_size(relid), pg_indexes_size(relid)
                   from pg_stat_user_tables where relname in ('app_user', 'user_import', 'tenant_account', 'audit_event',
                   'outbox_event', 'event_outbox') order by 3 desc""", capture=True)
    results["tables"] = [{"table": t, "rows": int(n), "bytes": int(b), "index_bytes": int(i)}
                         for t, n, b, i in (line.split("|") for line in rows.splitlines() if line)]
    service.stop()
    results["load_after"] = os.getloadavg()
    return results


def log_send(name, r):
    log(f"  {name}: HTTP {r['http_status']} code {r['code']} in {r['seconds']:.1f} s: {r['lines_per_s']:,.0f} lines/s; "
        f"imported {r['imported']}, skipped {r['skipped']}, rejected {r['rejected']}; JVM CPU "
        f"{r['jvm_cpu_ms_per_1000']:.0f} ms, PostgreSQL CPU {r['pg_cpu_ms_per_1000']:.0f} ms a 1,000 lines; "
        f"VmHWM {fmt(r['vm_hwm_mb'], '{:.0f}')} MB, peak heap {fmt(r['peak_heap_mb'], '{:.0f}')} MB; the "
        f"machine's cores {100 * r['machine_cpu_s'] / (r['cores'] * r['seconds']):.0f}% busy, "
        f"{r['harness_cpu_s']:.0f} CPU s of it this harness and curl, {r['others_cpu_s']:.0f} other work")
    if r["me"]:
        log(f"  GET /users/me beside it: {r['me']['rps']:.0f}/s, p50 {r['me']['p50_ms']:.1f} ms, "
            f"p99 {r['me']['p99_ms']:.1f} ms, errors {r['me']['errors']} {r['me']['error_codes'] or ''}")
    if r["code"] != 200:
        log(f"  answer: {r['msg']!r} {r['curl_stderr']}")


# ---------------------------------------------------------------- the report

def fmt(value, pattern="{:.1f}"):
    return "—" if value is None else pattern.format(value)


def thirds(series):
    """Lines committed a second in the first, middle and last third of a send (does it slow as tables grow?)."""
    points = [(p["t"], p["lines_in"]) for p in series if "lines_in" in p]
    if len(points) < 4 or points[-1][1] == 0:
        return None
    cuts = [points[round(i * (len(points) - 1) / 3)] for i in range(4)]
    return ", ".join(f"{(b[1] - a[1]) / max(0.001, b[0] - a[0]):,.0f}" for a, b in zip(cuts, cuts[1:]))


def report(results):
    imp, again = results.get("import"), results.get("again")
    idle = results["me_idle"]
    lines = [
        f"Run {results['when']} on {results['machine']}; service on {results['java']}, `{results['java_opts']}`; "
        f"{results['lines']:,} lines ({results['file_mb']:.0f} MB) into a database of {results['seeded_users']:,} users; "
        f"GET /users/me at {results['me_rate']}/s beside each send (16 keep-alive connections). Load average "
        f"{results['load_before'][0]:.1f} before the run and {results['load_after'][0]:.1f} after it (2 cores: above "
        "about 2, something else was running too).",
        "",
        f"`{results['command']}`",
        "",
        "| send | lines/s | seconds | imported | skipped | rejected | JVM CPU ms / 1,000 lines | PostgreSQL CPU ms / 1,000 lines | VmHWM MB | peak heap used MB | /users/me p99 ms (idle: "
        f"{fmt(idle['p99_ms'])}) | /users/me errors | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    if not imp:
        lines[2:] = ["No send (`--sign-ins-only`): the users that sign in were put in by SQL with their hashes as an "
                     "import stores them."]
    for name, r in (("first (every line new)", imp), ("again (every line skipped)", again)):
        if not r:
            continue
        verdict = (f"{'met' if r['lines_per_s'] >= 10_000 else 'MISSED'}: ≥ 10,000 lines/s" if r is imp else "—")
        if r["code"] != 200:
            verdict = f"FAILED: HTTP {r['http_status']}, code {r['code']}"
        me = r["me"] or {}
        lines.append(f"| {name} | {r['lines_per_s']:,.0f} | {r['seconds']:.1f} | {fmt(r['imported'], '{:,}')} | "
                     f"{fmt(r['skipped'], '{:,}')} | {r['rejected']} | {r['jvm_cpu_ms_per_1000']:.0f} | "
                     f"{r['pg_cpu_ms_per_1000']:.0f} | {fmt(r['vm_hwm_mb'], '{:.0f}')} | {fmt(r['peak_heap_mb'], '{:.0f}')} | "
                     f"{fmt(me.get('p99_ms'))} | {me.get('errors', '—')} | {verdict} |")
    if imp:
        lines.append("")
    for name, r in (("first send", imp), ("second send", again)):
        if r and "machine_cpu_s" in r:
            lines.append(f"- The {name}'s {r['seconds']:.0f} s: the service used {r['jvm_cpu_s']:.0f} CPU s, PostgreSQL "
                         f"{r['pg_cpu_s']:.0f}, curl and this harness (its sampling and /users/me load) "
                         f"{r['harness_cpu_s']:.0f}, other work on the machine {r['others_cpu_s']:.0f}; the "
                         f"{r['cores']} cores were {100 * r['machine_cpu_s'] / (r['cores'] * r['seconds']):.0f}% busy"
                         + (f"; lines committed a second over its first, middle and last thirds: {thirds(r['series'])}"
                            if r.get("imported") and thirds(r["series"]) else "") + ".")
    lines += ["", "| sign-in | users | mean ms | p50 ms | p99 ms | JVM CPU ms a sign-in | errors |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in results["sign_ins"].items():
        lines.append(f"| {name} | {r['count']} | {fmt(r['mean_ms'])} | {fmt(r['p50_ms'])} | {fmt(r['p99_ms'])} | "
                     f"{r['cpu_ms_per_sign_in']:.1f} | {r['errors']} |")
    lines += ["", f"- Stored hashes after the sign-ins: "
              + ", ".join(f"{k} {v:,}" for k, v in results["hashes_after_sign_ins"].items()) + "."]
    for name, r in (("first send", imp), ("second send", again)):
        if r and r.get("profile"):
            lines += ["", f"Where the {name}'s CPU went (`--profile`, {r['profile']['recording']}):", "", "```",
                      *r["profile"]["import_thread"], "```",
                      "", "PostgreSQL's active statements, sampled every 2 s:", "", "```", *r["profile"]["postgres"], "```", ""]
    if results.get("tables"):
        lines.append("- At the end: " + "; ".join(
            f"{t['table']} {t['rows']:,} rows, {t['bytes'] / 1e6:.0f} MB ({t['index_bytes'] / 1e6:.0f} MB indexes)"
            for t in results["tables"]) + ".")
    return "\n".join(lines) + "\n"


def record(table):
    """Puts the table into bench/RESULTS.md between its import markers (added at the end the first time)."""
    path = os.path.join(bench.BENCH, "RESULTS.md")
    with open(path) as f:
        text = f.read()
    start, end = "<!-- import table: written by bench/run.sh --import --record -->\n", "<!-- end of import table -->"
    if start not in text:
        text = text.rstrip("\n") + "\n\n## Import (issue 26)\n\n" + start + end + "\n"
    before, rest = text.split(start, 1)
    with open(path, "w") as f:
        f.write(before + start + table + rest[rest.index(end):])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["run", "generate"], nargs="?", default="run")
    parser.add_argument("--lines", type=int, default=1_000_000, help="lines in the file (default 1,000,000)")
    parser.add_argument("--users", type=int, default=10_000, help="users seeded before the import (default 10,000)")
    parser.add_argument("--rate", type=int, default=200, help="GET /users/me a second beside each send (0: none)")
    parser.add_argument("--sign-ins", type=int, default=300, help="sign-ins of each kind (default 300)")
    parser.add_argument("--profile", action="store_true",
                        help="a flight recording of each send (bench/.work/import-*.jfr and its views in *-jfr.txt) "
                             "and PostgreSQL's active statements every 2 s")
    parser.add_argument("--record", action="store_true", help="also put the table into bench/RESULTS.md")
    parser.add_argument("--sign-ins-only", action="store_true",
                        help="no send: the users that sign in are put in by SQL, their hashes as an import stores them")
    parser.add_argument("--out", help="generate: the file to write (default bench/.work/import-<lines>.ndjson)")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    if args.command == "generate":
        print(generate(args.lines, "bench", args.out))
        return
    os.makedirs(RESULTS, exist_ok=True)
    results = run(args)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(RESULTS, f"import-{stamp}.json"), "w") as f:
        json.dump(results, f, indent=1)
    shutil.copy(os.path.join(RESULTS, f"import-{stamp}.json"), os.path.join(RESULTS, "import-latest.json"))
    table = report(results)
    for name in (f"import-{stamp}.md", "import-latest.md"):
        with open(os.path.join(RESULTS, name), "w") as f:
            f.write(table)
    if args.record:
        record(table)
    print("\n" + table)


if __name__ == "__main__":
    import atexit
    atexit.register(bench.stop_all)
    main()
