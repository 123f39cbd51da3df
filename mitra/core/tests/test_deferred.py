"""The one deferred-refresh helper the tallies share (mitra/core/deferred.py)."""

import pytest

from mitra.core.deferred import DeferredRefresh


def _refresher() -> tuple[DeferredRefresh, list[set[int]]]:
    refreshed: list[set[int]] = []
    return DeferredRefresh("test_tally", lambda keys: refreshed.append(set(keys))), refreshed


def test_a_change_outside_a_block_refreshes_at_once() -> None:
    refresher, refreshed = _refresher()
    refresher.changed(3)
    refresher.changed(3)
    assert refreshed == [{3}, {3}]


def test_a_block_refreshes_each_key_once_at_its_end_and_nested_blocks_leave_it_to_the_outer() -> (
    None
):
    refresher, refreshed = _refresher()
    with refresher.deferred():
        refresher.changed(1)
        with refresher.deferred():
            refresher.changed(2)
            refresher.changed(1)
        assert refreshed == []
    assert refreshed == [{1, 2}]
    refresher.changed(5)  # after the block: at once again
    assert refreshed == [{1, 2}, {5}]


def test_a_block_that_raises_refreshes_nothing() -> None:
    refresher, refreshed = _refresher()

    def change_then_fail() -> None:
        with refresher.deferred():
            refresher.changed(1)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert refreshed == []
    refresher.changed(2)
    assert refreshed == [{2}]


def test_two_refreshers_keep_their_own_keys() -> None:
    first, first_refreshed = _refresher()
    second, second_refreshed = _refresher()
    with first.deferred():
        first.changed(1)
        second.changed(9)  # not deferred: the block is the first one's
    assert (first_refreshed, second_refreshed) == ([{1}], [{9}])
