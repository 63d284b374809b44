"""Where numba writes its compiled-kernel cache: a user cache folder, never the installed package.

A server install keeps the package read-only, so the cache goes to ``NUMBA_CACHE_DIR`` when it
is set, else to the user cache folder ``platformdirs`` names (when installed), else to
``~/.cache/kinchain/numba``. numba reads ``NUMBA_CACHE_DIR`` when it is first imported, so each
module that compiles kernels calls :func:`use_user_cache_dir` before importing numba.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["numba_cache_dir", "use_user_cache_dir"]


def numba_cache_dir() -> Path:
    """The folder numba's cache goes to, without creating it."""
    chosen = os.environ.get("NUMBA_CACHE_DIR")
    if chosen:
        return Path(chosen)
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return Path.home() / ".cache" / "kinchain" / "numba"
    return Path(user_cache_dir("kinchain")) / "numba"


def use_user_cache_dir() -> Path:
    """Point ``NUMBA_CACHE_DIR`` at :func:`numba_cache_dir` unless it is set; return the folder."""
    folder = numba_cache_dir()
    os.environ.setdefault("NUMBA_CACHE_DIR", str(folder))
    return folder
