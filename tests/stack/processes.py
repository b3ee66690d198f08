"""The production stack on this machine's loopback: nginx with TLS, application servers, workers, Redis.

Each process is started as production starts it (`hoinghi serve`, `hoinghi worker`, nginx with the site that
`hoinghi nginx_site` renders) with its output in a log file of the test's folder, and stopped by its own id.
"""

import datetime
import getpass
import ipaddress
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

REPO = Path(__file__).resolve().parents[2]
HOINGHI = str(Path(sys.executable).with_name("hoinghi"))
NGINX = "/usr/sbin/nginx"
START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, made here, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        # Its own authority, so that the test's client can be told to trust it and nothing else.
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "site.pem", folder / "site.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} stopped ({process.returncode}):\n{log.read_text()[-3000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{process.args} did not listen on {port} in {START_SECONDS} s:\n{log.read_text()[-3000:]}")


@dataclass
class Stack:
    folder: Path
    env: dict
    processes: list = field(default_factory=list)
    servers: dict = field(default_factory=dict)  # "A"/"B" -> port
    https_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    certificate: Path | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def start(self, name: str, args: list[str], env: dict | None = None) -> subprocess.Popen:
        log = self.folder / f"{name}.log"
        process = subprocess.Popen(
            args,
            cwd=REPO,
            env=env or self.env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def run(self, *args: str) -> str:
        return subprocess.run(
            [HOINGHI, *args], cwd=REPO, env=self.env, check=True, capture_output=True, text=True
        ).stdout

    def serve(self, name: str, env: dict | None = None, workers: int = 1) -> int:
        port = free_port()
        process = self.start(name, [HOINGHI, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)], env)
        wait_for_port(port, process, self.folder / f"{name}.log")
        return port

    def worker(self, name: str) -> subprocess.Popen:
        return self.start(name, [HOINGHI, "worker"])

    def proxy(self) -> None:
        """nginx in front of the servers, with the shipped site, as this user, on free ports."""
        self.certificate, key = self_signed(self.folder)
        site = self.run(
            "nginx_site",
            "--upstreams",
            " ".join(f"127.0.0.1:{port}" for port in self.servers.values()),
            "--server-name",
            "127.0.0.1",
            "--http-listen",
            f"127.0.0.1:{self.http_port}",
            "--https-listen",
            f"127.0.0.1:{self.https_port}",
            "--certificate",
            str(self.certificate),
            "--certificate-key",
            str(key),
        )
        (self.folder / "site.conf").write_text(site)
        prefix = self.folder / "nginx"
        prefix.mkdir()
        # Debian's nginx.conf would start workers as www-data and log under /var/log: this one keeps to the folder.
        user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
        (self.folder / "nginx.conf").write_text(
            f"""{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstreams '$request_method $uri $status $upstream_addr';
    access_log {prefix}/access.log upstreams;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    sendfile on;
    include {self.folder}/site.conf;
}}
"""
        )
        args = [NGINX, "-p", str(prefix), "-c", str(self.folder / "nginx.conf"), "-g", "daemon off;"]
        subprocess.run([*args[:-2], "-t"], check=True, capture_output=True)
        process = self.start("nginx", args)
        wait_for_port(self.https_port, process, self.folder / "nginx.log")

    def upstream_log(self) -> list[tuple[str, str, str, str]]:
        """(method, path, status, upstream address) of each request nginx finished."""
        lines = (self.folder / "nginx" / "access.log").read_text().splitlines()
        return [tuple(line.split(" ", 3)) for line in lines]

    def session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # REQUESTS_CA_BUNDLE would otherwise replace the certificate trusted below
        session.verify = str(self.certificate)
        session.headers["Referer"] = self.url + "/"
        return session

    def stop_process(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, 15)  # its own group: uvicorn's worker processes and LibreOffice go with it
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL to the process and its group, as the kernel's OOM killer or a crash ends it: no clean-up runs."""
        os.killpg(process.pid, 9)
        process.wait()

    def server_process(self, name: str) -> subprocess.Popen:
        bind = f"127.0.0.1:{self.servers[name]}"
        (process,) = [p for p in self.processes if bind in p.args and p.poll() is None]
        return process

    def stop(self) -> None:
        for process in reversed(self.processes):
            self.stop_process(process)
