"""The server's secret key: never in the repository; a fresh install makes its own key file,
readable by its owner only, and a key file others can read is refused with a clear message."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from kinchain.errors import InputError
from kinchain.store.keys import SecretBox

ROOT = Path(__file__).resolve().parents[2]


def test_a_fresh_install_makes_its_own_key_file_that_only_its_owner_can_read(tmp_path):
    key_file = tmp_path / "data" / "secret.key"
    sealed = SecretBox(key_file=key_file).seal("JBSWY3DPEHPK3PXP")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert SecretBox(key_file=key_file).open(sealed) == "JBSWY3DPEHPK3PXP"
    other = tmp_path / "other" / "secret.key"
    assert SecretBox(key_file=other).seal("x") and key_file.read_bytes() != other.read_bytes()


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o606])
def test_a_key_file_that_others_can_read_is_refused_with_its_path_and_mode(tmp_path, mode):
    key_file = tmp_path / "secret.key"
    SecretBox(key_file=key_file)
    key_file.chmod(mode)
    expected = rf"secret.key: expected .*mode 600.*received mode {mode:o}"
    with pytest.raises(InputError, match=expected):
        SecretBox(key_file=key_file)


def test_no_secret_key_or_smtp_password_is_committed_to_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert not [p for p in tracked if p.endswith((".key", ".pem", ".env"))]
    found = subprocess.run(["git", "grep", "-nE", r"KINCHAIN_(SECRET_KEY|SMTP_PASSWORD)=\S{8,}"],
                           cwd=ROOT, capture_output=True, text=True).stdout
    assert found == ""
