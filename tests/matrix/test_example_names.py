"""Names an example uses without defining them are found, so the page can explain each one."""

from __future__ import annotations

from generator.matrix.example_names import given


def test_names_from_the_hidden_setup_that_the_code_reads_in_order_of_use():
    setup = "import tensorflow as tf\nhandle = fixture('x')\nlabels = 1\nfeatures = 2\nunused = 3\n"
    code = "m = hub.KerasLayer(handle)\nmodel.fit(features, labels)\n"
    assert given(setup, code) == ("handle", "features", "labels")


def test_names_the_code_defines_itself_or_never_reads_are_not_given():
    assert given("handle = 1\n", "handle = 2\nprint(handle)\n") == ()
    assert given("x = 1\n", "y = 2\n") == ()
    assert given(None, "print(handle)\n") == ()


def test_code_that_does_not_parse_gives_nothing():
    assert given("handle = 1\n", "print(handle\n") == ()
