// Internal: following a custom runtime's shell bootstrap the way the shell would, far enough to
// know which program of the package it starts and how: the aws-lambda-cpp packager writes
//   exec $LAMBDA_TASK_ROOT/lib/ld-linux-x86-64.so.2 --library-path $LAMBDA_TASK_ROOT/lib
//        $LAMBDA_TASK_ROOT/bin/<name> ${_HANDLER}   (one line in the script)
// Only constant words are understood ($LAMBDA_TASK_ROOT, $(dirname "$0"), variables assigned a
// constant earlier); anything else is reported as not followed, never guessed.
#pragma once

#include <string>
#include <vector>

namespace coldstart::inspect::detail {

struct ScriptCommand {
  bool Found = false;
  std::string Line;    // the command as written (continuations joined)
  std::string Program; // first word, expanded ("/var/task/lib/ld-linux-x86-64.so.2")
  bool Exec = false;   // started with `exec`
  /// When Program is a dynamic loader (ld-linux*.so*, ld-*.so*): the program it runs and the
  /// options it was given.
  bool Loader = false;
  std::string Target;
  std::vector<std::string> LibraryPath; // --library-path, split at ':'
  std::vector<std::string> Unexpanded;  // words that kept a $ we could not expand
  std::string Why;                      // when nothing was found, why
};

/// The command of Script (the bootstrap at ScriptPath, e.g. /var/task/bootstrap) that starts
/// the function: the first `exec`, else the last command that names a path under TaskRoot or
/// /opt.
ScriptCommand followBootstrapScript(const std::string &Script, const std::string &ScriptPath,
                                    const std::string &TaskRoot = "/var/task");

/// Whether a file name is that of glibc's dynamic loader (ld-linux-x86-64.so.2, ld-2.26.so).
bool isDynamicLoaderName(const std::string &FileName);

} // namespace coldstart::inspect::detail
