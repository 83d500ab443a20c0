// Cross-checks on real system files: what the inspector reads must agree with llvm-readelf-19.
#include "TestSupport.h"
#include "Versions.h"

#include "coldstart/inspect/ElfInspector.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

using namespace coldstart;
using namespace coldstart::test;

namespace {

struct ReadelfFacts {
  std::vector<std::string> Needed;
  uint64_t DynamicRelocations = 0; // entries of the allocated (.rela.dyn/.rela.plt) tables
  uint64_t InitArrayBytes = 0;
  std::string MaxGlibc;
};

ReadelfFacts readelfFacts(const std::string &Path) {
  ReadelfFacts F;
  auto R = run(readelf(), {"llvm-readelf", "-d", "-r", "-S", "-V", "--wide", Path}, 120);
  std::istringstream In(R.Out);
  std::regex Needed(R"(\(NEEDED\)\s+Shared library: \[(.*)\])");
  std::regex RelocSection(R"(Relocation section '([^']+)' at offset \S+ contains (\d+) entr)");
  std::regex Section(R"(\[\s*\d+\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+))");
  std::regex VersionName(R"(Name: (GLIBC_[0-9.]+))");
  bool InVersionNeeds = false;
  for (std::string L; std::getline(In, L);) {
    std::smatch M;
    if (std::regex_search(L, M, Needed))
      F.Needed.push_back(M[1]);
    else if (std::regex_search(L, M, RelocSection))
      F.DynamicRelocations += std::stoull(M[2]);
    else if (std::regex_search(L, M, Section) && M[1] == ".init_array")
      F.InitArrayBytes = std::stoull(M[5], nullptr, 16);
    if (L.find("Version needs section") != std::string::npos)
      InVersionNeeds = true;
    else if (L.find("Version definition section") != std::string::npos ||
             L.find("Version symbols section") != std::string::npos)
      InVersionNeeds = false;
    if (InVersionNeeds && std::regex_search(L, M, VersionName)) {
      std::string V = std::string(M[1]).substr(6);
      auto A = inspect::parseVersionNumbers(V), B = inspect::parseVersionNumbers(F.MaxGlibc);
      if (A && (!B || inspect::compareVersions(*A, *B) > 0))
        F.MaxGlibc = V;
    }
  }
  return F;
}

void crossCheck(const std::string &Path) {
  if (readelf().empty())
    GTEST_SKIP() << "llvm-readelf-19 is not installed";
  if (!exists(Path))
    GTEST_SKIP() << Path << " is not on this machine";
  SCOPED_TRACE(Path);
  auto Facts = readelfFacts(Path);
  auto B = inspect::inspectElfFile(Path);
  ASSERT_TRUE(bool(B)) << llvm::toString(B.takeError());
  ASSERT_FALSE(Facts.Needed.empty());
  EXPECT_EQ(B->Dynamic.Needed, Facts.Needed);
  EXPECT_EQ(B->Relocations.Total, Facts.DynamicRelocations);
  EXPECT_GT(B->Relocations.Total, 0u);
  EXPECT_EQ(B->Initializers.InitArrayBytes, Facts.InitArrayBytes);
  // Every slot is either counted or a toolchain entry (DT_INIT adds one entry of its own).
  uint64_t Slots = Facts.InitArrayBytes / 8;
  uint64_t FromArray = 0;
  for (const auto &F : B->Initializers.Functions)
    FromArray += F.Table == ".init_array";
  EXPECT_EQ(FromArray, Slots);
  ASSERT_EQ(B->Dynamic.MaxVersions.count("GLIBC"), 1u);
  EXPECT_EQ(B->Dynamic.MaxVersions.at("GLIBC"), Facts.MaxGlibc);
  uint64_t Sum = 0;
  for (const auto &Bucket : B->Size.Buckets)
    Sum += Bucket.FileBytes;
  EXPECT_EQ(Sum, B->Bytes);
}

} // namespace

TEST(ReadelfCrossCheck, Libstdcxx) {
  crossCheck("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");
}
TEST(ReadelfCrossCheck, LibLLVM19) {
  crossCheck("/usr/lib/x86_64-linux-gnu/libLLVM.so.19.1");
}
TEST(ReadelfCrossCheck, CMake) {
  crossCheck("/usr/bin/cmake");
}
