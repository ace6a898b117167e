"""Hammers moto's SQS backend in-process from many threads, with
``jh_moto``'s patch applied (pass ``--unpatched`` to see moto fail without
it), and exits non-zero if a message is lost, delivered twice, a delete is
refused, a FIFO group is handed to two receivers at once, or a thread dies.

Thread switches are forced every microsecond so that the races the patch
closes show up in seconds rather than once in a long test suite.
"""

import sys
import threading
import time

sys.setswitchinterval(1e-6)
if "--unpatched" not in sys.argv:
    import jh_moto  # noqa: F401  (applies the patch)
from moto.sqs.models import sqs_backends

backend = sqs_backends["123456789012"]["us-east-1"]
failures = []


def run(queue_name, fifo, senders, per_sender, receivers):
    attrs = {"VisibilityTimeout": "30"}
    if fifo:
        attrs["FifoQueue"] = "true"
    queue = backend.create_queue(queue_name, **attrs)
    got, lock, sent_all = [], threading.Lock(), threading.Event()
    holders = {}

    def send(k):
        for i in range(per_sender):
            kwargs = {"group_id": f"g{i % 5}", "deduplication_id": f"{k}-{i}"} if fifo else {}
            backend.send_message(queue_name, f"{k}-{i}", **kwargs)

    def receive():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            msgs = backend.receive_message(queue_name, 10, 0, 30)
            groups = {m.group_id for m in msgs if m.group_id}
            with lock:
                for g in groups:
                    holders[g] = holders.get(g, 0) + 1
                    if holders[g] > 1:
                        failures.append(f"{queue_name}: group {g} held by two receivers")
                got.extend(m.body for m in msgs)
            # The batch is held, as a worker holds it while it works, until
            # just before its delete frees its groups.
            time.sleep(0.001 if msgs else 0)
            with lock:
                for g in groups:
                    holders[g] -= 1
            for m in msgs:
                backend.delete_message(queue_name, m.receipt_handle)
            if sent_all.is_set() and not msgs and not queue._messages:
                return
        failures.append(f"{queue_name}: receiver timed out")

    def guarded(target, *args):
        def body():
            try:
                target(*args)
            except Exception as e:  # a dead thread is a failure, not a hang
                failures.append(f"{queue_name}: {type(e).__name__}: {e}")
        return threading.Thread(target=body)

    send_threads = [guarded(send, k) for k in range(senders)]
    recv_threads = [guarded(receive) for _ in range(receivers)]
    for t in send_threads + recv_threads:
        t.start()
    for t in send_threads:
        t.join()
    sent_all.set()
    for t in recv_threads:
        t.join()
    expected = senders * per_sender
    if len(set(got)) != expected:
        failures.append(f"{queue_name}: {expected - len(set(got))} of {expected} messages lost")
    if len(got) != len(set(got)):
        failures.append(f"{queue_name}: {len(got) - len(set(got))} messages delivered twice")


run("standard", False, senders=2, per_sender=1500, receivers=3)
run("groups.fifo", True, senders=2, per_sender=300, receivers=3)
if failures:
    print("\n".join(sorted(set(failures))))
    sys.exit(1)
print("ok: no message lost or duplicated, no refused delete, one receiver per FIFO group")
