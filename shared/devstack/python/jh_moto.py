"""moto_server with thread-safe SQS queues: what the devstack runs.

moto's server handles each request on its own thread, but its SQS queue
mutates shared state without a lock:

- ``Queue.delete_message`` rebuilds the message list and assigns it back,
  so a message that ``add_message`` appends (or that a concurrent delete
  keeps) in between is lost: a message sent while another is deleted can
  vanish, and a received one can no longer be deleted
  (``ReceiptHandleIsInvalid``);
- two concurrent ``ReceiveMessage`` calls can both hand out messages of the
  same FIFO group, and one fails with "Set changed size during iteration".

Real SQS does neither, and our tests (a lost discovery message leaves its
company pending forever) must not see it. Each queue already has a
condition variable (``_messages_lock``, over an ``RLock``); this wraps every
operation that reads and writes a queue's messages in it, and makes the
long poll wait on it (see ``_polling_receive``).

Run as ``python3 -c "$(cat jh_moto.py)" -H HOST -p PORT``: the arguments are
moto_server's.
"""

import functools
import sys
import time

from moto.sqs import models


def _locked_queue_method(name):
    original = getattr(models.Queue, name)

    @functools.wraps(original)
    def wrapper(self, *args, **kwargs):
        with self._messages_lock:
            return original(self, *args, **kwargs)

    setattr(models.Queue, name, wrapper)


def _locked_backend_method(name):
    original = getattr(models.SQSBackend, name)

    @functools.wraps(original)
    def wrapper(self, queue_name, *args, **kwargs):
        queue = self.get_queue(queue_name)
        with queue._messages_lock:
            return original(self, queue_name, *args, **kwargs)

    setattr(models.SQSBackend, name, wrapper)


def _polling_receive():
    """ReceiveMessage, each attempt under the queue's lock, the long poll
    between attempts outside it.

    moto's own long poll holds the request in a loop for the whole wait;
    under the lock that would stall every other request to the queue, and
    with FIFO groups in flight it spins (a core per poller) without seeing
    a group freed meanwhile. Here each attempt is a short poll, and between
    attempts the poll sleeps on the queue's condition: a sent message wakes
    it at once, and a freed group or an expired visibility (which notify
    nobody) is seen within 50 ms.
    """
    original = models.SQSBackend.receive_message

    @functools.wraps(original)
    def wrapper(self, queue_name, count, wait_seconds_timeout, *args, **kwargs):
        queue = self.get_queue(queue_name)
        deadline = time.monotonic() + (wait_seconds_timeout or 0)
        with queue._messages_lock:
            while True:
                result = original(self, queue_name, count, 0, *args, **kwargs)
                remaining = deadline - time.monotonic()
                if result or remaining <= 0:
                    return result
                queue._messages_lock.wait(timeout=min(0.05, remaining))

    models.SQSBackend.receive_message = wrapper


for _name in ("add_message", "delete_message"):
    _locked_queue_method(_name)
for _name in ("change_message_visibility", "purge_queue"):
    _locked_backend_method(_name)
_polling_receive()


if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
