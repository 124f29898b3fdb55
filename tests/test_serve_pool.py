"""The pool's fair lanes, without processes: a visitor holds at most all but one worker, and
while one of its queries runs long it starts no other; the others are served meanwhile."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pyoxigraph
import pytest

from ccm_graph.serve.pool import MAX_WAITING_PER_CLIENT, Busy, Lane

pytestmark = pytest.mark.slow


def lane_of(size: int) -> Lane:
    lane = Lane("public", size, per_client=max(1, size - 1))
    for number in range(size):
        lane.add(f"worker-{number}")  # any object stands for a worker here
    return lane


def test_one_visitor_holds_at_most_all_but_one_worker():
    lane = lane_of(3)
    taken = [lane.acquire("slow", 1), lane.acquire("slow", 1)]
    with pytest.raises(Busy) as busy:
        lane.acquire("slow", 0.2)
    assert busy.value.status == 503
    assert lane.acquire("other", 0.2) not in taken  # the last worker is the others'


def test_a_visitor_with_a_long_query_waits_while_others_are_served():
    lane = lane_of(3)
    first = lane.acquire("slow", 1)
    lane.mark_long("slow")
    with pytest.raises(Busy):
        lane.acquire("slow", 0.2)
    assert lane.acquire("other", 0.2) is not None
    assert lane.acquire("third", 0.2) is not None
    lane.release("slow", first, long=True)
    assert lane.acquire("slow", 0.2) == first


def test_waiting_visitors_are_served_fewest_running_first():
    lane = lane_of(2)
    held = lane.acquire("busy", 1)
    other = lane.acquire("quiet", 1)
    order: list[str] = []

    def wait(client: str) -> None:
        lane.acquire(client, 5)
        order.append(client)

    waiters = [threading.Thread(target=wait, args=("busy",))]
    waiters.append(threading.Thread(target=wait, args=("fresh",)))
    for thread in waiters:
        thread.start()
        time.sleep(0.05)  # "busy" asks first
    lane.release("quiet", other)
    time.sleep(0.1)
    assert order == ["fresh"]  # "busy" already holds one: the newcomer goes first
    lane.release("busy", held)
    for thread in waiters:
        thread.join(timeout=5)
    assert order == ["fresh", "busy"]


def test_too_many_waiting_queries_from_one_visitor_get_429():
    lane = Lane("public", 1, per_client=1)
    lane.add("worker")
    lane.acquire("flood", 1)
    outcomes: list[int] = []

    def wait() -> None:
        try:
            lane.acquire("flood", 1)
        except Busy as busy:
            outcomes.append(busy.status)

    threads = [threading.Thread(target=wait) for _ in range(MAX_WAITING_PER_CLIENT)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    with pytest.raises(Busy) as refused:
        lane.acquire("flood", 1)
    assert refused.value.status == 429
    for thread in threads:
        thread.join(timeout=5)
    assert outcomes == [503] * MAX_WAITING_PER_CLIENT  # the queued ones time out, not 429


WORKER_AFTER_SHUTDOWN = """
import multiprocessing, sys
from ccm_graph.serve.pool import _worker_main
ours, theirs = multiprocessing.Pipe()
ours.close()  # the server has shut down before the worker could say anything
_worker_main(sys.argv[1], True, 0, theirs)
print("ended")
"""


@pytest.mark.parametrize("store", ["missing", "present"])
def test_a_worker_started_as_the_server_shuts_down_ends_quietly(tmp_path, store):
    directory = tmp_path / "store"
    if store == "present":
        pyoxigraph.Store(str(directory)).flush()
    done = subprocess.run(
        [sys.executable, "-c", WORKER_AFTER_SHUTDOWN, str(directory)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ended"
    assert "Traceback" not in done.stderr
