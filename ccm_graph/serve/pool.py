"""Query workers: processes that evaluate queries on the shared read-only store, in lanes.

pyoxigraph cannot interrupt a running query, and a Python thread cannot be killed, so the
only way to really stop a runaway query is to kill the process evaluating it: the pool does
that at the time limit and starts a fresh worker, while the other workers keep answering.
Each worker also has an address-space limit: a query that needs more memory ends its worker
(the allocation fails and the process aborts), the visitor gets a 503 that says so, and the
worker is replaced.

Fairness: the public lane serves /sparql, and one visitor (a client address) holds at most
all but one of its workers, and while one of its queries runs long (past DEMOTE_AFTER) it
starts no other, so one visitor's slow queries hold one worker and leave the rest to the
others; waiting visitors are served fewest-running first. The explorer's own short queries
have a lane of their own, so the explorer keeps answering whatever /sparql is given.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph

from ccm_graph import errors
from ccm_graph.serve.dataset import SharedStore
from ccm_graph.serve.results import Job, Reply, run_job

MB = 2**20
MAX_WAITING_PER_CLIENT = 8
RECURSION_LIMIT = 20_000
DEMOTE_AFTER = 0.5  # seconds; then a query's worker runs at low CPU priority
LOW_PRIORITY = 15  # the guard's parser recurses per bracket level (guard.MAX_DEPTH)


class Busy(Exception):
    """No worker could take the job: the HTTP status and the reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _worker_main(directory: str, union: bool, memory_mb: int, connection: Connection) -> None:
    """A worker: open the store read-only, cap its memory, then answer jobs until the pipe
    closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    sys.setrecursionlimit(RECURSION_LIMIT)
    try:
        graph = pyoxigraph.Store.read_only(directory)
    except OSError as error:
        _send(connection, f"cannot open the store: {error}")
        return
    if memory_mb:
        _limit_memory(memory_mb)
    _quiet_stderr()
    if not _send(connection, "ready"):
        return
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        try:
            reply = run_job(graph, job, union)
        except MemoryError:
            reply = Reply(503, memory_message(memory_mb).encode())
        except RecursionError:
            reply = Reply(400, b"the query nests too deeply to be evaluated")
        if not _send(connection, reply):
            return


def _send(connection: Connection, message: object) -> bool:
    """Send to the server; False when it has gone (shut down while this worker started, or
    it gave up on the job at its time limit), and the worker then ends quietly."""
    try:
        connection.send(message)
    except (BrokenPipeError, ConnectionResetError):
        return False
    return True


def _limit_memory(memory_mb: int) -> None:
    """Allow this process `memory_mb` MB of address space beyond what it holds now."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        size = int(statm.read().split()[0]) * resource.getpagesize()
    limit = size + memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _quiet_stderr() -> None:
    """A worker that runs out of memory aborts with a Rust message on stderr; the visitor
    gets the reason in the 503, the server's console need not show it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def memory_message(memory_mb: int) -> str:
    return (
        f"query stopped: it used more than {memory_mb} MB of memory "
        "(the server's --memory-limit); the worker has been replaced"
    )


def _demote(worker: _Worker) -> bool:
    pid = worker.process.pid
    if pid is None:  # not started
        return False
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, pid, LOW_PRIORITY)
        return True
    return False


@dataclass(eq=False)  # compared and hashed by identity: each is one process
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection

    def stop(self) -> None:
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class Lane:
    """Workers that take jobs in fair order: per client, at most `per_client` at once."""

    def __init__(self, name: str, size: int, per_client: int) -> None:
        self.name = name
        self.size = size
        self.per_client = per_client
        self._ready = threading.Condition()
        self._idle: list[_Worker] = []
        self._running: Counter[str] = Counter()
        self._long: Counter[str] = Counter()  # jobs past DEMOTE_AFTER, per client
        self._waiting: list[tuple[int, str]] = []  # (ticket, client) in arrival order
        self._tickets = 0

    def add(self, worker: _Worker) -> None:
        with self._ready:
            self._idle.append(worker)
            self._ready.notify_all()

    def acquire(self, client: str, timeout: float) -> _Worker:
        """A worker for `client`, when its turn comes; Busy when none comes in time."""
        with self._ready:
            if sum(1 for _, waiting in self._waiting if waiting == client) >= (
                MAX_WAITING_PER_CLIENT
            ):
                raise Busy(
                    429,
                    f"too many queries at once from {client}: wait for the ones you sent to finish",
                )
            self._tickets += 1
            ticket = (self._tickets, client)
            self._waiting.append(ticket)
            deadline = time.monotonic() + timeout
            try:
                while not (self._idle and self._next() == ticket):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise Busy(503, "the server is busy: every query worker is in use")
                    self._ready.wait(remaining)
            finally:
                self._waiting.remove(ticket)
                self._ready.notify_all()
            self._running[client] += 1
            return self._idle.pop()

    def mark_long(self, client: str) -> None:
        """A job of `client` has run past DEMOTE_AFTER: until it ends, the client waits."""
        with self._ready:
            self._long[client] += 1

    def release(self, client: str, worker: _Worker | None, long: bool = False) -> None:
        """Give a worker back (None when it died and a replacement is on its way)."""
        with self._ready:
            self._running[client] -= 1
            if self._running[client] <= 0:
                del self._running[client]
            if long:
                self._long[client] -= 1
                if self._long[client] <= 0:
                    del self._long[client]
            if worker is not None:
                self._idle.append(worker)
            self._ready.notify_all()

    def _next(self) -> tuple[int, str] | None:
        """The waiting job to serve next: its client under the cap and with no long query
        running, fewest running first."""
        eligible = [
            t
            for t in self._waiting
            if self._running[t[1]] < self.per_client and not self._long[t[1]]
        ]
        return min(eligible, key=lambda t: (self._running[t[1]], t[0])) if eligible else None

    def drain(self) -> list[_Worker]:
        with self._ready:
            idle, self._idle = self._idle, []
            return idle


class QueryPool:
    """Worker processes on a shared store, in a public lane and an explorer lane."""

    PUBLIC = "public"
    EXPLORER = "explorer"

    def __init__(
        self,
        shared: SharedStore,
        size: int,
        timeout: float,
        memory_mb: int = 0,
        explorer_size: int = 1,
    ) -> None:
        self.shared = shared
        self.timeout = timeout
        self.memory_mb = memory_mb
        size = max(1, size)
        self.lanes = {
            self.PUBLIC: Lane(self.PUBLIC, size, per_client=max(1, size - 1)),
            self.EXPLORER: Lane(self.EXPLORER, max(1, explorer_size), per_client=explorer_size),
        }
        self._context = multiprocessing.get_context("forkserver")
        self._closed = False
        self._busy: set[_Worker] = set()
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the workers; raises InputError naming the graph if its store cannot open."""
        self._context.set_forkserver_preload(["ccm_graph.serve.pool"])
        for lane in self.lanes.values():
            for _ in range(lane.size):
                lane.add(self._spawn())

    def run(self, job: Job, client: str = "local", lane: str = PUBLIC) -> Reply:
        """Answer a job in a worker of `lane`, in `client`'s fair turn.

        Returns a 429 or 503 reply when no worker comes in time, a 503 when the query passes
        the time or memory limit (the worker is then replaced)."""
        chosen = self.lanes[lane]
        try:
            worker = chosen.acquire(client, self.timeout)
        except Busy as busy:
            return Reply(busy.status, busy.message.encode())
        with self._lock:
            self._busy.add(worker)
        long = False

        def demoted() -> None:
            nonlocal long
            long = True
            chosen.mark_long(client)

        try:
            reply, alive = self._round_trip(worker, job, demoted)
        finally:
            with self._lock:
                self._busy.discard(worker)
        if alive:
            chosen.release(client, worker, long)
        else:
            chosen.release(client, None, long)
            self._replace(worker, chosen)
        return reply

    def _round_trip(
        self, worker: _Worker, job: Job, on_demote: Callable[[], None]
    ) -> tuple[Reply, bool]:
        """Send a job and wait for its reply; the flag says whether the worker goes on.

        A job still running after DEMOTE_AFTER seconds has its process's CPU priority
        lowered, so that short queries in other workers keep the processors, and its client
        waits for it before starting another (`on_demote`); since a process may not raise
        its priority again, that worker retires after the job."""
        demoted = False
        try:
            worker.connection.send(job)
            if not worker.connection.poll(min(DEMOTE_AFTER, self.timeout)):
                demoted = _demote(worker)
                on_demote()
                if not worker.connection.poll(max(0.0, self.timeout - DEMOTE_AFTER)):
                    message = (
                        f"query stopped: it ran longer than the time limit of {self.timeout:g} s"
                    )
                    return Reply(503, message.encode()), False
            return worker.connection.recv(), not demoted
        except (EOFError, OSError, BrokenPipeError):
            return self._death_reply(worker), False

    def _death_reply(self, worker: _Worker) -> Reply:
        worker.process.join(timeout=2)
        code = worker.process.exitcode
        if self.memory_mb and code in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV):
            # Rust aborts when an allocation fails under the address-space limit
            return Reply(503, memory_message(self.memory_mb).encode())
        return Reply(500, b"the query worker stopped unexpectedly; it has been restarted")

    def close(self) -> None:
        self._closed = True
        for lane in self.lanes.values():
            for worker in lane.drain():
                worker.stop()
        with self._lock:
            busy = list(self._busy)
        for worker in busy:
            worker.stop()

    def _replace(self, worker: _Worker, lane: Lane) -> None:
        """Kill a worker (it may be mid-query) and start another in the background."""
        worker.stop()
        if self._closed:
            return

        def respawn() -> None:
            try:
                fresh = self._spawn()
            except errors.InputError:
                return  # the store went away: the lane shrinks, the rest keeps serving
            if self._closed:
                fresh.stop()
            else:
                lane.add(fresh)

        threading.Thread(target=respawn, daemon=True).start()

    def _spawn(self) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        arguments = (
            str(self.shared.directory),
            self.shared.union_default_graph,
            self.memory_mb,
            child_end,
        )
        process = self._context.Process(target=_worker_main, args=arguments, daemon=True)
        process.start()
        child_end.close()
        try:
            status = parent_end.recv()
        except EOFError:
            status = "the query worker exited while opening the store"
        if status != "ready":
            process.kill()
            raise errors.InputError(self.shared.source, str(status))
        return _Worker(process, parent_end)
