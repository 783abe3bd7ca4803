"""Simulated editors over real HTTP: sign in, open a section, autosave like the browser does.

Used by the load and concurrency benchmarks and by tests/test_sqlite_concurrency.py. Each
editor has its own ``requests.Session`` (its own cookie and CSRF token), sends the whole
section form as ``new FormData(form)`` would, and keeps the versions the server returns.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import requests

from testing.page_form import as_browser_sends, section_form_fields

_TOKEN_RE = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@dataclass
class Timing:
    """One request: what it was, its status, how long it took, and the error text if any."""

    kind: str
    status: int
    seconds: float
    error: str = ""


@dataclass
class Editor:
    base: str
    email: str
    password: str
    iso3: str
    cycle_id: int
    section: str
    timeout_s: float = 60.0
    session: requests.Session = field(default_factory=requests.Session)
    form: dict[str, list[str]] = field(default_factory=dict)
    timings: list[Timing] = field(default_factory=list)

    @property
    def section_url(self) -> str:
        return f"{self.base}/states/{self.iso3}/cycles/{self.cycle_id}/sections/{self.section}"

    def _timed(self, kind: str, method: str, url: str, **kwargs) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = self.session.request(method, url, timeout=self.timeout_s, **kwargs)
        except requests.RequestException as exc:
            self.timings.append(Timing(kind, 0, time.perf_counter() - started, repr(exc)))
            return None
        seconds = time.perf_counter() - started
        error = response.text[:2000] if response.status_code >= 500 else ""
        if "database is locked" in response.text:
            error = "database is locked: " + response.text[:500]
        self.timings.append(Timing(kind, response.status_code, seconds, error))
        return response

    def sign_in(self) -> bool:
        page = self.session.get(self.base + "/sign-in", timeout=self.timeout_s).text
        token = _TOKEN_RE.search(page).group(1)
        response = self._timed("sign_in", "POST", self.base + "/sign-in", data={
            "csrf_token": token, "email": self.email, "password": self.password},
            allow_redirects=False)
        return response is not None and response.status_code == 302

    def load_section(self, kind: str = "section_page") -> bool:
        response = self._timed(kind, "GET", self.section_url)
        if response is None or response.status_code != 200:
            return False
        sent = as_browser_sends(section_form_fields(response.text))
        self.form = {name: sent.getlist(name) for name in sent}
        return True

    def autosave(self, field_name: str, value: str) -> int:
        """Change one answer and autosave the whole form; 0 when the request failed."""
        if not self.form:
            return 0
        data = {name: list(values) for name, values in self.form.items()}
        data[field_name] = [value]
        response = self._timed("autosave", "POST", self.section_url + "/autosave", data=data,
                               headers={"X-Requested-With": "fetch",
                                        "X-CSRFToken": self.form["csrf_token"][0]})
        if response is None:
            return 0
        if response.status_code in (200, 409) and "json" in response.headers.get(
                "Content-Type", ""):
            payload = response.json()
            for name, version in payload.get("versions", {}).items():
                self.form["__v__" + name] = [str(version)]
            for name, digest in payload.get("hashes", {}).items():
                self.form["__h__" + name] = [digest]
            if response.status_code == 200:
                self.form[field_name] = [value]
        return response.status_code

    def health(self) -> int:
        response = self._timed("health", "GET", self.base + "/health")
        return response.status_code if response is not None else 0
