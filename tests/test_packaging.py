"""A wheel carries everything the installed app reads: the prompt templates, the judge model and the classifiers' weights."""

import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from a copy of the source (so no build/ or egg-info lands in the checkout), without the network."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for package in ("bot", "index", "prompts"):
        shutil.copytree(REPO / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", str(source),
                            "-w", str(out)], capture_output=True, text=True, timeout=300)
    if built.returncode != 0 and "No module named" in built.stderr:
        pytest.skip(f"cannot build a wheel here: {built.stderr.strip().splitlines()[-1]}")
    assert built.returncode == 0, built.stderr
    [path] = out.glob("manysides-*.whl")
    return path


@pytest.mark.slow
def test_the_wheel_carries_every_prompt_template_and_model_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = sorted(p.name for p in (REPO / "prompts").glob("*.txt"))
    assert templates and {f"prompts/{t}" for t in templates} <= names
    assert {"index/injection_model.json", "index/clutter_model.json"} <= names
    assert {f"bot/judge_model/{p.name}" for p in (REPO / "bot" / "judge_model").iterdir() if p.is_file()} <= names


@pytest.mark.slow
def test_the_installed_wheel_renders_its_own_prompts(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import bot.prompts as p; "
              "print(p.__file__); print(p.PROMPTS_DIR); print(p.render_prompt('judge_user', **dict.fromkeys(p._load('judge_user')[0], 'x'))[:20])")
    ran = subprocess.run([sys.executable, "-c", script, str(site)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert ran.returncode == 0, ran.stderr
    module, folder, rendered = ran.stdout.splitlines()[:3]
    assert module.startswith(str(site)) and folder.startswith(str(site / "prompts")) and rendered.strip()
