"""Issue 15, finding 14: what the image installs is pinned, bounded and free of known
request-smuggling releases."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]


def _runtime() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in project["dependencies"]]


def test_every_runtime_dependency_has_an_upper_bound() -> None:
    for requirement in _runtime():
        assert any(s.operator in ("<", "<=", "~=", "==") for s in requirement.specifier), (
            requirement
        )


def test_aiohttp_is_above_the_request_smuggling_fixes() -> None:
    [aiohttp] = [r for r in _runtime() if r.name == "aiohttp"]
    assert not aiohttp.specifier.contains(Version("3.13.2"))
    assert aiohttp.specifier.contains(Version("3.13.3"))


def test_the_lock_file_pins_every_dependency_with_hashes() -> None:
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {
        m.group(1).lower().replace("_", "-"): m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", lock, re.M)
    }
    for requirement in _runtime():
        version = pinned.get(requirement.name.lower())
        assert version is not None, f"{requirement.name} is not in requirements.lock"
        assert requirement.specifier.contains(Version(version)), (requirement, version)
    assert "--hash=sha256:" in lock and "file:///" not in lock


def test_the_image_installs_the_lock_file_on_a_pinned_base() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    [base] = re.findall(r"^FROM (\S+)", dockerfile, re.M)
    assert re.fullmatch(r"python:\d+\.\d+\.\d+-slim-\w+|python@sha256:[0-9a-f]{64}", base), base
    assert "pip install --require-hashes -r requirements.lock" in dockerfile
    assert "pip install --no-deps ." in dockerfile
