// Runs a real program (the built coldstart, clang-tidy-19, zip) and captures what it printed.
#pragma once

#include <string>
#include <vector>

namespace coldstart::test {

struct ToolResult {
  int ExitCode = -1;
  std::string Stdout;
  std::string Stderr;
};

/// Runs Program with Args (argv[0] is added), standard input from /dev/null, in WorkingDir when
/// given. A program that cannot be started yields ExitCode -1 and the reason in Stderr.
ToolResult runTool(const std::string &Program, const std::vector<std::string> &Args,
                   const std::string &WorkingDir = "", unsigned TimeoutSeconds = 300);

/// A fresh empty folder under the system temporary folder, removed by the destructor.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return Path; }
  /// Rel inside the folder (nothing is created).
  std::string path(const std::string &Rel) const;
  /// Writes Content to Name inside the folder (creating subfolders) and returns its path.
  std::string write(const std::string &Name, const std::string &Content) const;

private:
  std::string Path;
};

/// The bytes of Path; empty when it cannot be read.
std::string readFile(const std::string &Path);
/// Writes Bytes to Path (replacing it); a file that cannot be written stops the test program.
void writeFile(const std::string &Path, const std::string &Bytes);

} // namespace coldstart::test
