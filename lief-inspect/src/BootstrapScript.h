// Internal: following a custom runtime's shell bootstrap the way the shell would, far enough to
// know which program it starts, from which folder, with which library path. The aws-lambda-cpp
// packager writes
//   exec $LAMBDA_TASK_ROOT/lib/ld-linux-x86-64.so.2 --library-path $LAMBDA_TASK_ROOT/lib
//        $LAMBDA_TASK_ROOT/bin/<name> ${_HANDLER}   (one line in the script)
// and hand-written scripts `cd` first and run relative paths, keep paths in variables, set
// LD_LIBRARY_PATH, guard with `set -euo pipefail`. The script runs with Lambda's environment
// for a custom runtime (ScriptEnvironment): what the shell would compute from it and from
// constants of the script is computed; what only the run can tell (a command substitution other
// than the script's own folder, a condition, a function, eval, a variable set outside the script)
// is reported as not followed, with the line and the reason, never guessed.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coldstart::inspect::detail {

/// What Lambda gives a custom runtime's bootstrap ("Defined runtime environment variables" and
/// "Custom runtime" in the AWS Lambda Developer Guide): the working folder is the task root, the
/// script gets no arguments.
struct ScriptEnvironment {
  std::string TaskRoot = "/var/task";      // LAMBDA_TASK_ROOT, and the working folder at start
  std::string RuntimeDir = "/var/runtime"; // LAMBDA_RUNTIME_DIR
  /// LD_LIBRARY_PATH as Lambda sets it (the runtime manifest's ld-library-path).
  std::vector<std::string> LdLibraryPath;
  /// PATH as Lambda sets it.
  std::vector<std::string> Path = {"/usr/local/bin", "/usr/bin", "/bin", "/opt/bin"};
  /// $0 with symbolic links resolved (what `readlink -f "$0"` prints); empty: $0 itself.
  std::string ResolvedScriptPath;
  /// Whether a path under the task root or /opt is a file of the package or a layer: a name
  /// without '/' is looked up in PATH's folders with it. Unset: no file is.
  std::function<bool(const std::string &)> Exists;
};

struct ScriptCommand {
  bool Found = false;
  unsigned LineNumber = 0; // 1-based line of the script the command starts on
  std::string Line;        // the command as written (continuations joined)
  /// The program started, expanded: an absolute path ("/var/task/lib/ld-linux-x86-64.so.2"),
  /// or a name without '/' the shell looks up in SearchPath ("Rscript").
  std::string Program;
  std::vector<std::string> SearchPath; // PATH at the command, when Program has no '/'
  bool Exec = false;                   // started with `exec`: the shell is replaced by it
  /// When Program is a dynamic loader (ld-linux*.so*, ld-*.so*): the program it runs (an
  /// absolute path, or a name the loader looks up in LibraryPath) and its options.
  bool Loader = false;
  std::string Target;
  bool HasLoaderLibraryPath = false;    // the loader was given --library-path
  std::vector<std::string> LibraryPath; // --library-path, split as the loader splits it
  /// LD_LIBRARY_PATH as the script leaves it for the program, when the script sets it (export,
  /// an assignment, `VAR=value cmd` or `env`); nullopt when the program gets Lambda's.
  std::optional<std::vector<std::string>> LdLibraryPath;
  /// Program arguments whose value only the run knows ("${_HANDLER}"); arguments are not files
  /// coldstart follows, so these are informational.
  std::vector<std::string> Unexpanded;
  /// "line 3: ..." remarks on what was assumed or could not be followed without stopping the
  /// follower (the default of ${VAR:-default} taken for a variable set outside the script, an
  /// LD_LIBRARY_PATH whose value is not known).
  std::vector<std::string> Notes;
  /// When nothing was found: why ("line 4: exec $(cat cmd) runs a command substitution
  /// coldstart does not evaluate").
  std::string Why;
  /// Whether Why says the script could not be followed (a construct coldstart does not
  /// evaluate), as opposed to a script that starts nothing.
  bool NotFollowed = false;
};

/// The command of Script (the bootstrap at ScriptPath, e.g. /var/task/bootstrap) that starts
/// the function: the first `exec` that runs a program, else the last command that runs a file of
/// the package or a layer, else the script's last command.
ScriptCommand followBootstrapScript(const std::string &Script, const std::string &ScriptPath,
                                    const ScriptEnvironment &Env);
/// The same in Lambda's environment with TaskRoot as the task root.
ScriptCommand followBootstrapScript(const std::string &Script, const std::string &ScriptPath,
                                    const std::string &TaskRoot = "/var/task");

/// Whether a file name is that of glibc's dynamic loader (ld-linux-x86-64.so.2, ld-2.26.so).
bool isDynamicLoaderName(const std::string &FileName);

/// Whether an interpreter line's program is a POSIX shell this follower reads ("/bin/sh",
/// "/bin/bash", "/usr/bin/env bash").
bool isShellInterpreter(const std::string &Interpreter);

/// A folder list as glibc's loader splits LD_LIBRARY_PATH and --library-path (':' and ';'),
/// each entry made absolute against Cwd (an empty entry is the working folder).
std::vector<std::string> splitLibraryPath(const std::string &Value, const std::string &Cwd);

} // namespace coldstart::inspect::detail
