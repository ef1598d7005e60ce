"""Fuzzing that uses what it loads (issue 10): spoiled and made-up setup files go through load,
list, checklist (Markdown, HTML, sometimes PDF), remind and export, and no command may end in a
traceback. A bounded version of bench/hostile_run.py (which runs 3,000 files, PDF for each)."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_setups import base_documents, exercise, generated, mutated

BASES = base_documents()
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))


def run(raw: bytes, pdf: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _loaded, problems = exercise(raw, Path(tmp), pdf=pdf)
    assert not problems, problems[0]


@pytest.mark.slow
@FUZZ
@given(st.randoms(use_true_random=False), st.integers(0, 9))
def test_commands_survive_mutated_setup_files(rnd: random.Random, roll: int):
    run(mutated(rnd, BASES), pdf=roll == 0)


@pytest.mark.slow
@FUZZ
@given(st.randoms(use_true_random=False), st.integers(0, 9))
def test_commands_survive_generated_setup_files(rnd: random.Random, roll: int):
    run(generated(rnd), pdf=roll == 0)


def test_the_hostile_files_do_load_and_reach_the_commands():
    """The fuzz is only worth something if many files get past the loader."""
    rng = random.Random(3)
    loaded = 0
    for i in range(40):
        raw = mutated(rng, BASES) if i % 2 else generated(rng)
        with tempfile.TemporaryDirectory() as tmp:
            ok, problems = exercise(raw, Path(tmp), pdf=False)
            assert not problems, problems[0]
            loaded += ok
    # Each field of the playbook may draw a hostile value (3 %), so the share of generated files
    # that load falls as the content grows: with 40 fields about 45 % load (was about 50 %).
    assert loaded >= 14
