// Process and file-system measurements from /proc and the directory tree.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace trailkeep::bench {

// Bytes allocated on disk under `path` (st_blocks * 512, like `du`),
// recursively. 0 when the path does not exist.
uint64_t DiskUsageBytes(const std::string& path);

// A /proc/PID/status field in KiB ("VmHWM", "VmRSS"); -1 when unreadable.
long ProcStatusKib(pid_t pid, const char* field);

// User + system CPU seconds the process has used so far; -1 when unreadable.
double ProcCpuSeconds(pid_t pid);

// Resets the process's peak RSS (VmHWM) to its current RSS by writing 5 to
// /proc/PID/clear_refs. Returns false when the kernel refused.
bool ResetPeakRss(pid_t pid);

}  // namespace trailkeep::bench
