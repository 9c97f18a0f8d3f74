"""A page kept compressed around its slots (casa/core/precompressed.py) is, for any value put
in the slots, a valid gzip stream of exactly the page with that value: empty parts, non-ASCII
text, and values longer than one stored block included; and its header's random name varies."""

import gzip
import random
import zlib

import pytest

from casa.core.precompressed import Precompressed

SLOT = "@@slot@@"


def page_and_value(seed):
    rng = random.Random(seed)
    alphabet = "abcdefghij <>\"'\n€àèìòù中文العربية"
    parts = ["".join(rng.choices(alphabet, k=rng.randint(0, 4000)))
             for _ in range(rng.randint(1, 5))]
    value = "".join(rng.choices("ABCdef0123", k=rng.choice([0, 1, 64, 70_000])))
    return parts, value


@pytest.mark.parametrize("seed", range(40))
def test_any_value_in_the_slots_gives_the_page_compressed(seed):
    parts, value = page_and_value(seed)
    page = Precompressed(SLOT.join(parts), SLOT)
    expected = value.join(parts).encode()
    assert page.text(value) == expected
    compressed = page.gzip(value)
    assert gzip.decompress(compressed) == expected
    stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
    assert stream.decompress(compressed) == expected
    assert stream.eof and stream.unused_data == b""  # one member, nothing after it


def test_a_page_compresses_and_each_answer_has_a_name_of_its_own():
    text = "<p>" + "Il riscaldamento riprende lunedì. " * 500 + SLOT + "</p>"
    page = Precompressed(text, SLOT)
    answers = {page.gzip("token") for _ in range(10)}
    assert len(answers) > 1
    assert max(len(answer) for answer in answers) < len(text) / 10
