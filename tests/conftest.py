from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT.parent / "shared" / "gold" / "seed_figures.yaml"
SCORER = ROOT.parent / "shared" / "tools" / "score_figures.py"
CONTENT = ROOT / "content"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not beside the checkout")


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory):
    """Keep jieba's dictionary cache and our index out of the user's cache folder."""
    mp = pytest.MonkeyPatch()
    mp.setenv("CAPEXREADER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))

    yield
    mp.undo()


@pytest.fixture(autouse=True)
def _own_folders(tmp_path_factory, monkeypatch):
    """Each test its own data folder (read state, exports, library) and settings: nothing of
    the user's is touched, and no test sees another's marks."""
    monkeypatch.setenv("CAPEXREADER_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("CAPEXREADER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


def seed_text(stem: str) -> str:
    return next(SEEDS.glob(f"{stem}*.txt")).read_text("utf-8")


async def wait_ready(pilot, timeout: float = 30.0) -> None:
    """Wait until the corpus is loaded and the search index built (or loading failed)."""
    app = pilot.app
    for _ in range(int(timeout / 0.05)):
        if app.session.ready:
            break
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()
