"""Keep long-lived data out of the garbage collector's way."""

from __future__ import annotations

import gc


def settle() -> None:
    """Move what is alive now (articles, a long article's figures and wrapped lines) out of the
    collector's sight: otherwise every full collection walks it all again, a pause of 200 ms or
    more with a 16 MB article open. Frozen objects are still freed when no longer referenced."""
    gc.freeze()
