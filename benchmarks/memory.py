"""Peak memory of this process, for the benchmarks (Linux /proc, else getrusage).

``reset_peak`` resets the kernel's high-water mark (VmHWM) so a step's own peak can be read
after it with ``peak_mb(reset=True)``; where that is impossible, ``peak_mb(False)`` gives
the peak since the process started.
"""

from __future__ import annotations


def reset_peak() -> bool:
    """Reset VmHWM (writing 5 to /proc/self/clear_refs); False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def status_mb(field: str) -> float:
    """A field of /proc/self/status (VmHWM, VmRSS …) in MB, or NaN."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def ru_maxrss_mb() -> float:
    """The process's peak RSS since it started, in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_mb(reset: bool) -> float:
    """The peak since the last reset (if ``reset`` worked), else since the start."""
    return status_mb("VmHWM") if reset else ru_maxrss_mb()
