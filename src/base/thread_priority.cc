#include "base/thread_priority.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace trailkeep {

Status LowerThreadCpuPriority() {
  if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 19) != 0) {
    return Internal(std::string("setpriority: ") + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace trailkeep
