// The folder a measured function runs from (its LAMBDA_TASK_ROOT) and the program Lambda would
// start in it: a zip is unpacked into a private temporary folder that is removed afterwards.
// Public so the hostile-input suite and the archive fuzz target can unpack zips the way
// `coldstart measure` does.
#pragma once

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace coldstart::measure {

class TaskRoot {
public:
  /// Prepares Artifact: a .zip (unpacked safely: an entry whose name would leave the folder
  /// refuses the zip, links are never followed, at most MaxUnpackedBytes), a package folder, or
  /// a single executable.
  static llvm::Expected<TaskRoot> prepare(const std::string &Artifact, uint64_t MaxUnpackedBytes);

  TaskRoot(TaskRoot &&Other) noexcept;
  TaskRoot &operator=(TaskRoot &&) = delete;
  ~TaskRoot();

  const std::string &root() const { return Root; }
  const std::string &bootstrap() const { return Bootstrap; }

private:
  TaskRoot() = default;
  std::string Root;
  std::string Bootstrap;
  std::string Owned; // the temporary folder this object removes, if any
};

} // namespace coldstart::measure
