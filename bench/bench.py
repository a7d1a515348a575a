#!/usr/bin/env python3
"""The User Center benchmark harness (see bench/README.md); bench/run.sh and bench/peer-keycloak.sh call it.

One machine: the service, PostgreSQL and the load generator (wrk) side by side. Every figure is printed
beside a ceiling measured in the same run: pgbench running the scenario's own SQL at the same
concurrency, the password-hash ceiling, and Keycloak's nearest equivalent.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import platform
import random
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
WORK = os.path.join(BENCH, ".work")
RESULTS = os.path.join(BENCH, "results")
LUA = os.path.join(BENCH, "lua")
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", "5432", os.environ.get("BENCH_PG_USER", "postgres")
DB = "usercenter_bench"
PORT = 18080
BASE = f"http://127.0.0.1:{PORT}"
THREADS = 2
PASSWORD = "Bench-passw0rd"
KEYCLOAK_VERSION = "26.7.3"
# What the Docker image runs with (Dockerfile, JAVA_TOOL_OPTIONS): measured in bench/RESULTS.md.
DEFAULT_JAVA_OPTS = "-XX:+UseParallelGC -Xmx128m -XX:+UseCompactObjectHeaders"  # the Docker image's
DEFAULT_MALLOC_ARENA_MAX = "2"  # the Docker image's


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------- PostgreSQL

def psql(sql, db=DB, capture=False):
    result = subprocess.run(["psql", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-d", db, "-v", "ON_ERROR_STOP=1",
                             "-qAt", "-c", sql], check=True, capture_output=True, text=True)
    return result.stdout.strip() if capture else None


def fresh_database(name):
    psql(f"drop database if exists {name} with (force)", db="postgres")
    psql(f"create database {name}", db="postgres")


# ---------------------------------------------------------------- processes and memory

RUNNING = []


def stop_all():
    for process in list(RUNNING):
        process.stop()


class Process:
    """A server process: started, timed to healthy, its resident memory sampled, stopped."""

    def __init__(self, name, command, env, health_url, log_file, cwd=None):
        self.name, self.health_url, self.log_file = name, health_url, log_file
        if http_ok(health_url):
            raise SystemExit(f"something already answers {health_url}: stop it first")
        self.out = open(log_file, "w")
        started = time.monotonic()
        self.proc = subprocess.Popen(command, env=env, stdout=self.out, stderr=subprocess.STDOUT, cwd=cwd,
                                     start_new_session=True)
        RUNNING.append(self)
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"{name} exited while starting; see {log_file}")
            if http_ok(health_url):
                break
            if time.monotonic() - started > 180:
                raise SystemExit(f"{name} not healthy after 180 s; see {log_file}")
            time.sleep(0.05)
        self.startup_seconds = time.monotonic() - started
        self._stop = threading.Event()
        self.peak_rss = 0
        self.window_peak = 0
        threading.Thread(target=self._sample, daemon=True).start()
        log(f"{name} healthy after {self.startup_seconds:.2f} s")

    def pids(self):
        """The process and its children (kc.sh starts java as a child)."""
        found, frontier = {self.proc.pid}, [self.proc.pid]
        while frontier:
            pid = frontier.pop()
            try:
                with open(f"/proc/{pid}/task/{pid}/children") as f:
                    for child in f.read().split():
                        found.add(int(child))
                        frontier.append(int(child))
            except OSError:
                pass
        return found

    def rss_mb(self):
        total = 0
        for pid in self.pids():
            try:
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
            except OSError:
                pass
        return total / 1024

    def cpu_seconds(self):
        """User plus system CPU time the process and its children have used so far (all threads)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for pid in self.pids():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks
            except (OSError, IndexError, ValueError):
                pass
        return total

    def _sample(self):
        while not self._stop.is_set():
            rss = self.rss_mb()
            self.peak_rss = max(self.peak_rss, rss)
            self.window_peak = max(self.window_peak, rss)
            time.sleep(0.2)

    def window(self):
        """Starts a new measuring window; answers the peak of the one before."""
        peak, self.window_peak = self.window_peak, self.rss_mb()
        return peak

    def stop(self):
        if self not in RUNNING:
            return
        RUNNING.remove(self)
        self._stop.set()
        try:
            os.killpg(self.proc.pid, 15)
            self.proc.wait(timeout=90)  # graceful: a JVM recording an AOT cache writes it on the way out
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, 9)
        self.out.close()


def http_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def call(method, path, body=None, headers=None, base=BASE, form=False):
    data = None
    headers = dict(headers or {})
    if body is not None:
        if form:
            data = body.encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{method} {path} answered {error.code}: {error.read()[:500]!r}")


def answer(method, path, body=None, headers=None, base=BASE):
    """(HTTP status, envelope) of a JSON call, errors included (call stops the run on any)."""
    headers = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


# ---------------------------------------------------------------- the admin's second factor (contract 9.4)

class Totp:
    """An authenticator app: RFC 6238 codes (HMAC-SHA1, 6 digits, 30 s) of an enrolment's secret. The service
    takes a code once an account and one step of drift, so each code is of a step after the last one used, and
    the device waits for the clock when it is two steps ahead."""

    def __init__(self, base32_secret):
        padded = base32_secret.upper() + "=" * (-len(base32_secret) % 8)
        self.secret = base64.b32decode(padded)
        self.last_step = 0

    def code_at(self, step):
        digest = hmac.new(self.secret, step.to_bytes(8, "big"), hashlib.sha1).digest()
        offset = digest[-1] & 0x0F
        return f"{(int.from_bytes(digest[offset:offset + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"

    def next_code(self):
        step = max(self.last_step + 1, int(time.time()) // 30 - 1)
        while step > int(time.time()) // 30 + 1:
            time.sleep(1)
        self.last_step = step
        return self.code_at(step)


def admin_sign_in(settings):
    """An access token of the bootstrap admin signed in with its password and TOTP: the admin API needs a session
    signed in with a second factor (40303 otherwise). The run's first sign-in enrols the TOTP, as an operator
    would (README's tour); settings keeps the device for later sign-ins."""
    credentials = {"account": "benchadmin", "password": settings["admin_password"]}
    status, first = answer("POST", "/api/v1/auth/login/password", credentials)
    if first["code"] == 200:
        auth = {"Authorization": f"Bearer {first['data']['accessToken']}"}
        enrolment = call("POST", "/api/v1/users/me/mfa/totp", {"password": settings["admin_password"]}, auth)
        settings["totp"] = Totp(enrolment["data"]["secret"])
        call("POST", "/api/v1/users/me/mfa/totp/confirm", {"code": settings["totp"].next_code()}, auth)
        status, first = answer("POST", "/api/v1/auth/login/password", credentials)
    if first["code"] != 40106 or "totp" not in settings:
        raise SystemExit(f"the admin's sign-in answered {status}: {first}")
    done = call("POST", "/api/v1/auth/login/mfa", {"mfaToken": first["data"]["mfaToken"],
                                                    "code": settings["totp"].next_code()})
    return done["data"]["accessToken"]


# ---------------------------------------------------------------- the tenant signature (README, contract 3)

def signed_headers(key, secret, method, path, query, body, timestamp, nonce):
    body_hash = hashlib.sha256(body).hexdigest()
    string_to_sign = f"{method}\n{path}\n{query}\n{timestamp}\n{nonce}\n{body_hash}"
    signature = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Tenant-Key": key, "X-Timestamp": timestamp, "X-Nonce": nonce,
            "X-Signature": signature}


def request_line(method, path, headers, body=""):
    head = "\x1f".join(f"{k}: {v}" for k, v in headers.items())
    return f"{method}\t{path}\t{head}\t{body}\n"


def write_lines(name, lines):
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.writelines(lines)
    return path


# ---------------------------------------------------------------- load

def wrk(base, script, requests_file, duration, connections, extra_env=None):
    env = dict(os.environ, BENCH_LUA=LUA, BENCH_FILE=requests_file, BENCH_THREADS=str(THREADS), **(extra_env or {}))
    command = ["wrk", "-t", str(THREADS), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
               "-s", os.path.join(LUA, script), base]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next((l for l in output.splitlines() if l.startswith("BENCH_JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no summary:\n{output}")
    result = json.loads(line[len("BENCH_JSON "):])
    result["errors"] = result["non2xx"] + result["socket_errors"]
    return result


TENANT_SCRIPTS = ("hard-login.sql", "first-login.sql", "soft-login.sql")


def pgbench(script, duration, clients, variables):
    """script's transactions; a tenant login's come after the signature check's (tenant-auth.sql)."""
    path = os.path.join(BENCH, "sql", script)
    if script in TENANT_SCRIPTS:
        with open(path) as f:
            lines = f.read().splitlines(keepends=True)
        with open(os.path.join(BENCH, "sql", "tenant-auth.sql")) as f:
            auth = f.read()
        first = lines.index("BEGIN;\n")
        path = write_lines(script, lines[:first] + [auth] + lines[first:])
    command = ["pgbench", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-n", "-M", "prepared", "-c", str(clients),
               "-j", str(THREADS), "-T", str(duration), "-f", path]
    for name, value in variables.items():
        command += ["-D", f"{name}={value}"]
    output = subprocess.run(command + [DB], capture_output=True, text=True)
    if output.returncode != 0:
        raise SystemExit(f"pgbench {script} failed:\n{output.stdout}\n{output.stderr}")
    tps = float(re.search(r"tps = ([\d.]+)", output.stdout).group(1))
    latency = re.search(r"latency average = ([\d.]+) ms", output.stdout)
    failed = re.search(r"number of failed transactions: (\d+)", output.stdout)
    return {"tps": tps, "latency_ms": float(latency.group(1)) if latency else None,
            "failed": int(failed.group(1)) if failed else 0}


# ---------------------------------------------------------------- the service

def java_home():
    for candidate in (os.environ.get("BENCH_JAVA_HOME"), "/usr/lib/jvm/temurin-25-jdk-amd64", os.environ.get("JAVA_HOME")):
        if candidate and os.path.exists(os.path.join(candidate, "bin", "java")):
            return candidate
    return os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("java"))))


def java_version(home):
    output = subprocess.run([os.path.join(home, "bin", "java"), "-version"], capture_output=True, text=True).stderr
    return output.splitlines()[0]


def extract(settings):
    """The jar unpacked as the Docker image runs it (app.jar beside lib/), which an AOT cache needs."""
    extracted = os.path.join(WORK, "extracted")
    shutil.rmtree(extracted, ignore_errors=True)
    jar = next(os.path.join(ROOT, "target", f) for f in os.listdir(os.path.join(ROOT, "target"))
               if f.startswith("user-center-") and f.endswith(".jar"))
    subprocess.run([os.path.join(settings["java_home"], "bin", "java"), "-Djarmode=tools", "-jar", jar, "extract",
                    "--destination", extracted], check=True, capture_output=True)
    return next(os.path.join(extracted, f) for f in os.listdir(extracted) if f.endswith(".jar"))


def aot_supported(settings):
    """JDK 25's one-step AOT cache (-XX:AOTCacheOutput), as the Docker image uses it."""
    version = re.search(r'version "(\d+)', java_version(settings["java_home"]))
    return version is not None and int(version.group(1)) >= 25


def start_service(settings, jar, aot=None):
    """aot: None, "train" (record the cache, written when the JVM exits) or "use"."""
    env = dict(os.environ,
               SPRING_DATASOURCE_URL=f"jdbc:postgresql://{PG_HOST}:{PG_PORT}/{DB}",
               SPRING_DATASOURCE_USERNAME=PG_USER,
               SERVER_PORT=str(PORT),
               USERCENTER_CRYPTO_MASTER_KEY=settings["master_key"],
               USERCENTER_TENANT_BOOTSTRAP_KEY=settings["tenant_key"],
               USERCENTER_TENANT_BOOTSTRAP_SECRET=settings["tenant_secret"],
               USERCENTER_BOOTSTRAP_ADMIN_USERNAME="benchadmin",
               USERCENTER_BOOTSTRAP_ADMIN_PASSWORD=settings["admin_password"],
               # as behind a load balancer: many clients, each with an address of its own
               SERVER_FORWARD_HEADERS_STRATEGY="native",
               SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES=r"127\.0\.0\.1",
               USERCENTER_SMS_PROVIDER="log",
               LOGGING_STRUCTURED_FORMAT_CONSOLE="ecs",  # as the image logs
               MALLOC_ARENA_MAX=os.environ.get("MALLOC_ARENA_MAX", DEFAULT_MALLOC_ARENA_MAX))
    cache = os.path.join(WORK, "app.aot")
    quiet = ["-Xlog:aot*=error", "-Xlog:cds*=error"]  # as docker/entrypoint.sh
    flags = {None: [], "train": quiet + [f"-XX:AOTCacheOutput={cache}"], "use": quiet + [f"-XX:AOTCache={cache}"]}[aot]
    command = ([os.path.join(settings["java_home"], "bin", "java")] + settings["java_opts"].split() + flags
               + ["-jar", jar])
    return Process("user-center" + (" (AOT cache)" if aot == "use" else ""), command, env,
                   f"{BASE}/actuator/health/readiness",
                   os.path.join(WORK, "service-first.log" if aot == "train" else "service.log"))


def seed(users, tenant_key, admin_token):
    """users app users, each mapped to the bench tenant as bench-<n>; the first 1,000 also have a password."""
    created = call("POST", "/api/v1/admin/users", {"username": "pwsource", "email": "pwsource@example.com", "password": PASSWORD},
                   {"Authorization": f"Bearer {admin_token}"})
    source = created["data"]["userId"]
    tenant_id = psql(f"select id from tenant where tenant_key = '{tenant_key}'", capture=True)
    started = time.monotonic()
    psql(f"""
        with made as (
            insert into app_user (nickname, username, created_at, updated_at)
            select 'nick_' || substr(md5(g::text), 1, 12), 'b' || g, now(), now()
            from generate_series(1, {users}) g
            returning id, username)
        insert into tenant_account (tenant_id, associated_id, user_id, created_at)
        select {tenant_id}, 'bench-' || substr(username, 2), id, now() from made;
        update app_user set password_hash = (select password_hash from app_user where id = {source})
        where username in (select 'b' || g from generate_series(1, least({users}, 1000)) g);""")
    # what autovacuum does for a database that grew over time: statistics, and the GIN indexes' pending
    # lists merged (a bulk insert leaves them long, and every search would read them through)
    psql("vacuum analyze")
    log(f"seeded {users:,} users in {time.monotonic() - started:.1f} s")
    return int(tenant_id)


def login_hot_users(settings, count):
    """Soft logins of bench-1..count: their sessions serve the soft-login, /users/me scenarios."""
    tokens = []
    for n in range(1, count + 1):
        body = json.dumps({"associatedId": f"bench-{n}", "softLogin": True}).encode()
        path = "/sessions-rest/associatedBusiness/loginTenant"
        headers = signed_headers(settings["tenant_key"], settings["tenant_secret"], "POST", path, "", body,
                                 str(int(time.time() * 1000)), secrets.token_hex(16))
        tokens.append(call("POST", path, body, headers)["data"])
    return tokens


def tenant_login_lines(settings, count, body_of):
    path = "/sessions-rest/associatedBusiness/loginTenant"
    timestamp = str(int(time.time() * 1000))
    lines = []
    for i in range(count):
        body = json.dumps(body_of(i), separators=(",", ":"))
        headers = signed_headers(settings["tenant_key"], settings["tenant_secret"], "POST", path, "",
                                 body.encode(), timestamp, secrets.token_hex(16))
        lines.append(request_line("POST", path, headers, body))
    return lines


SENDS = iter(range(10 ** 9))


def client_ip():
    """100.64.0.0/10, five code sends an address at most and four addresses a /24 (20 sends a network):
    a sixth send from one address, or a 21st from one network, within the hour would need a captcha."""
    n = next(SENDS) // 5
    network = n // 4
    return f"100.{64 + network // 256 % 64}.{network % 256}.{n % 4 + 1}"


def sign_in_ip(i):
    """198.18.0.0/15, one address a line and the lines spread over its 512 /24s: many clients, as behind a
    load balancer, each far below the sign-in gate (30 a minute an address, 120 a network)."""
    network = i % 512
    return f"198.{18 + network // 256}.{network % 256}.{i // 512 + 1}"


USED_MOBILES = set()


def unique_mobiles(count):
    """Numbers never sent to before in this run: a second send would meet the resend interval."""
    numbers = []
    while len(numbers) < count:
        number = "139" + f"{random.randrange(100_000_000):08d}"
        if number not in USED_MOBILES:
            USED_MOBILES.add(number)
            numbers.append(number)
    return numbers


def codes_in_log(since):
    """The SMS codes the log provider wrote after byte offset since: target -> code."""
    codes = {}
    with open(os.path.join(WORK, "service.log"), encoding="utf-8", errors="replace") as f:
        f.seek(since)
        for line in f:
            match = re.search(r"SMS to \+86(\d{11}): \D*(\d{6})", line)
            if match:
                codes[match.group(1)] = match.group(2)
    return codes


def hash_ceiling(settings):
    """cores / time of one password hash with the service's own encoder and parameters."""
    extracted = os.path.join(WORK, "extracted")
    jar = next(os.path.join(extracted, f) for f in os.listdir(extracted) if f.endswith(".jar"))
    output = subprocess.run([os.path.join(settings["java_home"], "bin", "java"), "-cp", f"{jar}:{extracted}/lib/*",
                             os.path.join(BENCH, "HashCeiling.java")], capture_output=True, text=True, check=True)
    result = json.loads(output.stdout.strip().splitlines()[-1])
    result["cores"] = os.cpu_count()
    result["ceiling_per_s"] = os.cpu_count() * 1000 / result["ms_per_hash"]
    return result


# ---------------------------------------------------------------- our scenarios

def run_service(args, settings):
    fresh_database(DB)
    jar = extract(settings)
    aot = aot_supported(settings)
    if os.path.exists(os.path.join(WORK, "app.aot")):
        os.remove(os.path.join(WORK, "app.aot"))
    service = start_service(settings, jar, "train" if aot else None)
    results = {"startup_seconds": service.startup_seconds, "scenarios": {}, "ceilings": {}}
    d, c = args.duration, args.connections
    admin_token = admin_sign_in(settings)
    tenant_id = seed(args.users, settings["tenant_key"], admin_token)
    results["seeded_users"] = args.users
    if aot:
        # Restarted as every start after the first is in production (the Docker image's entrypoint): the
        # first run wrote the JDK's AOT cache on its way out, this one maps the classes it loaded and
        # linked. Every scenario runs on this instance.
        service.stop()
        if os.path.exists(os.path.join(WORK, "app.aot")):
            service = start_service(settings, jar, "use")
            results["restart_seconds"] = service.startup_seconds
        else:
            log("no AOT cache was written; going on without one")
            service = start_service(settings, jar)
    # enough signed requests for a run at 8,000 requests/s: none is sent twice
    budget = d * 8000
    hot = min(1000, args.users)

    def access_log_latency(offset):
        """p99 and slowest request as the service timed them (its access log), beside wrk's figures: wrk's
        include the client's queueing on these shared cores and its coordinated-omission correction, which
        turns one slow request into a hundred slow samples."""
        time.sleep(0.5)
        times = []
        with open(os.path.join(WORK, "service.log"), encoding="utf-8", errors="replace") as f:
            f.seek(offset)
            for line in f:
                if '"usercenter.access"' not in line or "/actuator" in line:
                    continue
                match = re.search(r' (\d+) ms"', line)
                if match:
                    times.append(int(match.group(1)))
        if not times:
            return {}
        times.sort()
        return {"service_p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
                "service_max_ms": times[-1]}

    def scenario(name, script, lines_file, seconds, measure, connections=c):
        if args.only and not re.search(args.only, name):
            return None
        if not measure:
            wrk(BASE, script, lines_file, seconds, connections)
            return None
        service.window()
        log(f"scenario {name}: {connections} connections, {seconds} s")
        cpu = service.cpu_seconds()
        access_from = os.path.getsize(os.path.join(WORK, "service.log"))
        result = wrk(BASE, script, lines_file, seconds, connections)
        result["cpu_ms_per_request"] = (service.cpu_seconds() - cpu) * 1000 / max(1, result["requests"])
        result.update(access_log_latency(access_from))
        result["connections"] = connections
        result["peak_rss_mb"] = service.window()
        results["scenarios"][name] = result
        log(f"  {result['rps']:.0f} req/s, p50 {result['p50_ms']:.2f} ms, p99 {result['p99_ms']:.2f} ms "
            f"(in the service: p99 {result.get('service_p99_ms', '?')} ms, slowest {result.get('service_max_ms', '?')} ms), "
            f"errors {result['errors']}, JVM CPU {result['cpu_ms_per_request']:.3f} ms a request, "
            f"peak RSS {result['peak_rss_mb']:.0f} MB")
        return result

    # Every scenario twice: an unrecorded pass warms the JIT on every path, as in a service that has been
    # up for a while (on 2 busy cores the JIT needs minutes); the second pass is measured.
    new_users = iter(range(10 ** 9))
    for measure, seconds in ((False, 3 if args.quick else d), (True, d)):
        log("measuring" if measure else f"warm-up pass, {seconds} s a scenario")
        lines = tenant_login_lines(settings, budget,
                                   lambda i: {"associatedId": f"bench-{random.randint(hot + 1, args.users)}"})
        scenario("tenant hard login", "requests.lua", write_lines("hard.txt", lines), seconds, measure)
        lines = tenant_login_lines(settings, budget, lambda i: {"associatedId": f"new-{next(new_users)}"})
        scenario("tenant first login", "requests.lua", write_lines("first.txt", lines), seconds, measure)
        tokens = login_hot_users(settings, hot) if not args.only or re.search(args.only, "GET /users/me refresh tenant soft login") else []
        lines = tenant_login_lines(settings, budget,
                                   lambda i: {"associatedId": f"bench-{random.randint(1, hot)}", "softLogin": True})
        scenario("tenant soft login", "requests.lua", write_lines("soft.txt", lines), seconds, measure)
        lines = [request_line("POST", "/api/v1/auth/login/password",
                              {"Content-Type": "application/json", "X-Forwarded-For": sign_in_ip(i)},
                              json.dumps({"account": f"b{random.randint(1, hot)}", "password": PASSWORD}))
                 for i in range(5000)]
        scenario("password login", "requests.lua", write_lines("password.txt", lines), seconds, measure)
        lines = [request_line("GET", "/api/v1/users/me", {"Authorization": f"Bearer {t['accessToken']}"})
                 for t in tokens]
        scenario("GET /users/me", "requests.lua", write_lines("me.txt", lines), seconds, measure)
        lines = [t["refreshToken"] + "\n" for t in tokens]
        scenario("refresh", "refresh.lua", write_lines("refresh.txt", lines), seconds, measure)
        queries = []
        for _ in range(5000):
            digest = hashlib.md5(str(random.randint(1, args.users)).encode()).hexdigest()[:12]
            start = random.randint(0, 6)
            queries.append(request_line("GET", f"/api/v1/admin/users?name={digest[start:start + 6]}&page=1&size=20",
                                        {"Authorization": f"Bearer {admin_token}"}))
        scenario(f"admin name search ({args.users:,} users)", "requests.lua", write_lines("search.txt", queries),
                 seconds, measure)
        scenario(f"admin name search ({args.users:,} users), 4 connections", "requests.lua",
                 write_lines("search.txt", queries), seconds, measure, connections=4)
        mobiles = unique_mobiles(min(budget, 400_000))
        log_offset = os.path.getsize(os.path.join(WORK, "service.log"))
        lines = [request_line("POST", "/api/v1/verification-codes",
                              {"Content-Type": "application/json", "X-Forwarded-For": client_ip()},
                              json.dumps({"channel": "sms", "target": m, "purpose": "login"})) for m in mobiles]
        scenario("code send", "requests.lua", write_lines("send.txt", lines), seconds, measure)
        codes = codes_in_log(log_offset)
        lines = [request_line("POST", "/api/v1/verification-codes/verify", {"Content-Type": "application/json"},
                              json.dumps({"target": m, "purpose": "login", "code": code}))
                 for m, code in codes.items()]
        random.shuffle(lines)
        if not lines:
            continue
        # each code verifies once: the run is kept short enough (verifying is cheaper than sending) that
        # none is sent twice
        scenario("code verify", "requests.lua", write_lines("verify.txt", lines), max(1, int(seconds / 2.5)), measure)
        results["codes_verified"] = len(lines)
    results["peak_rss_mb"] = service.peak_rss
    # what PostgreSQL holds after every scenario: rows and bytes (heap, indexes and TOAST) per table
    psql("analyze")
    rows = psql("""select relname, n_live_tup, pg_total_relation_size(relid), pg_indexes_size(relid)
                   from pg_stat_user_tables where n_live_tup > 0 order by 3 desc""", capture=True)
    results["tables"] = [{"table": t, "rows": int(n), "bytes": int(b), "index_bytes": int(i)}
                         for t, n, b, i in (line.split("|") for line in rows.splitlines() if line)]
    if "NativeMemoryTracking" in settings["java_opts"]:
        # where the resident memory went, after every scenario (BENCH_JAVA_OPTS=... -XX:NativeMemoryTracking=summary)
        summary = subprocess.run([os.path.join(settings["java_home"], "bin", "jcmd"), str(service.proc.pid),
                                  "VM.native_memory", "summary"], capture_output=True, text=True).stdout
        histogram = subprocess.run([os.path.join(settings["java_home"], "bin", "jcmd"), str(service.proc.pid),
                                    "GC.class_histogram"], capture_output=True, text=True).stdout
        with open(os.path.join(WORK, "native-memory.txt"), "w") as f:
            f.write(summary + "\n" + "\n".join(histogram.splitlines()[:40]) + "\n")
        log(f"native memory summary in {os.path.join(WORK, 'native-memory.txt')}")
    service.stop()

    log("ceilings: pgbench with each scenario's statements, same concurrency")
    codes = 100_000
    # refresh tokens whose values pgbench can compute, on sessions of the hot users
    psql(f"""insert into user_session (id, user_id, tenant_id, tenant_key, channel, roles, created_at, expires_at)
             select md5('pgs-' || k)::uuid, (select id from app_user where username = 'b' || (1 + k % {hot})),
                    {tenant_id}, '{settings["tenant_key"]}', 'tenant', '{{USER}}', now(), now() + interval '30 days'
             from generate_series(0, 999) k;
             insert into refresh_token (token_hash, session_id, expires_at)
             select encode(sha256(('pg-' || k)::bytea), 'hex'), md5('pgs-' || (k % 1000))::uuid,
                    now() + interval '30 days'
             from generate_series(0, {codes - 1}) k""")
    psql(f"""insert into verification_code (target, purpose, code_hash, attempts, sent_at, expires_at, consumed_at)
             select '+86' || (13700000000 + k), 'login', md5(k::text), 0, now(), now() + interval '1 day', null
             from generate_series(0, {codes - 1}) k on conflict do nothing""")
    variables = {"users": args.users, "hot": hot, "tenant": tenant_id, "tenant_key": settings["tenant_key"],
                 "codes": codes, "first_id": psql("select id from app_user where username = 'b1'", capture=True),
                 "admin_id": psql("select id from app_user where username = 'benchadmin'", capture=True)}
    for name, script in (("tenant hard login", "hard-login.sql"), ("tenant first login", "first-login.sql"),
                         ("tenant soft login", "soft-login.sql"), ("GET /users/me", "me.sql"),
                         ("refresh", "refresh.sql"), (f"admin name search ({args.users:,} users)", "search.sql"),
                         ("code send", "code-send.sql"), ("code verify", "code-verify.sql")):
        if args.only and not re.search(args.only, name):
            continue
        ceiling = pgbench(script, max(3, d // 2), c, variables)
        if script == "search.sql":
            results["ceilings"][f"{name}, 4 connections"] = pgbench(script, max(3, d // 2), 4, variables)
        results["ceilings"][name] = ceiling
        log(f"  {name}: {ceiling['tps']:.0f} tps ({script})")
    results["hash"] = hash_ceiling(settings)
    log(f"  password hash: {results['hash']['ms_per_hash']:.2f} ms each, "
        f"ceiling {results['hash']['ceiling_per_s']:.0f}/s on {results['hash']['cores']} cores")
    return results


# ---------------------------------------------------------------- Keycloak, the peer

def keycloak_home():
    home = os.path.join(WORK, f"keycloak-{KEYCLOAK_VERSION}")
    if not os.path.exists(home):
        artifact = f"org.keycloak:keycloak-quarkus-dist:{KEYCLOAK_VERSION}:zip"
        log(f"fetching {artifact} from Maven Central")
        subprocess.run([os.path.join(ROOT, "mvnw"), "-q", "-ntp", "dependency:copy", f"-Dartifact={artifact}",
                        f"-DoutputDirectory={WORK}"], check=True, cwd=ROOT)
        subprocess.run(["unzip", "-q", "-o", os.path.join(WORK, f"keycloak-quarkus-dist-{KEYCLOAK_VERSION}.zip"),
                        "-d", WORK], check=True)
    return home


def run_keycloak(args, settings):
    home = keycloak_home()
    fresh_database("keycloak_bench")
    env = dict(os.environ, JAVA_HOME=settings["java_home"], KC_BOOTSTRAP_ADMIN_USERNAME="admin",
               KC_BOOTSTRAP_ADMIN_PASSWORD=settings["admin_password"])
    subprocess.run([os.path.join(home, "bin", "kc.sh"), "build", "--db=postgres", "--health-enabled=true"],
                   env=env, check=True, capture_output=True)
    port = 18180
    base = f"http://127.0.0.1:{port}"
    kc = Process("keycloak", [os.path.join(home, "bin", "kc.sh"), "start", "--optimized", "--http-enabled=true",
                              f"--http-port={port}", "--http-management-port=19000", "--hostname-strict=false",
                              f"--db-url=jdbc:postgresql://{PG_HOST}:{PG_PORT}/keycloak_bench",
                              f"--db-username={PG_USER}", "--db-password=unused-with-trust"],
                 env, "http://127.0.0.1:19000/health/ready", os.path.join(WORK, "keycloak.log"))
    results = {"version": KEYCLOAK_VERSION, "startup_seconds": kc.startup_seconds, "scenarios": {}}
    try:
        form = lambda **fields: "&".join(f"{k}={urllib.parse.quote(str(v))}" for k, v in fields.items())
        admin = call("POST", "/realms/master/protocol/openid-connect/token",
                     form(grant_type="password", client_id="admin-cli", username="admin",
                          password=settings["admin_password"]), base=base, form=True)["access_token"]
        auth = {"Authorization": f"Bearer {admin}"}
        call("POST", "/admin/realms", {"realm": "bench", "enabled": True, "accessTokenLifespan": 7200,
                                       "ssoSessionIdleTimeout": 36000, "ssoSessionMaxLifespan": 36000}, auth, base)
        client_secret = secrets.token_hex(16)
        call("POST", "/admin/realms/bench/clients", {"clientId": "bench-app", "publicClient": True,
                                                     "directAccessGrantsEnabled": True, "standardFlowEnabled": False},
             auth, base)
        call("POST", "/admin/realms/bench/clients", {"clientId": "bench-service", "publicClient": False,
                                                     "serviceAccountsEnabled": True, "standardFlowEnabled": False,
                                                     "clientAuthenticatorType": "client-secret",
                                                     "secret": client_secret}, auth, base)
        call("POST", "/admin/realms/bench/users", {"username": "bench-user", "enabled": True,
                                                   "email": "bench-user@example.com", "emailVerified": True,
                                                   "firstName": "Bench", "lastName": "User",
                                                   "credentials": [{"type": "password", "value": PASSWORD,
                                                                    "temporary": False}]}, auth, base)
        token_path = "/realms/bench/protocol/openid-connect/token"
        password_body = form(grant_type="password", client_id="bench-app", username="bench-user", password=PASSWORD,
                             scope="openid")
        grant = call("POST", token_path, password_body, base=base, form=True)
        form_headers = {"Content-Type": "application/x-www-form-urlencoded"}
        plans = {
            "password grant": request_line("POST", token_path, form_headers, password_body),
            "client-credentials grant": request_line("POST", token_path, form_headers,
                                                     form(grant_type="client_credentials", client_id="bench-service",
                                                          client_secret=client_secret)),
            "refresh": request_line("POST", token_path, form_headers,
                                    form(grant_type="refresh_token", client_id="bench-app",
                                         refresh_token=grant["refresh_token"])),
            "userinfo": request_line("GET", "/realms/bench/protocol/openid-connect/userinfo",
                                     {"Authorization": f"Bearer {grant['access_token']}"}),
        }
        for name, line in plans.items():
            if args.only and not re.search(args.only, name):
                continue
            file = write_lines(f"kc-{name.split()[0]}.txt", [line])
            wrk(base, "requests.lua", file, 3, 8)  # warm-up
            kc.window()
            log(f"keycloak {name}: {args.connections} connections, {args.duration} s")
            cpu = kc.cpu_seconds()
            result = wrk(base, "requests.lua", file, args.duration, args.connections)
            result["cpu_ms_per_request"] = (kc.cpu_seconds() - cpu) * 1000 / max(1, result["requests"])
            result["peak_rss_mb"] = kc.window()
            results["scenarios"][name] = result
            log(f"  {result['rps']:.0f} req/s, p50 {result['p50_ms']:.2f} ms, p99 {result['p99_ms']:.2f} ms, "
                f"errors {result['errors']}, JVM CPU {result['cpu_ms_per_request']:.3f} ms a request, "
                f"peak RSS {result['peak_rss_mb']:.0f} MB")
        results["peak_rss_mb"] = kc.peak_rss
    finally:
        kc.stop()
    return results


# ---------------------------------------------------------------- the report

PEERS = {"tenant hard login": "client-credentials grant", "tenant soft login": "client-credentials grant",
         "tenant first login": "client-credentials grant", "password login": "password grant",
         "GET /users/me": "userinfo", "refresh": "refresh"}


# The targets of issue 15. "Today's" CPU figures are the ones that issue measured before its work.
ME_CPU_BEFORE_MS = 0.37


def targets(name, ours, results, peer):
    """Each target of issue 15 that applies to the scenario: (text, met)."""
    checks = []
    kc = peer["scenarios"].get(PEERS.get(name, ""), {}) if peer else {}
    hard = results["scenarios"].get("tenant hard login")
    if name == "tenant hard login":
        if kc:
            checks.append(("≥ 1.5x Keycloak", ours["rps"] >= 1.5 * kc["rps"]))
        checks.append(("CPU ≤ 1.0 ms", ours["cpu_ms_per_request"] <= 1.0))
    elif name in ("tenant first login", "tenant soft login") and hard:
        checks.append(("no slower than hard login (within 5%)", ours["rps"] >= 0.95 * hard["rps"]))
    elif name == "password login":
        checks.append(("≥ 90% of hash ceiling", ours["rps"] >= 0.9 * results["hash"]["ceiling_per_s"]))
    elif name == "GET /users/me":
        if kc:
            checks.append(("≥ 2x Keycloak", ours["rps"] >= 2 * kc["rps"]))
            checks.append(("p99 ≤ Keycloak's", ours["p99_ms"] <= kc["p99_ms"]))
        checks.append((f"CPU ≤ {ME_CPU_BEFORE_MS / 2:.3f} ms (half of {ME_CPU_BEFORE_MS})",
                       ours["cpu_ms_per_request"] <= ME_CPU_BEFORE_MS / 2))
    elif name == "refresh" and kc:
        checks.append(("≥ 5x Keycloak", ours["rps"] >= 5 * kc["rps"]))
    elif name.startswith("admin name search") and name.endswith("4 connections"):
        checks.append(("p99 < 50 ms", ours["p99_ms"] < 50))
    checks.append(("0 errors", ours["errors"] == 0))
    return checks


def report(results, args):
    ours, peer = results["service"], results.get("keycloak")
    rows = []
    for name, r in ours["scenarios"].items():
        ceiling = ours["ceilings"].get(name)
        if name == "password login":
            bound = f"hash {ours['hash']['ceiling_per_s']:.0f}/s: {100 * r['rps'] / ours['hash']['ceiling_per_s']:.0f}%"
        elif ceiling:
            bound = f"pgbench {ceiling['tps']:.0f}/s: {100 * r['rps'] / ceiling['tps']:.0f}%"
        else:
            bound = "—"
        kc_name = PEERS.get(name)
        kc = peer["scenarios"].get(kc_name) if peer and kc_name else None
        versus = (f"{kc_name} {kc['rps']:.0f}/s, p99 {kc['p99_ms']:.1f} ms, CPU {kc['cpu_ms_per_request']:.2f} ms: "
                  f"**{r['rps'] / kc['rps']:.1f}x**") if kc else "—"
        checks = targets(name, r, ours, peer)
        verdict = "; ".join(f"{'met' if ok else 'MISSED'}: {text}" for text, ok in checks) or "—"
        inside = f" ({r['service_p99_ms']})" if "service_p99_ms" in r else ""
        rows.append(f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f}{inside} | {r['errors']} | "
                    f"{r['cpu_ms_per_request']:.3f} | {r['peak_rss_mb']:.0f} | {bound} | {versus} | {verdict} |")
    lines = [
        f"Run {results['when']} on {results['machine']}; service on {results['java']}, "
        f"`{results['java_opts']}`, {args.connections} connections, {args.duration} s a scenario after a "
        f"warm-up pass, {ours['seeded_users']:,} users seeded.",
        "",
        "| scenario | req/s | p50 ms | p99 ms (in the service) | errors | JVM CPU ms/request | peak RSS MB | ceiling: share | Keycloak equivalent: ours/theirs | targets |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|---|",
        *rows,
        "",
        f"- Start-up to healthy, first start (fresh database, migrations included, no AOT cache yet): "
        f"**{ours['startup_seconds']:.2f} s** ({'met' if ours['startup_seconds'] < 8 else 'MISSED'}: < 8 s)"
        + (f"; Keycloak {peer['startup_seconds']:.2f} s" if peer else "") + ".",
        f"- Start-up to healthy, every later start (JDK AOT cache from the first run, as the Docker image does): "
        + (f"**{ours['restart_seconds']:.2f} s** ({'met' if ours['restart_seconds'] < 3 else 'MISSED'}: < 3 s)."
           if "restart_seconds" in ours else "not measured (needs JDK 25)."),
        f"- Peak resident memory over every scenario: **{ours['peak_rss_mb']:.0f} MB**"
        + (f"; Keycloak {peer['peak_rss_mb']:.0f} MB ({'met' if ours['peak_rss_mb'] <= peer['peak_rss_mb'] / 2 else 'MISSED'}: at most half)"
           if peer else "") + ".",
        f"- Password hash: {ours['hash']['ms_per_hash']:.2f} ms each ({ours['hash']['parameters']}), "
        f"ceiling {ours['hash']['ceiling_per_s']:.0f}/s on {ours['hash']['cores']} cores "
        f"(measured on all cores at once: {ours['hash']['all_cores_per_s']:.0f}/s).",
        f"- Codes sent, then verified: {ours.get('codes_verified', 0):,}.",
    ]
    if ours.get("tables"):
        lines += ["", "What PostgreSQL held after every scenario (`vacuum analyze`d after seeding, not after the "
                  "scenarios):", "", "| table | rows | total MB | of which indexes MB | bytes a row |",
                  "|---|---:|---:|---:|---:|"]
        lines += [f"| {t['table']} | {t['rows']:,} | {t['bytes'] / 1e6:.1f} | {t['index_bytes'] / 1e6:.1f} | "
                  f"{t['bytes'] / max(1, t['rows']):.0f} |" for t in ours["tables"]]
    if peer:
        lines += ["", f"Keycloak {peer['version']} on the same machine and PostgreSQL:", "",
                  "| Keycloak | req/s | p50 ms | p99 ms | errors | JVM CPU ms/request | peak RSS MB |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        lines += [f"| {n} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['errors']} | "
                  f"{r['cpu_ms_per_request']:.3f} | {r['peak_rss_mb']:.0f} |"
                  for n, r in peer["scenarios"].items()]
    return "\n".join(lines) + "\n"


def record(table):
    """Puts the table into bench/RESULTS.md, between its table markers."""
    path = os.path.join(BENCH, "RESULTS.md")
    with open(path) as f:
        text = f.read()
    start, end = "<!-- table: written by bench/run.sh --record -->\n", "<!-- end of table -->"
    before, rest = text.split(start, 1)
    with open(path, "w") as f:
        f.write(before + start + table + rest[rest.index(end):])


def machine():
    memory = 0
    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) // (1024 * 1024)
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    pg = psql("show server_version", db="postgres", capture=True)
    return f"{os.cpu_count()} cores ({model}), {memory} GiB, {platform.system()} {platform.release()}, PostgreSQL {pg}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["run", "peer"], nargs="?", default="run")
    parser.add_argument("--quick", action="store_true",
                        help="10,000 users, 5 s scenarios after 3 s of warm-up, no Keycloak: under three minutes")
    parser.add_argument("--users", type=int, help="users to seed (default 100,000)")
    parser.add_argument("--million", action="store_true", help="seed 1,000,000 users")
    parser.add_argument("--duration", type=int, help="seconds a scenario (default 20)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--peer", dest="peer", action="store_true", default=None, help="also run Keycloak")
    parser.add_argument("--no-peer", dest="peer", action="store_false")
    parser.add_argument("--only", metavar="REGEX",
                        help="run only the scenarios (ours and Keycloak's) whose name matches, e.g. 'me|userinfo'")
    parser.add_argument("--record", action="store_true", help="also put the table into bench/RESULTS.md")
    args = parser.parse_args()
    args.users = args.users or (1_000_000 if args.million else 10_000 if args.quick else 100_000)
    args.duration = args.duration or (5 if args.quick else 20)
    if args.peer is None:
        args.peer = not args.quick
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(RESULTS, exist_ok=True)
    home = java_home()
    settings = {"java_home": home, "java_opts": os.environ.get("BENCH_JAVA_OPTS", DEFAULT_JAVA_OPTS),
                "master_key": base64.b64encode(os.urandom(32)).decode(),
                "tenant_key": "bench", "tenant_secret": secrets.token_hex(32),
                "admin_password": "Bench-" + secrets.token_urlsafe(12)}
    results = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(),
               "java": java_version(home), "java_opts": settings["java_opts"],
               "users": args.users, "duration": args.duration, "connections": args.connections}
    if args.command == "run":
        results["service"] = run_service(args, settings)
    if args.command == "peer" or args.peer:
        results["keycloak"] = run_keycloak(args, settings)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(RESULTS, f"{stamp}.json"), "w") as f:
        json.dump(results, f, indent=2)
    shutil.copy(os.path.join(RESULTS, f"{stamp}.json"), os.path.join(RESULTS, "latest.json"))
    if "service" in results:
        table = report(results, args)
        for name in (f"{stamp}.md", "latest.md"):
            with open(os.path.join(RESULTS, name), "w") as f:
                f.write(table)
        if args.record:
            record(table)
        print("\n" + table)
    else:
        print(json.dumps(results["keycloak"], indent=2))


if __name__ == "__main__":
    import atexit
    import urllib.parse  # noqa: E402  (used by the Keycloak forms)
    atexit.register(stop_all)
    main()
