// The bridge to LIEF's ELF model. LIEF 0.9's parser reads the whole file into a vector and builds
// an object for every symbol and relocation (3x the file's size on libLLVM, see bench/README.md),
// and it is not hardened against corrupt input. So coldstart validates and reads the tables with
// llvm::object and builds LIEF's model objects (Header, Segment, Section, DynamicEntry) from the
// validated, byte-order-converted header fields; the classification below is LIEF's.
#pragma once

#include <cstdint>
#include <string>

namespace coldstart::inspect::lief {

/// The fields of an ELF file header, already in host byte order.
struct HeaderFields {
  uint16_t Type = 0, Machine = 0;
  uint8_t Class = 0, Data = 0;
};
struct SegmentFields {
  uint32_t Type = 0, Flags = 0;
  uint64_t Offset = 0, VAddr = 0, FileSize = 0, MemSize = 0;
};
struct SectionFields {
  uint32_t Type = 0;
  uint64_t Flags = 0, Addr = 0, Offset = 0, Size = 0;
};

enum class FileKind { Relocatable, Executable, Dynamic, Core, Other };
FileKind fileKind(const HeaderFields &H);
/// LIEF's name of the machine ("x86_64", "aarch64", ...).
std::string machineName(const HeaderFields &H);

struct SegmentFacts {
  bool Load = false, Dynamic = false, Interp = false, Tls = false, GnuStack = false, Note = false,
       Executable = false, Writable = false;
};
SegmentFacts segmentFacts(const SegmentFields &S);

struct SectionFacts {
  bool NoBits = false, Alloc = false, Write = false, Exec = false, SymTab = false, DynSym = false,
       StrTab = false, Rel = false, Rela = false, Relr = false, Dynamic = false, Hash = false,
       GnuHash = false, Versym = false, Verneed = false, Verdef = false, Note = false,
       InitArray = false, PreinitArray = false, FiniArray = false, Null = false;
};
SectionFacts sectionFacts(const SectionFields &S);

} // namespace coldstart::inspect::lief
