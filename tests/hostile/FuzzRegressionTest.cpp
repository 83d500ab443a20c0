// Replays, for every fuzz target (fuzz/), the inputs that once crashed it
// (fuzz/regressions/<target>/, named after the defect they found) and the hand-made seeds of its
// corpus (fuzz/corpus/<target>/) through the target's own entry point and invariants, built
// without libFuzzer as fuzz/replay-<target>. Each run is bounded (120 s, 2 GiB); in the
// sanitizer build the same inputs run under ASan and UBSan.
#include "HostileSupport.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace coldstart::test;

namespace {

std::vector<std::string> inputs(const std::string &Folder) {
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Folder, EC), End; It != End && !EC; It.increment(EC))
    if (llvm::sys::fs::is_regular_file(It->path()) && !llvm::StringRef(It->path()).ends_with(".md"))
      Files.push_back(It->path());
  std::sort(Files.begin(), Files.end());
  return Files;
}

class FuzzRegression : public ::testing::TestWithParam<std::string> {};

} // namespace

TEST_P(FuzzRegression, ReplaysCrashesAndSeeds) {
  std::string Target = GetParam();
  std::string Replay = std::string(COLDSTART_BINARY_DIR) + "/fuzz/replay-" + Target;
  ASSERT_TRUE(llvm::sys::fs::can_execute(Replay)) << Replay;
  std::string Src = std::string(COLDSTART_SOURCE_DIR) + "/fuzz/";
  std::vector<std::string> Files = inputs(Src + "regressions/" + Target);
  size_t Regressions = Files.size();
  for (const std::string &Seed : inputs(Src + "corpus/" + Target))
    Files.push_back(Seed);
  ASSERT_FALSE(Files.empty()) << "no seeds for " << Target;
  for (const std::string &F : Files) {
    SCOPED_TRACE(F);
    Bounded R = runBounded({Replay, F}, 120, 2048);
    EXPECT_FALSE(R.TimedOut);
    EXPECT_EQ(R.Exit, 0) << R.Err.substr(0, 6000);
  }
  RecordProperty("regressions", int(Regressions));
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzRegression,
                         ::testing::Values("elf", "archive", "rules", "runtime-manifest", "compdb"),
                         [](const auto &Info) {
                           std::string N = Info.param;
                           std::replace(N.begin(), N.end(), '-', '_');
                           return N;
                         });
