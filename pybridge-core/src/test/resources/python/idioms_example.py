"""The Python half of IdiomsExample: an asyncio client, a generator, a listener class, a transaction."""
import asyncio
import contextlib
import logging

log = logging.getLogger("idioms_example")


async def fetch(url):
    await asyncio.sleep(0.01)          # stands for real network I/O
    return f"<html>{url}</html>"


def rows(n):
    for i in range(n):
        yield {"id": i, "valid": i % 2 == 0}


class PrintingListener:
    def __init__(self):
        self.events = []

    def on_event(self, name, count):
        self.events.append(name)
        log.info("event %s (%d)", name, count)


@contextlib.contextmanager
def transaction(journal):
    journal.append("begin")
    try:
        yield journal
    except Exception:
        journal.append("rollback")
        raise
    else:
        journal.append("commit")
