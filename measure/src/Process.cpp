#include "Process.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace coldstart::measure {

ChildProcess::~ChildProcess() {
  if (Pid > 0 && !Reaped)
    kill();
}

std::optional<std::string> ChildProcess::spawn(const std::vector<std::string> &Argv,
                                               const std::vector<std::string> &Env,
                                               const std::string &WorkingDir,
                                               const std::string &StdoutPath,
                                               const std::string &StderrPath) {
  posix_spawn_file_actions_t Actions;
  posix_spawnattr_t Attributes;
  posix_spawn_file_actions_init(&Actions);
  posix_spawnattr_init(&Attributes);
  posix_spawn_file_actions_addopen(&Actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&Actions, 1, StdoutPath.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0600);
  posix_spawn_file_actions_addopen(&Actions, 2, StderrPath.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0600);
  posix_spawn_file_actions_addchdir_np(&Actions, WorkingDir.c_str());
  // Its own process group, so a bootstrap that forks helpers is stopped whole.
  posix_spawnattr_setflags(&Attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&Attributes, 0);
  sigset_t Empty, All;
  sigemptyset(&Empty);
  sigfillset(&All);
  posix_spawnattr_setsigmask(&Attributes, &Empty);
  posix_spawnattr_setsigdefault(&Attributes, &All);

  std::vector<char *> ArgPtrs, EnvPtrs;
  for (const std::string &A : Argv)
    ArgPtrs.push_back(const_cast<char *>(A.c_str()));
  ArgPtrs.push_back(nullptr);
  for (const std::string &E : Env)
    EnvPtrs.push_back(const_cast<char *>(E.c_str()));
  EnvPtrs.push_back(nullptr);

  int Error =
      posix_spawn(&Pid, Argv[0].c_str(), &Actions, &Attributes, ArgPtrs.data(), EnvPtrs.data());
  posix_spawn_file_actions_destroy(&Actions);
  posix_spawnattr_destroy(&Attributes);
  if (Error != 0) {
    Pid = -1;
    return "cannot start '" + Argv[0] + "': " + std::strerror(Error);
  }
  Reaped = false;
  return std::nullopt;
}

bool ChildProcess::reap(bool Block) {
  if (Reaped || Pid <= 0)
    return true;
  pid_t R;
  do {
    R = waitpid(Pid, &Status, Block ? 0 : WNOHANG);
  } while (R < 0 && errno == EINTR);
  if (R == Pid) {
    Reaped = true;
    return true;
  }
  return false;
}

bool ChildProcess::exited() {
  return reap(false);
}

bool ChildProcess::waitForExit(std::chrono::milliseconds Limit) {
  auto Deadline = std::chrono::steady_clock::now() + Limit;
  while (!exited()) {
    if (std::chrono::steady_clock::now() >= Deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

void ChildProcess::kill() {
  if (Pid <= 0 || Reaped)
    return;
  ::kill(-Pid, SIGKILL);
  reap(true);
}

std::optional<uint64_t> ChildProcess::peakRssBytes() const {
  if (Pid <= 0 || Reaped)
    return std::nullopt;
  std::ifstream Status("/proc/" + std::to_string(Pid) + "/status");
  for (std::string Line; std::getline(Status, Line);)
    if (Line.rfind("VmHWM:", 0) == 0)
      return std::stoull(Line.substr(6)) * 1024; // "VmHWM:   1234 kB"
  return std::nullopt;                           // a zombie has no memory map left
}

std::string ChildProcess::howItEnded() const {
  if (!Reaped)
    return "still running";
  if (WIFEXITED(Status))
    return "exited with status " + std::to_string(WEXITSTATUS(Status));
  if (WIFSIGNALED(Status))
    return "killed by signal " + std::to_string(WTERMSIG(Status)) + " (" +
           strsignal(WTERMSIG(Status)) + ")";
  return "ended";
}

std::string tailOfFile(const std::string &Path, unsigned MaxLines, size_t MaxBytes) {
  std::ifstream In(Path, std::ios::binary | std::ios::ate);
  if (!In)
    return "";
  std::streamoff Size = In.tellg();
  std::streamoff Start = Size > static_cast<std::streamoff>(MaxBytes)
                             ? Size - static_cast<std::streamoff>(MaxBytes)
                             : 0;
  In.seekg(Start);
  std::string Text(static_cast<size_t>(Size - Start), '\0');
  In.read(Text.data(), static_cast<std::streamsize>(Text.size()));
  while (!Text.empty() && Text.back() == '\n')
    Text.pop_back();
  size_t Pos = Text.size();
  for (unsigned Lines = 0; Pos != std::string::npos && Pos > 0 && Lines < MaxLines; ++Lines)
    Pos = Text.rfind('\n', Pos - 1);
  return Pos == std::string::npos || Pos == 0 ? Text : Text.substr(Pos + 1);
}

} // namespace coldstart::measure
