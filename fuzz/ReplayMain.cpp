// Runs a fuzz target's entry point over files, without libFuzzer: how the test suite replays
// every input that once crashed a target (fuzz/regressions/<target>/) in normal and sanitizer
// builds. Arguments are files or folders (every file in them). Exit 0 when every input
// returned; a crash, sanitizer report or invariant failure ends the process like it did the
// fuzzer.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size);

int main(int argc, char **argv) {
  std::vector<std::filesystem::path> Inputs;
  for (int I = 1; I < argc; ++I) {
    std::filesystem::path P(argv[I]);
    if (std::filesystem::is_directory(P)) {
      for (const auto &E : std::filesystem::directory_iterator(P))
        if (E.is_regular_file())
          Inputs.push_back(E.path());
    } else {
      Inputs.push_back(P);
    }
  }
  for (const auto &P : Inputs) {
    std::ifstream In(P, std::ios::binary);
    if (!In) {
      std::fprintf(stderr, "replay: cannot read %s\n", P.c_str());
      return 2;
    }
    std::vector<char> Bytes((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", P.c_str(), Bytes.size());
    // A copy of exactly Size bytes on the heap, as libFuzzer passes it (ASan sees overreads).
    std::vector<uint8_t> Copy(Bytes.begin(), Bytes.end());
    LLVMFuzzerTestOneInput(Copy.data(), Copy.size());
  }
  std::fprintf(stderr, "replay: %zu inputs, no crash\n", Inputs.size());
  return 0;
}
