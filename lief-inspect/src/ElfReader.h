// The ELF reader's shared parts: one class template per ELF flavour (32/64-bit, either byte
// order) whose members read one table each, in ElfReader.cpp (identity, dynamic section,
// symbols, versions, stack), ElfRelocations.cpp, ElfSizes.cpp and ElfInitializers.cpp.
// Private to lief-inspect: every read goes through the bounds-checked helpers declared here.
#pragma once

#include "coldstart/inspect/ElfInspector.h"

#include "LiefModel.h"
#include "Versions.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/DebugInfo/DWARF/DWARFDebugLine.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Object/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/DataExtractor.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cassert>
#include <set>
#include <tuple>
#include <unordered_map>

namespace coldstart::inspect::elf {

// This header is included only by the reader's own files, which are written against LLVM's
// object library throughout.
using namespace llvm;
using namespace llvm::object;
using report::BinaryReport;
using report::ByteKind;

inline Error makeError(const Twine &Message) {
  return createStringError(inconvertibleErrorCode(), Message);
}

inline std::string toHex(uint64_t V) {
  std::string S;
  raw_string_ostream OS(S);
  OS << "0x";
  OS.write_hex(V);
  return S;
}

/// Relocation kinds as the loader sees them.
enum class RelocKind { Relative, Symbolic, JumpSlot, Tls, Copy, IRelative, None, Other };

RelocKind classifyRelocation(unsigned Machine, uint32_t Type);

/// Functions the toolchain's start files (crtbegin, crti) or libgcc put in the init tables.
bool isToolchainInitName(StringRef Name);

/// "_GLOBAL__sub_I_65535_0__Z3foov" -> "_GLOBAL__sub_I_65535_0_foo()"; other names demangled.
std::string readableName(StringRef Symbol);

/// Whether every line-table header in .debug_line uses only the forms LLVM's prologue parser
/// reads safely without a compile unit (strings, string offsets, constants, blocks).
bool lineTablesAreSafe(StringRef Section, bool LittleEndian);

template <class ELFT> class ElfReader {
  using Elf_Shdr = typename ELFT::Shdr;
  using Elf_Phdr = typename ELFT::Phdr;
  using Elf_Dyn = typename ELFT::Dyn;
  using Elf_Sym = typename ELFT::Sym;
  using Elf_Rel = typename ELFT::Rel;
  using Elf_Rela = typename ELFT::Rela;
  using Elf_Relr = typename ELFT::Relr;
  using UInt = typename ELFT::uint;
  static constexpr unsigned WordSize = ELFT::Is64Bits ? 8 : 4;

public:
  ElfReader(const ELFFile<ELFT> &Obj, MemoryBufferRef Buffer, const InspectOptions &Options,
            BinaryReport &Out)
      : Obj(Obj), Buffer(Buffer), Data(Buffer.getBuffer()), Options(Options), Out(Out) {}

  Error run();
  /// Header and dynamic section only (for dependency resolution).
  Error runDynamicOnly() {
    if (Error E = readTables())
      return E;
    readIdentity();
    readDynamic();
    return Error::success();
  }

private:
  const ELFFile<ELFT> &Obj;
  MemoryBufferRef Buffer;
  StringRef Data;
  const InspectOptions &Options;
  BinaryReport &Out;

  unsigned Machine = 0;
  ArrayRef<Elf_Phdr> Phdrs;
  ArrayRef<Elf_Shdr> Sections;
  std::vector<StringRef> SectionNames;
  std::vector<lief::SectionFacts> SectionKinds;
  ArrayRef<Elf_Dyn> Dyn;
  StringRef DynStr;
  std::unordered_map<uint64_t, uint64_t> DynTags; // first value of each tag
  bool HasDynamic = false;
  bool IsRela = true; // style of the dynamic relocation tables

  const Elf_Shdr *DynSymSec = nullptr;
  ArrayRef<Elf_Sym> DynSyms;
  StringRef DynSymStr;
  const Elf_Shdr *SymTabSec = nullptr;

  // What relocations do to init-table slots: slot address -> (target, how).
  struct SlotFix {
    uint64_t Target = 0;
    std::string How;
    bool Known = true;
  };
  // [begin, end) of the init tables, sorted and merged so a lookup is a binary search (a
  // hostile file may declare tens of thousands of overlapping tables).
  std::vector<std::pair<uint64_t, uint64_t>> SlotRanges;
  std::unordered_map<uint64_t, SlotFix> SlotFixes;

  void note(const Twine &T) { Out.Notes.push_back(T.str()); }

  /// The alignment llvm::object's note iterator walks a note table with (it accepts 0, 1, 4
  /// and 8 and uses at least 4); Elf_Note::getDesc needs the same, and asserts on 0 (found by
  /// the ELF fuzz target).
  static uint64_t noteAlign(uint64_t Align) { return std::max<uint64_t>(Align, 4); }

  bool inSlots(uint64_t Addr) const {
    auto It = std::upper_bound(SlotRanges.begin(), SlotRanges.end(), Addr,
                               [](uint64_t A, const auto &R) { return A < R.first; });
    return It != SlotRanges.begin() && Addr < std::prev(It)->second;
  }

  /// Bytes [Off, Off+Size) of the file, or nullopt when they are not all inside it.
  std::optional<StringRef> fileBytes(uint64_t Off, uint64_t Size) const {
    if (Off > Data.size() || Size > Data.size() - Off)
      return std::nullopt;
    return Data.substr(Off, Size);
  }

  /// File bytes backing [Addr, Addr+Size) of the address space, per the PT_LOAD segments.
  std::optional<StringRef> vaddrBytes(uint64_t Addr, uint64_t Size) const {
    for (const Elf_Phdr &P : Phdrs) {
      if (P.p_type != ELF::PT_LOAD)
        continue;
      uint64_t VA = P.p_vaddr, FS = P.p_filesz;
      if (Addr < VA || Addr - VA >= FS || Size > FS - (Addr - VA))
        continue;
      return fileBytes(uint64_t(P.p_offset) + (Addr - VA), Size);
    }
    return std::nullopt;
  }

  /// All file bytes from Addr to the end of its segment's file image.
  std::optional<StringRef> vaddrTail(uint64_t Addr) const {
    for (const Elf_Phdr &P : Phdrs) {
      if (P.p_type != ELF::PT_LOAD)
        continue;
      uint64_t VA = P.p_vaddr, FS = P.p_filesz;
      if (Addr < VA || Addr - VA >= FS)
        continue;
      return fileBytes(uint64_t(P.p_offset) + (Addr - VA), FS - (Addr - VA));
    }
    return std::nullopt;
  }

  std::optional<StringRef> sectionBytes(const Elf_Shdr &S) const {
    if (S.sh_type == ELF::SHT_NOBITS)
      return StringRef();
    return fileBytes(S.sh_offset, S.sh_size);
  }

  /// The NUL-terminated string at Off, looked for in at most MaxLen bytes (so reading many
  /// entries that point into one huge unterminated string stays linear).
  static StringRef cString(StringRef Table, uint64_t Off, size_t MaxLen) {
    if (Off >= Table.size())
      return StringRef();
    StringRef S = Table.drop_front(Off).take_front(MaxLen);
    return S.take_until([](char C) { return C == '\0'; });
  }
  static constexpr size_t MaxSectionName = 4096;
  static constexpr size_t MaxSymbolName = 16384; // long mangled C++ names fit

  /// A string of the dynamic string table, at most MaxLen bytes: no library name, path list or
  /// version is longer than PATH_MAX, and copies of longer ones (a hostile file can point
  /// thousands of entries at one huge string) would multiply the file's size.
  StringRef dynString(uint64_t Off, size_t MaxLen = MaxDynamicString) const {
    StringRef S = cString(DynStr, Off, MaxLen + 1);
    if (S.size() > MaxLen) {
      TruncatedStrings = true;
      return S.take_front(MaxLen);
    }
    return S;
  }
  static constexpr size_t MaxDynamicString = 4096;   // PATH_MAX
  static constexpr size_t MaxVersionString = 256;    // NAME_MAX + 1: sonames and version tags
  static constexpr size_t MaxNeeded = 4096;          // as many as dependency resolution follows
  static constexpr size_t MaxInitFunctions = 16384;  // entries kept from the init tables
  static constexpr size_t MaxNeededBytes = 64 << 10; // of DT_NEEDED names (real ones: ~3 KiB)
  mutable bool TruncatedStrings = false;

  UInt readWord(const char *P) const { return support::endian::read<UInt, ELFT::Endianness, 1>(P); }
  /// The word at the start of Bytes, which holds at least one (vaddrBytes checked it).
  UInt readWord(StringRef Bytes) const {
    assert(Bytes.size() >= sizeof(UInt));
    return readWord(Bytes.begin());
  }

  std::optional<uint64_t> tag(uint64_t T) const {
    auto It = DynTags.find(T);
    if (It == DynTags.end())
      return std::nullopt;
    return It->second;
  }

  lief::HeaderFields headerFields() const {
    const auto &H = Obj.getHeader();
    lief::HeaderFields F;
    F.Type = H.e_type;
    F.Machine = H.e_machine;
    F.Class = H.e_ident[ELF::EI_CLASS];
    F.Data = H.e_ident[ELF::EI_DATA];
    return F;
  }

  const Elf_Shdr *sectionNamed(StringRef Name) const {
    for (size_t I = 0; I < Sections.size(); ++I)
      if (SectionNames[I] == Name)
        return &Sections[I];
    return nullptr;
  }

  Error readTables();
  void readIdentity();
  void readDynamic();
  void readSymbols();
  void readVersionNeeds();
  void readVersionDefinitions();
  std::optional<StringRef> versionTable(uint64_t Tag, const char *Name);
  /// One version table's records (Elf_Verneed, Elf_Verdef and their auxiliary entries are
  /// chains linked by a byte offset to the next record, 0 ending the chain).
  template <class VisitFn>
  void walkVersionChain(StringRef Table, uint64_t Start, uint64_t Count, uint64_t RecordSize,
                        uint64_t NextField, uint64_t &Budget, const char *What, VisitFn Visit);
  std::optional<uint64_t> dynSymCountFromHash() const;
  void readRelocations();
  void attributeSizes();
  void readInitializers();
  void readStack();
  template <class RelT> void countRelocationTable(StringRef Bytes, bool Rela, uint64_t &Counted);
  void countRelr(StringRef Bytes);
  void recordSlot(uint64_t Offset, uint64_t Target, std::string How);
  std::optional<std::vector<uint64_t>> fdeStarts();
};

/// Instantiates a member defined outside ElfReader.cpp for every ELF flavour the reader opens.
#define COLDSTART_ELF_READER_INSTANTIATE(MEMBER)                                                   \
  template void ElfReader<ELF64LE>::MEMBER();                                                      \
  template void ElfReader<ELF32LE>::MEMBER();                                                      \
  template void ElfReader<ELF64BE>::MEMBER();                                                      \
  template void ElfReader<ELF32BE>::MEMBER();

} // namespace coldstart::inspect::elf
