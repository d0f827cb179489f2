"""CPU cost of a write to a page after fork, per page, on this machine: what each page a sandbox job's processes
write costs. `copy`: the page is still shared with a live child (copy-on-write copies it); `reuse`: the child is
gone, so the write faults but keeps the page; `populate`: MADV_POPULATE_WRITE breaks the sharing of a whole range in
one call (no fault per page), then the writes; `scattered`: every SCATTER_STRIDE-th page only, by faults or by one
process_madvise call over all of them (the shape of the pages a sandbox candidate writes); `none`: no fork since the
last write (the loop's own cost). Medians of ROUNDS rounds.   python3 bench/fork-fault-cost.py"""
import ctypes
import mmap
import os
import time

PAGES = 2000  # pages written per round: about a fork-server's anonymous memory (8-9 MB)
ROUNDS = 20  # rounds per mode; the median is printed
PAGE = mmap.PAGESIZE
MADV_POPULATE_WRITE = 23  # Linux 5.14+
SCATTER_STRIDE = 8  # a candidate writes ~280 of a server's ~2,200 anonymous pages, in ~160 runs
SYS_PIDFD_OPEN, SYS_PROCESS_MADVISE = 434, 440  # x86-64 system call numbers

buf = mmap.mmap(-1, PAGES * PAGE, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)


def write_all():
    """CPU microseconds per page of one write to every page."""
    t = time.process_time()
    for i in range(PAGES):
        buf[i * PAGE] = 2
    return (time.process_time() - t) / PAGES * 1e6


def populate_then_write():
    t = time.process_time()
    buf.madvise(MADV_POPULATE_WRITE, 0, PAGES * PAGE)
    for i in range(PAGES):
        buf[i * PAGE] = 2
    return (time.process_time() - t) / PAGES * 1e6


libc = ctypes.CDLL(None, use_errno=True)


class IoVec(ctypes.Structure):
    _fields_ = [('base', ctypes.c_void_p), ('length', ctypes.c_size_t)]


SCATTERED = range(0, PAGES, SCATTER_STRIDE)
base = ctypes.addressof(ctypes.c_char.from_buffer(buf))
iov = (IoVec * len(SCATTERED))(*[IoVec(base + i * PAGE, PAGE) for i in SCATTERED])


def scattered_write():
    t = time.process_time()
    for i in SCATTERED:
        buf[i * PAGE] = 2
    return (time.process_time() - t) / len(SCATTERED) * 1e6


def scattered_populate_then_write():
    t = time.process_time()
    pidfd = libc.syscall(SYS_PIDFD_OPEN, os.getpid(), 0)
    done = libc.syscall(SYS_PROCESS_MADVISE, pidfd, iov, len(SCATTERED), MADV_POPULATE_WRITE, 0)
    os.close(pidfd)
    if done != len(SCATTERED) * PAGE:
        raise OSError(ctypes.get_errno(), 'process_madvise')
    for i in SCATTERED:
        buf[i * PAGE] = 2
    return (time.process_time() - t) / len(SCATTERED) * 1e6


def in_child(measure):
    """`measure` in a forked child, its pages still shared with this process (as a candidate's are with the server)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(w, repr(measure()).encode())
        finally:
            os._exit(0)
    os.close(w)
    out = os.read(r, 64)
    os.close(r)
    os.waitpid(pid, 0)
    if not out:
        raise OSError('the child could not measure')
    return float(out)


def with_child(measure, child_alive):
    """`measure` after a fork, with the child still alive (its pages shared) or already reaped."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.read(r, 1)
        os._exit(0)
    if not child_alive:
        os.write(w, b'x')
        os.waitpid(pid, 0)
    us = measure()
    if child_alive:
        os.write(w, b'x')
        os.waitpid(pid, 0)
    os.close(r)
    os.close(w)
    return us


write_all()
runs = {'none': [], 'copy': [], 'reuse': [], 'populate (copy)': [], 'populate (reuse)': [], 'scattered, faults': [],
        'scattered, process_madvise': []}
for _ in range(ROUNDS):
    write_all()  # after the last round's forks: every page writable again
    runs['none'].append(write_all())
    runs['copy'].append(with_child(write_all, True))
    runs['reuse'].append(with_child(write_all, False))
    try:
        runs['populate (copy)'].append(with_child(populate_then_write, True))
        runs['populate (reuse)'].append(with_child(populate_then_write, False))
    except OSError:  # a kernel before 5.14
        pass
    runs['scattered, faults'].append(in_child(scattered_write))
    try:
        runs['scattered, process_madvise'].append(in_child(scattered_populate_then_write))
    except OSError:  # a kernel without process_madvise, or one that refuses this advice
        pass
load = os.getloadavg()[0]
for name, values in runs.items():
    if values:
        values.sort()
        pages = len(SCATTERED) if name.startswith('scattered') else PAGES
        print('%-27s %.2f us of CPU per page written (median of %d rounds of %d pages; load %.1f)' % (
            name, values[len(values) // 2], len(values), pages, load))
