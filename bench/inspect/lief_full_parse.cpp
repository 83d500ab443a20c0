// Baseline for bench/inspect/run.sh: what a plain LIEF 0.9 full parse of an ELF file costs
// (LIEF::ELF::Parser::parse reads the file into a vector and builds an object for every
// section, segment, symbol and relocation). Prints the counts so the work cannot be skipped.
#include <LIEF/ELF.hpp>

#include <cstdio>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s ELF-FILE\n", argv[0]);
    return 2;
  }
  try {
    std::unique_ptr<LIEF::ELF::Binary> B = LIEF::ELF::Parser::parse(argv[1]);
    size_t Relocs = 0, Syms = 0;
    for (const auto &R : B->relocations()) {
      (void)R;
      ++Relocs;
    }
    for (const auto &S : B->dynamic_symbols()) {
      (void)S;
      ++Syms;
    }
    std::printf("%s: %zu relocations, %zu dynamic symbols, %zu sections\n", argv[1], Relocs,
                Syms, B->sections().size());
  } catch (const std::exception &E) {
    std::fprintf(stderr, "%s: %s\n", argv[1], E.what());
    return 2;
  }
  return 0;
}
